import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { readPersonCsv, readPersonSheet } from '@tongxin/persons';
import { chineseSheetRows, writeChineseCsv, writeChineseXlsx } from '../../../test/harness/chinese-sheet';

/**
 * Issue 15 §1: a sheet of 5,000 Chinese rows reads back cell for cell, however its bytes fall
 * into chunks. exceljs's streaming reader decoded each 16 KiB chunk of an entry on its own and
 * turned a character split between two chunks into U+FFFD (false row errors, damaged employers).
 */
describe('reading a large Chinese sheet', () => {
  const rows = chineseSheetRows(5_000);
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongxin-sheet-encoding-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const expectSameCells = async (file: string) => {
    const sheet = await readPersonSheet(file);
    expect(sheet.errors).toEqual([]);
    expect(sheet.ignoredColumns).toEqual([]);
    expect(sheet.rows).toHaveLength(rows.length);
    const differing = sheet.rows.flatMap((read, i) => {
      const written = rows[i]!;
      const fields = (['name', 'idNumber', 'employer', 'position'] as const).filter((f) => read[f] !== written[f]);
      return fields.length || read.rowNumber !== i + 2 ? [{ row: i + 2, fields, read: fields.map((f) => read[f]) }] : [];
    });
    expect(differing).toEqual([]);
    expect(sheet.rows.some((r) => r.name!.includes('\uFFFD') || r.employer!.includes('\uFFFD'))).toBe(false);
  };

  it.each(['shared', 'inline'] as const)('reads an .xlsx with %s strings cell for cell', async (strings) => {
    const file = path.join(dir, `sheet-${strings}.xlsx`);
    await writeChineseXlsx(file, rows, strings);
    await expectSameCells(file);
  });

  it.each([true, false])('reads a .csv (byte-order mark: %s) cell for cell', async (bom) => {
    const file = path.join(dir, `sheet-${bom}.csv`);
    writeChineseCsv(file, rows, bom);
    // Many 64 KiB reads of the file, so characters fall across them.
    expect(fs.statSync(file).size).toBeGreaterThan(8 * 64 * 1024);
    await expectSameCells(file);
  });

  it('reads a .csv arriving in Buffers of 1 to 7 bytes, most of them splitting a character', async () => {
    const file = path.join(dir, 'sheet-chunks.csv');
    writeChineseCsv(file, rows.slice(0, 500), true);
    const bytes = fs.readFileSync(file);
    const chunks: Buffer[] = [];
    for (let at = 0, n = 0; at < bytes.length; n += 1) {
      const size = 1 + (n % 7);
      chunks.push(bytes.subarray(at, at + size));
      at += size;
    }
    const sheet = await readPersonCsv(Readable.from(chunks, { objectMode: false }));
    expect(sheet.errors).toEqual([]);
    expect(sheet.rows.map((r) => [r.name, r.idNumber, r.employer, r.position])).toEqual(rows.slice(0, 500).map((r) => [r.name, r.idNumber, r.employer, r.position]));
  });
});
