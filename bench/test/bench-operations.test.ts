/**
 * The SQL-count guarantee of every operation the benchmark measures, through the gateway with the
 * same operation texts (bench/operations.ts), on SQLite (or MariaDB with TEST_DB=mysql): the
 * statements one request sends do not grow with the rows it returns, nor with the size of the
 * city for the statistics; an import's grow by chunks of rows, never by rows. Not timed.
 */
import { createLogger, INSERT_CHUNK_ROWS, IN_LIST_CHUNK, personalDataCipherFromEnv, Role, systemContext } from '@tongxin/common';
import { seedDemoData } from '../../packages/platform/src/demo/seed';
import { tokenFor } from '../../test/harness/auth';
import { startTestPlatform, TestPlatform } from '../../test/harness/platform';
import { BENCH_TODAY, ImportOperation, OPERATIONS, ReadOperation, Sample, WriteOperation } from '../operations';

const read = (name: string) => OPERATIONS.find((o): o is ReadOperation => o.name === name && o.kind === 'read')!;
const write = (name: string) => OPERATIONS.find((o): o is WriteOperation => o.name === name && o.kind === 'write')!;
const importOperation = OPERATIONS.find((o): o is ImportOperation => o.kind === 'import')!;

let platform: TestPlatform;
let sample: Sample;
/** Of the persons with memberships, participations and evaluations: the one with the fewest rows. */
let smallPersonId: string;
let associationHeaders: Record<string, string>;

async function firstValue(subgraph: string, sql: string): Promise<string> {
  const rows: Array<{ v: string }> = await platform.subgraphs[subgraph]!.dataSource.query(sql);
  return rows[0]!.v;
}

async function countsBy(subgraph: string, sql: string): Promise<Map<string, number>> {
  const rows: Array<{ k: string; n: number }> = await platform.subgraphs[subgraph]!.dataSource.query(sql);
  return new Map(rows.map((r) => [r.k, Number(r.n)]));
}

beforeAll(async () => {
  platform = await startTestPlatform();
  const services = Object.fromEntries(Object.entries(platform.subgraphs).map(([name, s]) => [name, s.services]));
  await seedDemoData(services, {
    seed: 20111013,
    size: { persons: 600, activitiesPerPerson: 0.2, participantsPerActivity: 30 },
    log: createLogger('bench-test', 'silent'),
    today: BENCH_TODAY,
  });
  const memberships = await countsBy('organizations', 'SELECT person_id AS k, COUNT(*) AS n FROM membership GROUP BY person_id');
  const participations = await countsBy('activities', 'SELECT person_id AS k, COUNT(*) AS n FROM participation GROUP BY person_id');
  const evaluations = await countsBy('evaluation', 'SELECT person_id AS k, COUNT(*) AS n FROM evaluation GROUP BY person_id');
  const full = [...memberships.keys()]
    .filter((id) => participations.has(id) && evaluations.has(id))
    .map((id) => ({ id, rows: memberships.get(id)! + participations.get(id)! + evaluations.get(id)! }))
    .sort((a, b) => a.rows - b.rows || a.id.localeCompare(b.id));
  sample = {
    districtCode: await firstValue('persons', 'SELECT district_code AS v FROM person GROUP BY district_code ORDER BY COUNT(*) DESC, district_code LIMIT 1'),
    personId: full[full.length - 1]!.id,
    associationId: await firstValue(
      'organizations',
      `SELECT o.id AS v FROM organization o JOIN membership m ON m.organization_id = o.id AND m.end_date IS NULL
        WHERE o.kind IN ('FRIENDSHIP_ASSOCIATION', 'INDUSTRY_ASSOCIATION') GROUP BY o.id ORDER BY COUNT(*) DESC, o.id LIMIT 1`,
    ),
  };
  smallPersonId = full[0]!.id;
  expect(full[0]!.rows).toBeLessThan(full[full.length - 1]!.rows);
  associationHeaders = { authorization: `Bearer ${await tokenFor({ role: Role.ASSOCIATION_ADMIN, org: sample.associationId })}` };
});

afterAll(async () => {
  await platform?.stop();
});

/** Statements of one request of `op` with these variables, and the rows (edges) it answered. */
async function statementsOf(op: ReadOperation, variables: Record<string, unknown>) {
  const headers = op.caller === 'association' ? associationHeaders : {};
  const { result, statements, bySubgraph } = await platform.statements(() => platform.request(op.query, variables, headers));
  expect(result.errors).toBeUndefined();
  return { statements, bySubgraph, data: result.data };
}

const edges = (data: unknown, ...path: string[]): unknown[] => path.reduce((v: any, k) => v?.[k], data) as unknown[];

describe('SQL statements per request do not grow with the rows', () => {
  it("person-list: a district's page of 10 and of 50", async () => {
    const op = read('person-list');
    const small = await statementsOf(op, op.variables(sample, 10));
    const large = await statementsOf(op, op.variables(sample, 50));
    expect(edges(small.data, 'persons', 'edges')).toHaveLength(10);
    expect(edges(large.data, 'persons', 'edges')).toHaveLength(50);
    expect(large.bySubgraph).toEqual(small.bySubgraph);
  });

  it('association-members: a page of 10 and of 50 running members, asked by the association administrator', async () => {
    const op = read('association-members');
    const small = await statementsOf(op, op.variables(sample, 10));
    const large = await statementsOf(op, op.variables(sample, 50));
    const smallRows = edges(small.data, 'organization', 'members', 'edges').length;
    expect(smallRows).toBe(10);
    expect(edges(large.data, 'organization', 'members', 'edges').length).toBeGreaterThan(smallRows);
    expect(large.bySubgraph).toEqual(small.bySubgraph);
  });

  it('person-profile: the person with the most rows and the one with the fewest', async () => {
    const op = read('person-profile');
    const small = await statementsOf(op, op.variables({ ...sample, personId: smallPersonId }));
    const large = await statementsOf(op, op.variables(sample));
    expect(large.bySubgraph).toEqual(small.bySubgraph);
  });

  it('export: 100 and 400 persons (within one loader batch) send as many statements in persons, organizations and evaluation', async () => {
    const op = read('export-1000');
    const small = await statementsOf(op, op.variables(sample, 100));
    const large = await statementsOf(op, op.variables(sample, 400));
    expect(edges(large.data, 'persons', 'edges')).toHaveLength(400);
    const { activities: smallActivities, ...smallRest } = small.bySubgraph;
    const { activities: largeActivities, ...largeRest } = large.bySubgraph;
    expect(largeRest).toEqual(smallRest);
    expect(smallActivities).toBeGreaterThan(0);
    expect(largeActivities).toBeGreaterThan(0);
  });

  // `participations { totalCount }` alone is one COUNT: the page beside it is not loaded.
  it('export: the activities subgraph sends as many statements for 400 persons as for 100', async () => {
    const op = read('export-1000');
    const small = await statementsOf(op, op.variables(sample, 100));
    const large = await statementsOf(op, op.variables(sample, 400));
    expect(large.bySubgraph.activities).toBe(small.bySubgraph.activities);
  });

  it('register-person: every registration sends as many statements', async () => {
    const op = write('register-person');
    const counts: number[] = [];
    for (const n of [1, 2, 3]) {
      const { result, statements } = await platform.statements(() => platform.request(op.query, op.variables(sample, n, 7)));
      expect(result.errors).toBeUndefined();
      counts.push(statements);
    }
    expect(new Set(counts).size).toBe(1);
    expect(counts[0]).toBeGreaterThan(0);
  });

  it('dashboard-statistics: 5 and 20 city-level organizations with their member statistics, in one request with every statistic', async () => {
    const op = read('dashboard-statistics');
    const small = await statementsOf(op, op.variables(sample, 5));
    const large = await statementsOf(op, op.variables(sample, 20));
    expect(edges(small.data, 'organizations', 'edges')).toHaveLength(5);
    expect(edges(large.data, 'organizations', 'edges').length).toBeGreaterThan(5);
    // Every statistic answered something (a statistic of nothing would prove nothing).
    for (const field of ['personStats', 'organizationStats', 'activityStats', 'talentPoolCompliance']) expect(edges(large.data, field).length).toBeGreaterThan(0);
    expect(large.bySubgraph).toEqual(small.bySubgraph);
  });

  it('dashboard-statistics and cross-district-matrix: as many statements for a larger city', async () => {
    const dashboard = read('dashboard-statistics');
    const matrix = read('cross-district-matrix');
    const total = (data: unknown, list: string, field: string) => (edges(data, list) as Array<Record<string, number>>).reduce((n, r) => n + r[field]!, 0);
    const before = { dashboard: await statementsOf(dashboard, dashboard.variables(sample)), matrix: await statementsOf(matrix, matrix.variables(sample)) };

    // A larger city: 240 more persons (the import), each with a running membership in a
    // city-level organization and in an organization of another district than their own.
    const rows = importOperation.makeRows(11, 0, 240);
    const imported = await platform.statements(() => platform.request(importOperation.query, { rows, dryRun: false }));
    expect(imported.result.errors).toBeUndefined();
    expect(imported.result.data?.importPersons.registered).toBe(240);
    // Found by their ID numbers' keyed hashes (the stored mask shows only the province).
    const cipher = personalDataCipherFromEnv(process.env);
    const hashes = rows.map((r) => cipher.hash(importOperation.idNumberOf(r)));
    const persons: Array<{ id: string; district_code: string }> = await platform.subgraphs.persons!.dataSource.query(
      `SELECT id, district_code FROM person WHERE id_number_hash IN (${hashes.map(() => '?').join(', ')})`,
      hashes,
    );
    expect(persons).toHaveLength(240);
    const organizations: Array<{ id: string; district_code: string }> = await platform.subgraphs.organizations!.dataSource.query(
      `SELECT id, district_code FROM organization WHERE kind = 'FRIENDSHIP_ASSOCIATION' ORDER BY id`,
    );
    const city = organizations.find((o) => o.district_code === '330300')!;
    const drafts = persons.flatMap((p) => [
      { personId: p.id, organizationId: city.id, role: 'MEMBER', startDate: '2026-03-01' },
      { personId: p.id, organizationId: organizations.find((o) => o.district_code !== '330300' && o.district_code !== p.district_code)!.id, role: 'MEMBER', startDate: '2026-03-01' },
    ]);
    await platform.subgraphs.organizations!.services.memberships.addMany(systemContext(), drafts);

    const after = { dashboard: await statementsOf(dashboard, dashboard.variables(sample)), matrix: await statementsOf(matrix, matrix.variables(sample)) };
    expect(total(after.dashboard.data, 'personStats', 'count')).toBe(total(before.dashboard.data, 'personStats', 'count') + 240);
    expect(total(after.matrix.data, 'crossDistrictMatrix', 'memberships')).toBe(total(before.matrix.data, 'crossDistrictMatrix', 'memberships') + 480);
    expect(after.dashboard.bySubgraph).toEqual(before.dashboard.bySubgraph);
    expect(after.matrix.bySubgraph).toEqual(before.matrix.bySubgraph);
  });

  // The import inserts and looks up its rows in chunks (the persons subgraph's insertChunked and
  // chunksOf, of INSERT_CHUNK_ROWS and IN_LIST_CHUNK rows), and its outbox delivers the new
  // districts and statuses to the organizations and evaluation subgraphs in batches of as many. Within a chunk, rows cost no
  // statement; each further chunk costs at most the statements repeated per chunk:
  const CHUNK = INSERT_CHUNK_ROWS;
  const PER_CHUNK: Record<string, number> = {
    // look-up of the ID numbers, INSERT of the persons, INSERT of their outbox events; then for
    // each of the two receivers: the batch read, START / UPDATE of its delivered-at column /
    // COMMIT, and one more read when a batch was full.
    persons: 3 + 2 * (4 + 1),
    // One delivery (applyPersonDistricts): START, the replica's rows read, INSERT, one UPDATE of
    // memberships per district of the batch (12 districts), the audit event, COMMIT.
    organizations: 5 + 12,
    activities: 0,
    // One delivery (applyPersonStatuses): START, the replica's rows read, INSERT, the audit event, COMMIT.
    evaluation: 5,
  };
  const chunks = (rows: number) => Math.ceil(rows / CHUNK);

  it('import: rows within a chunk send no statement; each further chunk at most the statements repeated per chunk', async () => {
    expect(IN_LIST_CHUNK).toBe(INSERT_CHUNK_ROWS);
    const statementsOfImport = async (first: number, count: number) => {
      const rows = importOperation.makeRows(12, first, count);
      const { result, bySubgraph } = await platform.statements(() => platform.request(importOperation.query, { rows, dryRun: false }));
      expect(result.errors).toBeUndefined();
      expect(result.data?.importPersons.registered).toBe(count);
      return bySubgraph;
    };
    // 100 and 400 rows: one chunk each (and a delivery batch not full); 1,000 rows: two.
    const hundred = await statementsOfImport(0, 100);
    const chunk = await statementsOfImport(100, 400);
    const thousand = await statementsOfImport(500, 1000);
    expect([chunks(100), chunks(400), chunks(1000)]).toEqual([1, 1, 2]);
    expect(chunk).toEqual(hundred);
    const growth = Object.fromEntries(Object.entries(thousand).map(([subgraph, n]) => [subgraph, n - chunk[subgraph]!]));
    const bound = Object.fromEntries(Object.keys(thousand).map((subgraph) => [subgraph, (chunks(1000) - chunks(CHUNK)) * PER_CHUNK[subgraph]!]));
    // Each subgraph's growth, capped at its bound: equal to the growth when within it.
    expect(Object.fromEntries(Object.entries(growth).map(([subgraph, g]) => [subgraph, Math.min(g, bound[subgraph]!)]))).toEqual(growth);
    expect(thousand.persons! - chunk.persons!).toBeGreaterThan(0);
  });
});
