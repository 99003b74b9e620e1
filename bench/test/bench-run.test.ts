/**
 * The bench's own logic end to end on a tiny dataset in MariaDB (run with TEST_DB=mysql; skipped
 * on SQLite): it makes the dataset, starts the subgraphs and the gateway as in production, the
 * floor and the peer, measures every operation (the import with 1,000 rows, once), explains the
 * statements of every read, judges every target, stops everything and leaves the dataset as it
 * found it. Its figures are not looked at (not timed); that the floor answers the same rows as
 * Tongxin is, and that the server's general log is as it was.
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { dropMysqlDatabase } from '@tongxin/common';
import { SUBGRAPHS } from '@tongxin/platform';
import { OPERATIONS } from '../operations';
import { runBench } from '../src/bench';
import { countRows, datasetConfig, floorDb } from '../src/dataset';
import { MysqlPool } from '../src/mysql';
import { parseOptions } from '../src/options';
import { ROOT, runningChildren } from '../src/processes';
import { NO_FULL_SCANS } from '../src/targets';

const mysql = process.env.TEST_DB === 'mysql';
const PERSONS = 200;
const IMPORT_ROWS = 1000;

(mysql ? describe : describe.skip)('npm run bench on a tiny dataset', () => {
  const options = {
    ...parseOptions(['--persons', String(PERSONS), '--duration', '1', '--connections', '2', '--warmup', '0', '--import-rows', String(IMPORT_ROWS), '--imports', '1']),
    output: null,
    say: () => undefined,
  };
  let pool: MysqlPool;

  beforeAll(() => {
    pool = new MysqlPool({ ...options.mysql, connections: 1 });
  });

  beforeAll(() => {
    // The floor and the peer run as child processes from the compiled bench (the subgraphs and
    // the gateway from theirs, which `npm test` builds).
    execFileSync(path.join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', path.join(ROOT, 'bench')], { stdio: 'inherit' });
  });

  afterAll(async () => {
    await pool?.end();
    const config = datasetConfig(options.mysql, PERSONS);
    for (const subgraph of ['persons', 'organizations', 'activities', 'evaluation']) await dropMysqlDatabase(config, `${config.databasePrefix}${subgraph}`);
  });

  // About a minute alone (the default timeout is two); a loaded machine, another suite beside it, has needed more.
  it('measures every operation against Tongxin, the floor and Hive, judges every target and stops everything', async () => {
    const [logBefore] = await pool.query<{ general_log: number; log_output: string }>('SELECT @@GLOBAL.general_log AS general_log, @@GLOBAL.log_output AS log_output');
    // A deployment whose gateway takes 64 KiB bodies (GATEWAY_* settings reach the bench's gateway):
    // the import's refusal-and-split path runs too. (The default, 8 MiB, takes a whole sheet in one
    // request: test/import-export.test.ts imports 10,000 rows so through the gateway.)
    process.env.GATEWAY_MAX_BODY_BYTES = String(64 * 1024);
    let results: Awaited<ReturnType<typeof runBench>>;
    try {
      results = await runBench(options);
    } finally {
      delete process.env.GATEWAY_MAX_BODY_BYTES;
    }
    expect(runningChildren()).toBe(0);
    // The EXPLAIN capture switched the server's general log on and off again.
    const [logAfter] = await pool.query<{ general_log: number; log_output: string }>('SELECT @@GLOBAL.general_log AS general_log, @@GLOBAL.log_output AS log_output');
    expect(logAfter).toEqual(logBefore);

    expect(results.dataset.persons).toBe(PERSONS);
    expect(results.dataset.memberships).toBeGreaterThan(0);
    expect(results.operations.map((o) => o.name)).toEqual(OPERATIONS.map((o) => o.name));
    // What the writes added was deleted: the counts are those of the start, here and in the databases.
    expect(results.datasetCheck?.unchanged).toBe(true);
    expect(await countRows(floorDb(pool, datasetConfig(options.mysql, PERSONS).databasePrefix))).toEqual(Object.fromEntries(Object.entries(results.dataset).filter(([k]) => k !== 'databasePrefix')));
    for (const op of results.operations) {
      if (op.kind === 'import') {
        const f = op.import!;
        expect({ operation: op.name, difference: op.floorDifference }).toEqual({ operation: op.name, difference: null });
        expect(f.rows).toBe(IMPORT_ROWS);
        // 1,000 rows (about 360 KB) are more than this gateway takes in one request (64 KiB): refused, then split.
        expect(f.refusal?.status).toBe(413);
        expect(f.requestsPerImport).toBeGreaterThan(1);
        expect(f.tongxin.runs).toHaveLength(1);
        expect(f.tongxin.medianStatements).toBeGreaterThan(0);
        expect(f.floor.statementsPerImport).toBe(1);
        expect(f.hive?.runs).toHaveLength(1);
        expect(f.secondsVsFloor).toBeGreaterThan(0);
        expect(f.tongxin.maxRssMb.gateway).toBeGreaterThan(0);
        // Warm-up and measured imports, Tongxin's and Hive's: a whole file of 1,000 rows each.
        expect(f.removed.persons).toBe(2 * (IMPORT_ROWS + IMPORT_ROWS));
        expect(f.removed.outboxEvents).toBe(2 * (IMPORT_ROWS + IMPORT_ROWS));
        continue;
      }
      expect(op.tongxin!.requests).toBeGreaterThan(0);
      expect(op.tongxin!.errors).toBe(0);
      expect(op.hive!.requests).toBeGreaterThan(0);
      expect(op.hive!.errors).toBe(0);
      expect(op.sqlPerRequest).toBeGreaterThan(0);
      expect(op.tongxin!.memory.gateway!.maxMb).toBeGreaterThan(0);
      if (op.kind === 'write') expect(op.removed!.persons).toBeGreaterThan(0);
      if (op.kind === 'read') {
        // The statements of one request, each explained in its subgraph's database.
        expect({ operation: op.name, explainError: op.explainError }).toEqual({ operation: op.name, explainError: undefined });
        expect(op.explain!.statements.length).toBeGreaterThan(0);
        for (const s of op.explain!.statements) {
          expect(SUBGRAPHS.map((d) => d.subgraph)).toContain(s.subgraph);
          expect(s.statement).toMatch(/^\(?\s*(SELECT|WITH)\b/i);
          expect(s.explain.length).toBeGreaterThan(0);
        }
        expect(op.explain!.flagged).toBe(op.explain!.statements.filter((s) => s.flags.length > 0).length);
        expect({ operation: op.name, difference: op.floorDifference }).toEqual({ operation: op.name, difference: null });
        expect(op.hiveMatches).toBe(true);
        expect(op.floor!.requests).toBeGreaterThan(0);
        expect(op.floor!.errors).toBe(0);
        expect(op.ratios!.p50VsFloor).toBeGreaterThan(0);
      }
    }

    const names = results.targets.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    for (const pattern of [/p50 tongxin \/ floor/, /throughput tongxin \/ hive/, /SQL statements at/, /p50 at .* \/ at 10000/, /gateway RSS/, /import-10000: seconds tongxin \/ floor <= 5/]) {
      expect(names.some((n) => pattern.test(n))).toBe(true);
    }
    // Every new operation and target measured (the pagination target needs --scale-check).
    for (const name of [
      'dashboard-statistics: p50 tongxin / floor <= 0.05',
      'cross-district-matrix: p50 tongxin / floor <= 3',
      'import-10000: seconds tongxin / floor <= 5',
      'import-10000: throughput tongxin / hive >= 1',
      NO_FULL_SCANS,
    ]) {
      expect({ name, value: typeof results.targets.find((t) => t.name === name)?.value }).toEqual({ name, value: 'number' });
    }
    for (const t of results.targets) {
      expect(typeof t.limit).toBe('number');
      if (t.met === null) expect(t.reason).toBeTruthy();
      else expect(typeof t.value).toBe('number');
    }
    expect(results.machine.cores).toBeGreaterThan(0);
  }, 300_000);
});
