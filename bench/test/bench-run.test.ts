/**
 * The bench's own logic end to end on a tiny dataset in MariaDB (run with TEST_DB=mysql; skipped
 * on SQLite): it makes the dataset, starts the subgraphs and the gateway as in production, the
 * floor and the peer, measures every operation, judges every target and stops everything. Its
 * figures are not looked at (not timed); that the floor answers the same rows as Tongxin is.
 */
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { dropMysqlDatabase } from '@tongxin/common';
import { OPERATIONS } from '../operations';
import { runBench } from '../src/bench';
import { datasetConfig } from '../src/dataset';
import { parseOptions } from '../src/options';
import { ROOT, runningChildren } from '../src/processes';

const mysql = process.env.TEST_DB === 'mysql';
const PERSONS = 200;

(mysql ? describe : describe.skip)('npm run bench on a tiny dataset', () => {
  const options = { ...parseOptions(['--persons', String(PERSONS), '--duration', '1', '--connections', '2', '--warmup', '2']), output: null, say: () => undefined };

  beforeAll(() => {
    // The floor and the peer run as child processes from the compiled bench (the subgraphs and
    // the gateway from theirs, which `npm test` builds).
    execFileSync(path.join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', path.join(ROOT, 'bench')], { stdio: 'inherit' });
  });

  afterAll(async () => {
    const config = datasetConfig(options.mysql, PERSONS);
    for (const subgraph of ['persons', 'organizations', 'activities', 'evaluation']) await dropMysqlDatabase(config, `${config.databasePrefix}${subgraph}`);
  });

  it('measures every operation against Tongxin, the floor and Hive, judges every target and stops everything', async () => {
    const results = await runBench(options);
    expect(runningChildren()).toBe(0);

    expect(results.dataset.persons).toBe(PERSONS);
    expect(results.dataset.memberships).toBeGreaterThan(0);
    expect(results.operations.map((o) => o.name)).toEqual(OPERATIONS.map((o) => o.name));
    for (const op of results.operations) {
      if (op.kind === 'planned') {
        expect(op.reason).toMatch(/not yet/);
        continue;
      }
      expect(op.tongxin!.requests).toBeGreaterThan(0);
      expect(op.tongxin!.errors).toBe(0);
      expect(op.hive!.requests).toBeGreaterThan(0);
      expect(op.hive!.errors).toBe(0);
      expect(op.sqlPerRequest).toBeGreaterThan(0);
      expect(op.tongxin!.memory.gateway!.maxMb).toBeGreaterThan(0);
      if (op.kind === 'read') {
        expect({ operation: op.name, difference: op.floorDifference }).toEqual({ operation: op.name, difference: null });
        expect(op.hiveMatches).toBe(true);
        expect(op.floor!.requests).toBeGreaterThan(0);
        expect(op.floor!.errors).toBe(0);
        expect(op.ratios!.p50VsFloor).toBeGreaterThan(0);
      }
    }

    const names = results.targets.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    for (const pattern of [/p50 tongxin \/ floor/, /throughput tongxin \/ hive/, /SQL statements at/, /p50 at .* \/ at 10000/, /gateway RSS/, /import-10000/]) {
      expect(names.some((n) => pattern.test(n))).toBe(true);
    }
    for (const t of results.targets) {
      expect(typeof t.limit).toBe('number');
      if (t.met === null) expect(t.reason).toBeTruthy();
      else expect(typeof t.value).toBe('number');
    }
    expect(results.machine.cores).toBeGreaterThan(0);
  });
});
