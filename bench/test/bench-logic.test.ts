/**
 * The bench's pure logic, without a database: which captured statements are explained, how they
 * are shortened and judged, how an import's rows are split under a body limit, and that the
 * import's rows are valid, unique and the same for the same run, the options, and that a warm-up
 * leaves nothing running on the server. Not timed.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseIdNumber } from '@tongxin/common';
import { ImportOperation, OPERATIONS } from '../operations';
import { BIG_TABLE_ROWS, isExplainable, judgeExplain, shorten } from '../src/explain';
import { OperationResult, roundOf } from '../src/bench';
import { judgeTargets } from '../src/targets';
import { splitRows } from '../src/import';
import { inTurn, loadAmount, LoadSample, MIN_REQUESTS_PER_CONNECTION, runLoad, sampleLoad, summarize, warmUp } from '../src/load';
import { parseOptions } from '../src/options';

const importOperation = OPERATIONS.find((o): o is ImportOperation => o.kind === 'import')!;
const row = (over: Partial<{ table: string; type: string; key: string | null; rows: number; extra: string | null }>) => ({
  table: 'person',
  type: 'ref',
  key: 'idx_person_district',
  keyLen: '26',
  rows: 10,
  extra: null,
  ...over,
});

describe('EXPLAIN records', () => {
  it('explains SELECTs that read tables, nothing else', () => {
    expect(isExplainable('SELECT `p`.`id` FROM `person` `p` WHERE `p`.`id` = 1')).toBe(true);
    expect(isExplainable('  (SELECT id FROM membership) UNION (SELECT id FROM membership)')).toBe(true);
    expect(isExplainable('SELECT 1')).toBe(false);
    expect(isExplainable('SELECT VERSION() AS version')).toBe(false);
    expect(isExplainable('START TRANSACTION')).toBe(false);
    expect(isExplainable("UPDATE outbox_event SET delivered_at = NOW() WHERE id IN ('a')")).toBe(false);
    expect(isExplainable('INSERT INTO person (id) SELECT id FROM person_floor_scratch')).toBe(false);
  });

  it('shortens the selected columns and long IN lists, keeps the conditions', () => {
    const ids = Array.from({ length: 500 }, (_, i) => `'id-${i}'`).join(', ');
    const sql = `SELECT \`m\`.\`id\` AS \`m_id\`, \`m\`.\`person_id\` AS \`m_person_id\`, \`m\`.\`organization_id\` AS \`m_organization_id\`, \`m\`.\`role\` AS \`m_role\`
      FROM \`membership\` \`m\` WHERE \`m\`.\`person_id\` IN (${ids}) ORDER BY \`m\`.\`id\` ASC`;
    expect(shorten(sql)).toBe("SELECT … FROM `membership` `m` WHERE `m`.`person_id` IN ('id-0', 'id-1', … 500 values) ORDER BY `m`.`id` ASC");
    expect(shorten('SELECT COUNT(1) AS `cnt` FROM `person` `p`')).toBe('SELECT COUNT(1) AS `cnt` FROM `person` `p`');
    expect(shorten(`SELECT id FROM person WHERE name = '${'x'.repeat(1000)}'`).length).toBe(400);
  });

  it('flags a whole table read or a filesort over a big table, notes an index-only scan, passes the rest', () => {
    const big = BIG_TABLE_ROWS + 1;
    expect(judgeExplain([row({ type: 'ALL', key: null, rows: big })]).flags).toEqual([`full scan of person (~${big} rows)`]);
    expect(judgeExplain([row({ type: 'index', key: 'PRIMARY', rows: big, extra: 'Using where' })]).flags).toEqual([`full scan of person in the order of PRIMARY (~${big} rows)`]);
    expect(judgeExplain([row({ type: 'range', rows: big, extra: 'Using where; Using filesort' })]).flags).toEqual([`filesort over ~${big} rows of person`]);
    expect(judgeExplain([row({ type: 'index', key: 'idx_membership_matrix', rows: big, extra: 'Using where; Using index' })])).toEqual({
      flags: [],
      notes: [`whole index idx_membership_matrix of person read, without the table (~${big} rows)`],
    });
    // Small tables, and big ones read through an index, are not flagged.
    expect(judgeExplain([row({ type: 'ALL', key: null, rows: BIG_TABLE_ROWS, extra: 'Using filesort' })])).toEqual({ flags: [], notes: [] });
    expect(judgeExplain([row({ type: 'range', rows: big, extra: 'Using where; Using index' }), row({ type: 'eq_ref', rows: 1 })])).toEqual({ flags: [], notes: [] });
  });
});

describe('the import', () => {
  it('makes valid rows whose ID numbers are unique, differ between runs and are the same for the same run', () => {
    const rows = importOperation.makeRows(42, 0, 3000);
    const numbers = rows.map((r) => importOperation.idNumberOf(r));
    expect(new Set(numbers).size).toBe(3000);
    for (const n of numbers.slice(0, 50)) expect(parseIdNumber(n, '2026-11-01')).toMatchObject({ idNumber: n });
    expect(importOperation.makeRows(42, 2999, 1)).toEqual([rows[2999]]);
    const other = new Set(importOperation.makeRows(43, 0, 3000).map((r) => importOperation.idNumberOf(r)));
    expect(numbers.some((n) => other.has(n))).toBe(false);
  });

  it('splits the rows into consecutive requests within the body limit, in order', () => {
    const rows = importOperation.makeRows(7, 0, 1000);
    const bodyOf = (r: readonly unknown[]) => JSON.stringify({ query: importOperation.query, variables: { rows: r, dryRun: false } });
    const limit = 64 * 1024;
    const batches = splitRows(rows, bodyOf, limit);
    expect(batches.flat()).toEqual(rows);
    for (const b of batches) expect(Buffer.byteLength(bodyOf(b))).toBeLessThanOrEqual(limit);
    // Greedy: each batch but the last would be over the limit with the next row.
    for (let i = 0; i < batches.length - 1; i++) expect(Buffer.byteLength(bodyOf([...batches[i]!, batches[i + 1]![0]!]))).toBeGreaterThan(limit);
    expect(splitRows(rows, bodyOf, 100 * 1024 * 1024)).toEqual([rows]);
  });
});

describe('the warm-up', () => {
  /** A server that answers each request after `delayMs`, counting what it is still working on. */
  async function slowServer(delayMs: number) {
    const state = { inFlight: 0, handled: 0, bodies: [] as string[] };
    const server = http.createServer((req, res) => {
      state.inFlight++;
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () =>
        setTimeout(() => {
          state.bodies.push(body);
          state.inFlight--;
          state.handled++;
          res.writeHead(200, { 'content-type': 'application/json' }).end(body.includes('bad') ? '{"errors":[{"message":"no"}]}' : '{"data":{}}');
        }, delayMs),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { state, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
  }

  it('lasts its seconds, then returns only when every request it sent has been answered', async () => {
    const server = await slowServer(150);
    try {
      const started = Date.now();
      const result = await warmUp({ url: server.url, headers: {}, body: (n) => JSON.stringify({ n }), seconds: 0.4, connections: 3 });
      expect(Date.now() - started).toBeGreaterThanOrEqual(400);
      expect(server.state.inFlight).toBe(0);
      expect(result.requests).toBe(server.state.handled);
      expect(result.requests).toBeGreaterThanOrEqual(3); // at least one per client, however slow the machine
      expect(result.failed).toBe(0);
      // Each request got its own body, numbered from 0.
      expect(server.state.bodies.map((b) => (JSON.parse(b) as { n: number }).n).sort((a, b) => a - b)).toEqual(Array.from({ length: result.requests }, (_, i) => i));
    } finally {
      await server.close();
    }
  });

  it('with 0 seconds sends one request per connection, and counts answers with GraphQL errors as failed', async () => {
    const server = await slowServer(20);
    try {
      const result = await warmUp({ url: server.url, headers: {}, body: (n) => (n === 1 ? 'bad' : 'good'), seconds: 0, connections: 4 });
      expect(result).toEqual({ requests: 4, failed: 1 });
      expect(server.state.inFlight).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('loads by an amount of requests when fewer than MIN_REQUESTS_PER_CONNECTION per connection would be answered in the duration', () => {
    const o = { duration: 10, connections: 10 };
    expect(loadAmount(100, o)).toBeNull(); // 10 connections × 3 rounds × 0.1 s = 3 s
    expect(loadAmount(333, o)).toBeNull();
    expect(loadAmount(334, o)).toBe(10 * MIN_REQUESTS_PER_CONNECTION);
    expect(loadAmount(7500, o)).toBe(30);
    expect(loadAmount(400, { duration: 20, connections: 4 })).toBeNull();
  });

  it('a load by amount answers every request, where a load by time would drop those still running at its end', async () => {
    const server = await slowServer(550);
    try {
      const byTime = await runLoad({ url: server.url, headers: {}, body: () => '{}', duration: 1, connections: 2 });
      expect(byTime.requests).toBeLessThan(4);
      const byAmount = await runLoad({ url: server.url, headers: {}, body: () => '{}', duration: 1, amount: 4, connections: 2 });
      expect(byAmount.requests).toBe(4);
      expect(byAmount.errors).toBe(0);
      expect(byAmount.p50Ms).toBeGreaterThanOrEqual(550);
      // Over the time until the last answer (two rounds of 0.55 s), not until autocannon's next
      // one-second tick: 4 / 1.1 s, not 4 / 2 s. The margin (up to 1.6 s) is for a loaded machine.
      expect(byAmount.requestsPerSecond).toBeGreaterThan(2.5);
      expect(byAmount.requestsPerSecond).toBeLessThanOrEqual(4 / 1.1);
    } finally {
      await server.close();
    }
  });

  it('pools the rounds of a target as one load of them all', () => {
    const sample = (over: Partial<LoadSample>): LoadSample => ({ latencies: [], seconds: 1, errors: 0, bytes: 0, sent: 0, cpuMs: {}, rssMb: {}, ...over });
    const figures = summarize([
      sample({ latencies: [5, 1, 3], seconds: 2, bytes: 300, sent: 3, cpuMs: { gateway: 30, mariadb: 6 }, rssMb: { gateway: [100, 120] } }),
      sample({ latencies: [2, 4], seconds: 3, errors: 1, bytes: 200, sent: 3, cpuMs: { gateway: 20 }, rssMb: { gateway: [110], persons: [50] } }),
    ]);
    expect(figures).toEqual({
      requests: 5,
      requestsPerSecond: 1, // 5 answered in 2 + 3 s
      p50Ms: 3,
      p99Ms: 5,
      meanMs: 3,
      errors: 1,
      bytesPerResponse: 100,
      memory: { gateway: { maxMb: 120, avgMb: 110 }, persons: { maxMb: 50, avgMb: 50 } },
      cpuMsPerRequest: { gateway: 10, mariadb: 1.2 },
    });
    expect(summarize([sample({ seconds: 1 })])).toMatchObject({ requests: 0, requestsPerSecond: 0, cpuMsPerRequest: {} });
    // Requests per second to three significant digits, however slow the operation.
    expect(summarize([sample({ latencies: [1, 2, 3], seconds: 7 })]).requestsPerSecond).toBe(0.429);
    expect(summarize([sample({ latencies: Array.from({ length: 31847 }, () => 1), seconds: 10 })]).requestsPerSecond).toBe(3185);
  });

  it('numbers the bodies of a load from 0 and says how many it made, so that a next round goes on from there', async () => {
    const server = await slowServer(5);
    try {
      const first = await sampleLoad({ url: server.url, headers: {}, body: (n) => JSON.stringify({ n }), duration: 1, amount: 6, connections: 2 });
      const second = await sampleLoad({ url: server.url, headers: {}, body: (n) => JSON.stringify({ n: first.sent + n }), duration: 1, amount: 4, connections: 2 });
      expect([first.sent, second.sent]).toEqual([6, 4]);
      expect(server.state.bodies.map((b) => (JSON.parse(b) as { n: number }).n).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    } finally {
      await server.close();
    }
  });

  it('shares a load by amount among the rounds, at least one request per connection in each; a load by time gets its share of the duration', () => {
    expect(roundOf({ duration: 10, rounds: 3, connections: 10 }, 30)).toEqual({ duration: 10 / 3, amount: 10 });
    expect(roundOf({ duration: 10, rounds: 1, connections: 10 }, 30)).toEqual({ duration: 10, amount: 30 });
    expect(roundOf({ duration: 10, rounds: 5, connections: 10 }, 30)).toEqual({ duration: 2, amount: 10 });
    expect(roundOf({ duration: 9, rounds: 3, connections: 10 }, null)).toEqual({ duration: 3 });
  });

  it('gives the targets their value round by round, and judges the pooled value', () => {
    const result = {
      name: 'person-list',
      kind: 'read',
      description: '',
      floorMatches: true,
      ratios: { p50VsFloor: 2.9, throughputVsFloor: 0.4, throughputVsHive: 1.02 },
      roundRatios: { p50VsFloor: [2.7, 3.1, 2.9], throughputVsHive: [0.97, 1.05, 1.04] },
    } as OperationResult;
    const targets = judgeTargets({ operations: [result], scaleCheck: null, settings: { persons: 100000, only: ['person-list'] } as never });
    expect(targets.find((t) => t.name === 'person-list: p50 tongxin / floor <= 3')).toEqual({
      name: 'person-list: p50 tongxin / floor <= 3',
      value: 2.9,
      limit: 3,
      met: true,
      rounds: [2.7, 3.1, 2.9],
    });
    expect(targets.find((t) => t.name === 'person-list: throughput tongxin / hive >= 1')).toMatchObject({ value: 1.02, met: true, rounds: [0.97, 1.05, 1.04] });
  });

  it('judges the fan-out reads (profile, member list) by throughput >= 1.2x Hive, their floor ratio information only (issue 15)', () => {
    const read = (name: string, p50VsFloor: number, throughputVsHive: number) =>
      ({ name, kind: 'read', description: '', floorMatches: true, ratios: { p50VsFloor, throughputVsFloor: 0.1, throughputVsHive } }) as OperationResult;
    const targets = judgeTargets({
      operations: [read('person-profile', 6.4, 1.25), read('association-members', 9.1, 1.19), read('person-list', 2.5, 1.1)],
      scaleCheck: null,
      settings: { persons: 100000, only: ['person-profile', 'association-members', 'person-list'] } as never,
    });
    const named = (prefix: string) => targets.filter((t) => t.name.startsWith(prefix) && t.name.includes('tongxin /')).map((t) => [t.name, t.value, t.met]);
    expect(named('person-profile')).toEqual([['person-profile: throughput tongxin / hive >= 1.2', 1.25, true]]);
    expect(named('association-members')).toEqual([['association-members: throughput tongxin / hive >= 1.2', 1.19, false]]);
    // Every other read keeps its floor target and Hive at 1.
    expect(named('person-list')).toEqual([
      ['person-list: p50 tongxin / floor <= 3', 2.5, true],
      ['person-list: throughput tongxin / hive >= 1', 1.1, true],
    ]);
  });

  it("judges the dashboard at another size against the run's (issue 16 §4), only when measured or failed", () => {
    const settings = { persons: 100000, only: ['dashboard-statistics'] } as never;
    const scale = { persons: 1_000_000, dataset: {} as never, p50Ms: 130, p50MsAtMain: 100, explain: null };
    const named = (t: ReturnType<typeof judgeTargets>) => t.filter((x) => x.name.startsWith('dashboard-statistics: p50 at')).map((x) => [x.name, x.value, x.met]);
    expect(named(judgeTargets({ operations: [], scaleCheck: null, dashboardScale: scale, settings }))).toEqual([['dashboard-statistics: p50 at 1000000 persons / at 100000 <= 1.5', 1.3, true]]);
    expect(named(judgeTargets({ operations: [], scaleCheck: null, dashboardScale: { ...scale, p50Ms: 160 }, settings }))).toEqual([
      ['dashboard-statistics: p50 at 1000000 persons / at 100000 <= 1.5', 1.6, false],
    ]);
    expect(named(judgeTargets({ operations: [], scaleCheck: null, dashboardScale: null, settings }, undefined, 'no space left'))).toEqual([
      ['dashboard-statistics: p50 at another size / at 100000 <= 1.5', null, null],
    ]);
    expect(named(judgeTargets({ operations: [], scaleCheck: null, dashboardScale: null, settings }))).toEqual([]);
    expect(parseOptions(['--dashboard-scale', '1000000'], {}).dashboardScale).toBe(1_000_000);
    expect(parseOptions([], {}).dashboardScale).toBeNull();
  });

  it('begins each round with the next target, so that none always follows the same one', () => {
    expect([0, 1, 2, 3].map((r) => inTurn(['tongxin', 'floor', 'hive'], r).join(' '))).toEqual(['tongxin floor hive', 'floor hive tongxin', 'hive tongxin floor', 'tongxin floor hive']);
    expect([0, 1].map((r) => inTurn(['tongxin', 'hive'], r).join(' '))).toEqual(['tongxin hive', 'hive tongxin']);
  });

  it('splits each target into rounds: 3 by default, at least 1', () => {
    expect(parseOptions([], {}).datasetOnly).toBe(false);
    expect(parseOptions(['--dataset-only', '--persons', '1000000', '--reuse'], {})).toMatchObject({ datasetOnly: true, persons: 1_000_000, reuse: true });
    expect(parseOptions([], {}).rounds).toBe(3);
    expect(parseOptions(['--rounds', '1'], {}).rounds).toBe(1);
    expect(() => parseOptions(['--rounds', '0'], {})).toThrow(/--rounds needs a whole number of at least 1/);
  });

  it('is given in seconds: 3 by default, 0 allowed, no negative or fractional value', () => {
    expect(parseOptions([], {}).warmup).toBe(3);
    expect(parseOptions(['--warmup', '0'], {}).warmup).toBe(0);
    expect(() => parseOptions(['--warmup', '-1'], {})).toThrow(/--warmup needs a whole number of at least 0/);
    expect(() => parseOptions(['--warmup', '1.5'], {})).toThrow(/--warmup needs a whole number/);
  });
});
