/**
 * The subgraphs run their operations with graphql-jit (SUBGRAPH_EXECUTOR=jit, the default) or
 * with graphql-js's own `execute` (SUBGRAPH_EXECUTOR=graphql-js): users must not be able to tell
 * which. Two platforms over the same demo city, one per executor, answer every request here with
 * the same status and the same body, byte for byte: lists across all four subgraphs, fragments,
 * aliases, `@skip`/`@include` on variables, argument defaults, refusals by role, and every kind of
 * bad input (the variable's own error, our scalars' messages, BAD_USER_INPUT from a service).
 */
import { createLogger, makeIdNumber, needsGraphqlJs, Role } from '@tongxin/common';
import { parse } from 'graphql';
import { seedDemoData } from '../packages/platform/src/demo/seed';
import { tokenFor } from './harness/auth';
import { errorCodes, expectData, GraphQLResponse, postGraphQL } from './harness/graphql-client';
import { cityAdminHeaders } from './harness/auth';
import { startTestPlatform, TestPlatform } from './harness/platform';

let jit: TestPlatform;
let graphqlJs: TestPlatform;
let district: string;
let otherDistrict: string;
let personId: string;
let associationId: string;

async function firstValue(sql: string, subgraph = 'persons'): Promise<string> {
  const rows: Array<{ v: string }> = await jit.subgraphs[subgraph]!.dataSource.query(sql);
  return rows[0]!.v;
}

beforeAll(async () => {
  jit = await startTestPlatform({ executor: 'jit' });
  const services = Object.fromEntries(Object.entries(jit.subgraphs).map(([name, s]) => [name, s.services]));
  await seedDemoData(services, {
    seed: 7,
    size: { persons: 240, activitiesPerPerson: 0.3, participantsPerActivity: 20 },
    log: createLogger('executors-test', 'silent'),
    today: '2026-11-01',
  });
  // Every registration delivered to the organizations subgraph before the second platform starts.
  await jit.statements(async () => undefined);
  graphqlJs = await startTestPlatform({ executor: 'graphql-js', sameDataAs: jit });
  district = await firstValue('SELECT district_code AS v FROM person GROUP BY district_code ORDER BY COUNT(*) DESC, district_code LIMIT 1');
  otherDistrict = await firstValue(`SELECT district_code AS v FROM person WHERE district_code <> '${district}' ORDER BY district_code LIMIT 1`);
  personId = await firstValue('SELECT person_id AS v FROM membership GROUP BY person_id ORDER BY COUNT(*) DESC, person_id LIMIT 1', 'organizations');
  associationId = await firstValue(
    `SELECT o.id AS v FROM organization o JOIN membership m ON m.organization_id = o.id AND m.end_date IS NULL
      WHERE o.kind IN ('FRIENDSHIP_ASSOCIATION', 'INDUSTRY_ASSOCIATION') GROUP BY o.id ORDER BY COUNT(*) DESC, o.id LIMIT 1`,
    'organizations',
  );
});

afterAll(async () => {
  await graphqlJs?.stop();
  await jit?.stop();
});

/** The same request to one subgraph of each platform (past the gateway's own checks): the same status and body. */
async function sameAtSubgraph(subgraph: string, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse> {
  const headers = await cityAdminHeaders();
  const [a, b] = await Promise.all([
    postGraphQL(jit.subgraphs[subgraph]!.url, query, variables, headers),
    postGraphQL(graphqlJs.subgraphs[subgraph]!.url, query, variables, headers),
  ]);
  expect(a).toEqual(b);
  expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  return a;
}

/** The same request to both platforms: the same status and body. */
async function same(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse> {
  const [a, b] = await Promise.all([jit.request(query, variables, headers), graphqlJs.request(query, variables, headers)]);
  expect(a).toEqual(b);
  expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  return a;
}

const PERSON_LIST = `query($district: String!, $first: Int!, $after: String) {
  persons(first: $first, after: $after, filter: { districtCode: $district }) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id name gender birthYear category status memberships { id role startDate endDate active organization { id name kind level } } } }
  }
}`;

describe('graphql-jit and graphql-js answer alike', () => {
  it('a district page with memberships, and the page after it', async () => {
    const first = expectData(await same(PERSON_LIST, { district, first: 20 })) as { persons: { pageInfo: { endCursor: string }; edges: unknown[] } };
    expect(first.persons.edges).toHaveLength(20);
    const next = expectData(await same(PERSON_LIST, { district, first: 20, after: first.persons.pageInfo.endCursor })) as { persons: { edges: unknown[] } };
    expect(next.persons.edges.length).toBeGreaterThan(0);
  });

  it('a profile across the four subgraphs, with fragments, aliases, __typename and directives on variables', async () => {
    const query = `query Profile($id: ID!, $withScores: Boolean!, $skipActivity: Boolean = false) {
      who: person(id: $id) { ...Register __typename
        memberships(activeOnly: false) { id role organization { ... on Organization { id name } } }
        running: memberships(activeOnly: true) { id }
        participations(first: 5) { totalCount edges { node { id role attendance hours activity @skip(if: $skipActivity) { id title kind startsAt } } } }
        evaluations { id year composite scores @include(if: $withScores) { dimension score weight } }
        latestEvaluation { year composite }
      }
    }
    fragment Register on Person { id name gender birthYear ethnicity politicalAffiliation category profession returnee registeredOn status district { code name } }`;
    const a = expectData(await same(query, { id: personId, withScores: true })) as { who: { memberships: unknown[] } };
    expect(a.who.memberships.length).toBeGreaterThan(0);
    await same(query, { id: personId, withScores: false, skipActivity: true }, undefined);
    // Two operations in one document: the one named runs.
    await same(`query A { persons(first: 2) { totalCount } } query B { organizations(first: 3) { totalCount edges { node { id name } } } }`);
  });

  it('an export page, the statistics and the matrix', async () => {
    const exported = expectData(
      await same(`{ persons(first: 200) { edges { node { id name memberships { organization { name } } participations { totalCount } latestEvaluation { year composite } } } } }`),
    ) as { persons: { edges: unknown[] } };
    expect(exported.persons.edges).toHaveLength(200);
    await same(`{ personStats(groupBy: [DISTRICT, CATEGORY]) { district { code } category count } }`);
    await same(`{ crossDistrictMatrix { personDistrict { code } organizationDistrict { code } persons memberships } }`);
  });

  it("an association's members, as its administrator", async () => {
    const headers = { authorization: `Bearer ${await tokenFor({ role: Role.ASSOCIATION_ADMIN, org: associationId })}` };
    const members = expectData(
      await same(`query($id: ID!) { organization(id: $id) { name members(first: 10) { totalCount edges { node { role startDate person { id name } } } } } }`, { id: associationId }, headers),
    ) as { organization: { members: { edges: unknown[] } } };
    expect(members.organization.members.edges.length).toBeGreaterThan(0);
  });

  it('what a role may not read: FORBIDDEN in the same place of the same answer', async () => {
    const headers = { authorization: `Bearer ${await tokenFor({ role: Role.DISTRICT_ADMIN, district: otherDistrict })}` };
    const res = await same(PERSON_LIST, { district, first: 5 }, headers);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await same(`query($id: ID!) { person(id: $id) { id name memberships { id } } }`, { id: personId }, headers);
    await same(`{ auditEvents(first: 3) { totalCount } }`, undefined, headers);
  });

  it.each([
    ['an unknown enum value in a variable', 'organizations', `mutation($input: AddMembershipInput!) { addMembership(input: $input) { membership { id } } }`, () => ({ input: { personId, organizationId: associationId, role: 'KING' } })],
    ['an impossible date', 'organizations', `mutation($input: AddMembershipInput!) { addMembership(input: $input) { membership { id } } }`, () => ({ input: { personId, organizationId: associationId, role: 'MEMBER', startDate: '2021-02-30' } })],
    ['a date-time without its offset', 'activities', `mutation($input: CreateActivityInput!) { createActivity(input: $input) { activity { id } } }`, () => ({ input: { title: '政策宣讲会', kind: 'SOCIAL_SERVICE', districtCode: district, startsAt: '2026-05-20T09:00:00' } })],
    ['a missing required field', 'persons', `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id } } }`, () => ({ input: { name: '陈明', category: 'INTERMEDIARY', politicalAffiliation: 'NON_PARTY' } })],
    ['an unknown input field', 'persons', `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id } } }`, () => ({ input: { name: '陈明', idNumber: 'x', category: 'INTERMEDIARY', politicalAffiliation: 'NON_PARTY', districtCode: district, nickname: '小陈' } })],
    ['a wrong check character (refused by the service)', 'persons', `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id } } }`, () => ({ input: { name: '陈明', idNumber: '330302198607211234', category: 'INTERMEDIARY', politicalAffiliation: 'NON_PARTY', districtCode: district } })],
    ['a missing variable', 'persons', `query($id: ID!) { person(id: $id) { id } }`, () => ({})],
    ['a string for an Int', 'persons', `query($first: Int!) { persons(first: $first) { totalCount } }`, () => ({ first: 'ten' })],
    ['a page too large', 'persons', `query($first: Int!) { persons(first: $first) { totalCount } }`, () => ({ first: 100000 })],
    ['an id nobody has', 'persons', `query($id: ID!) { person(id: $id) { id name } }`, () => ({ id: 'nobody' })],
  ])('%s: the same error through the gateway and at the subgraph (%s), and nothing written', async (_name, subgraph, query, variables) => {
    const counts = async () => [
      await firstValue('SELECT COUNT(*) AS v FROM person'),
      await firstValue('SELECT COUNT(*) AS v FROM membership', 'organizations'),
      await firstValue('SELECT COUNT(*) AS v FROM activity', 'activities'),
    ];
    const before = await counts();
    // The gateway refuses some of these itself (it checks variables against the schema it
    // serves); the subgraph's executor must refuse them alike when they reach it.
    for (const res of [await same(query, variables()), await sameAtSubgraph(subgraph, query, variables())]) {
      expect(res.errors?.length).toBeGreaterThan(0);
      expect(new Set(errorCodes(res))).toEqual(new Set(['BAD_USER_INPUT']));
    }
    expect(await counts()).toEqual(before);
  });
});

describe('graphql-jit keeps what graphql-js coerces', () => {
  it("applies an input field's default (ethnicity 汉族, returnee false) and our scalars' own messages, through the gateway", async () => {
    const register = `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { ethnicity returnee birthDate } } }`;
    const input = { name: '陈明', idNumber: '330302198607211034', category: 'INTERMEDIARY', politicalAffiliation: 'NON_PARTY', districtCode: '330302' };
    const { registerPerson } = expectData(await jit.request(register, { input })) as { registerPerson: { person: Record<string, unknown> } };
    expect(registerPerson.person).toEqual({ ethnicity: '汉族', returnee: false, birthDate: '1986-07-21' });
    const res = await jit.request(`mutation($input: CreateActivityInput!) { createActivity(input: $input) { activity { id } } }`, {
      input: { title: '政策宣讲会', kind: 'SOCIAL_SERVICE', districtCode: '330302', startsAt: '2026-05-20T09:00:00' },
    });
    expect(res.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([['BAD_USER_INPUT', expect.stringMatching(/no time zone/)]]);
  });

  it('leaves a field out when its variable inside an input written in the query is not sent (an update keeps the position)', async () => {
    const register = `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id version } } }`;
    const update = `mutation($id: ID!, $v: Int!, $employer: String, $position: String) {
      updatePerson(input: { id: $id, expectedVersion: $v, employer: $employer, position: $position }) { person { employer position version } }
    }`;
    const results = [];
    for (const [platform, idNumber] of [[jit, makeIdNumber('330302', '1986-07-21', 901)], [graphqlJs, makeIdNumber('330302', '1986-07-21', 903)]] as const) {
      const input = { name: '陈明', idNumber, category: 'INTERMEDIARY', politicalAffiliation: 'NON_PARTY', districtCode: '330302', position: '经理' };
      const { person } = (expectData(await platform.request(register, { input })) as { registerPerson: { person: { id: string; version: number } } }).registerPerson;
      results.push(expectData(await platform.request(update, { id: person.id, v: person.version, employer: '新公司' })));
    }
    expect(results[0]).toEqual({ updatePerson: { person: { employer: '新公司', position: '经理', version: 2 } } });
    expect(results[1]).toEqual(results[0]);
  });
});

describe('which operations graphql-jit leaves to graphql-js', () => {
  it.each([
    ['an input passed whole', 'mutation($input: UpdatePersonInput!) { updatePerson(input: $input) { person { id } } }', false],
    ['the gateway’s entity fetch', 'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Person { id } } }', false],
    ['a Boolean! condition', 'query($show: Boolean!) { persons { totalCount @include(if: $show) } }', false],
    ['literals only', '{ persons(first: 5, filter: { districtCode: "330302" }) { totalCount } }', false],
    ['a variable inside an input object', 'query($d: String) { persons(filter: { districtCode: $d }) { totalCount } }', true],
    ['a variable inside a list', 'query($c: PersonCategory!) { personStats(groupBy: [DISTRICT], filter: { categories: [$c] }) { count } }', true],
    ['a nullable condition', 'query($show: Boolean = true) { persons { totalCount @include(if: $show) } }', true],
  ])('%s', (_name, text, expected) => {
    expect(needsGraphqlJs(parse(text))).toBe(expected);
  });
});
