import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createLogger } from '@tongxin/common';
import { personsSubgraph } from '@tongxin/persons';
import { openPlatformDatabases } from '../packages/platform/src/databases';
import { importCommand } from '../packages/platform/src/import';
import { chineseSheetRows, ChineseSheetRow, writeChineseCsv, writeChineseXlsx } from './harness/chinese-sheet';
import { freshDatabase } from './harness/database';

/**
 * Issue 15 §1: `npm run import -- persons FILE` (its command, as `main` runs it) imports a sheet
 * of 5,000 Chinese rows into a fresh database with no false errors, and the stored names,
 * employers and positions are the ones written. Before, .xlsx went through exceljs's streaming
 * reader, which damaged characters split between 16 KiB chunks.
 */
describe('npm run import with a large Chinese sheet', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongxin-import-command-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const run = async (file: string) => {
    const db = freshDatabase();
    const lines: string[] = [];
    const errors: string[] = [];
    try {
      const code = await importCommand(['persons', file], db.config, { log: (l) => lines.push(l), error: (l) => errors.push(l) });
      const platform = await openPlatformDatabases(db.config, createLogger('test', 'silent'), [personsSubgraph]);
      try {
        const stored: { name: string; employer: string; position: string }[] = await platform.dataSources.persons!.query('SELECT name, employer, position FROM person');
        return { code, lines, errors, stored: stored.map((r) => `${r.name}|${r.employer}|${r.position}`).sort() };
      } finally {
        await platform.close();
      }
    } finally {
      await db.drop(['persons']);
    }
  };
  const expected = (rows: readonly ChineseSheetRow[]) => rows.map((r) => `${r.name}|${r.employer}|${r.position}`).sort();

  it.each(['shared', 'inline'] as const)('imports an .xlsx (%s strings) and stores every employer as written', async (strings) => {
    const rows = chineseSheetRows(5_000, '330328');
    const file = path.join(dir, `persons-${strings}.xlsx`);
    await writeChineseXlsx(file, rows, strings);
    const result = await run(file);
    expect(result.errors).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.lines).toEqual([expect.stringMatching(/: 5000 rows; 5000 registered; 0 registered already \(skipped\); 0 errors/)]);
    expect(result.stored).toEqual(expected(rows));
  });

  it('imports a .csv with a byte-order mark and stores every employer as written', async () => {
    const rows = chineseSheetRows(5_000, '330329');
    const file = path.join(dir, 'persons.csv');
    writeChineseCsv(file, rows, true);
    const result = await run(file);
    expect(result.errors).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.stored).toEqual(expected(rows));
  });
});
