/**
 * The SQL-count guarantee of every operation the benchmark measures, through the gateway with the
 * same operation texts (bench/operations.ts), on SQLite (or MariaDB with TEST_DB=mysql): the
 * statements one request sends do not grow with the rows it returns. Not timed.
 */
import { createLogger, Role } from '@tongxin/common';
import { seedDemoData } from '../../packages/platform/src/demo/seed';
import { tokenFor } from '../../test/harness/auth';
import { startTestPlatform, TestPlatform } from '../../test/harness/platform';
import { OPERATIONS, ReadOperation, Sample, WriteOperation } from '../operations';

const read = (name: string) => OPERATIONS.find((o): o is ReadOperation => o.name === name && o.kind === 'read')!;
const write = (name: string) => OPERATIONS.find((o): o is WriteOperation => o.name === name && o.kind === 'write')!;

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
    today: '2026-11-01',
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
});
