import { randomIds, todayInChina } from '@tongxin/common';
import { evaluationSubgraph, EvaluationServices } from '@tongxin/evaluation';
import { errorCodes, expectData, GraphQLResponse } from '../../../test/harness/graphql-client';
import { startTestSubgraph, TestSubgraph } from '../../../test/harness/subgraph';

const FIELDS = 'id person { id } kind level body position district { code } termStart termEnd status recommendedAt appointedAt closedAt changedBy note version';
const RECORD = `mutation($input: RecordPoliticalArrangementInput!) { recordPoliticalArrangement(input: $input) { arrangement { ${FIELDS} } } }`;
const CHANGE = `mutation($input: ChangePoliticalArrangementStatusInput!) { changePoliticalArrangementStatus(input: $input) { arrangement { ${FIELDS} } } }`;
const ONE = `query($id: ID!) { politicalArrangement(id: $id) { id status version } }`;
const LIST = `query($f: PoliticalArrangementFilter, $first: Int, $after: String) {
  politicalArrangements(filter: $f, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id status } } }
}`;
const PERSON = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id politicalArrangements { id status } isRepresentative } } }`;
const AUDIT = `query($f: AuditEventFilter) { evaluationAuditEvents(filter: $f, first: 100) { events { action outcome entityId detail } } }`;

const TODAY = todayInChina();
const YEAR = Number(TODAY.slice(0, 4));
const fields = (res: GraphQLResponse) => (res.errors?.[0]?.extensions?.fields ?? []).map((f: { field: string }) => f.field);

function form(overrides: Record<string, unknown> = {}) {
  return {
    personId: randomIds.next(),
    kind: 'CPPCC_MEMBER',
    level: 'DISTRICT',
    body: '鹿城区政协',
    districtCode: '330302',
    termStart: `${YEAR - 1}-01-01`,
    termEnd: `${YEAR + 3}-12-31`,
    ...overrides,
  };
}

describe('political arrangements', () => {
  let sg: TestSubgraph<EvaluationServices>;
  beforeAll(async () => {
    sg = await startTestSubgraph(evaluationSubgraph);
  });
  afterAll(async () => {
    await sg?.stop();
  });
  const record = async (input: Record<string, unknown>) => expectData(await sg.request(RECORD, { input })).recordPoliticalArrangement.arrangement;
  const change = (id: string, status: string, expectedVersion: number, note?: string) => sg.request(CHANGE, { input: { id, status, expectedVersion, note } });
  const person = async (id: string) => expectData(await sg.request(PERSON, { r: [{ __typename: 'Person', id }] }))._entities[0];

  it('records a recommendation and moves it along RECOMMENDED → APPOINTED → ENDED, keeping who and when', async () => {
    const a = await record(form({ kind: 'PEOPLES_CONGRESS_DEPUTY', level: 'CITY', body: '温州市人大', districtCode: '330300', position: '代表' }));
    expect(a).toMatchObject({ kind: 'PEOPLES_CONGRESS_DEPUTY', level: 'CITY', district: { code: '330300' }, status: 'RECOMMENDED', changedBy: 'test-city_admin', version: 1, appointedAt: null });
    expect(a.recommendedAt).toBeTruthy();
    expect((await person(a.person.id)).isRepresentative).toBe(false);

    const appointed = expectData(await change(a.id, 'APPOINTED', 1, '当选')).changePoliticalArrangementStatus.arrangement;
    expect(appointed).toMatchObject({ status: 'APPOINTED', version: 2, note: '当选' });
    expect(appointed.appointedAt).toBeTruthy();
    expect(await person(a.person.id)).toEqual({ id: a.person.id, politicalArrangements: [{ id: a.id, status: 'APPOINTED' }], isRepresentative: true });

    const ended = expectData(await change(a.id, 'ENDED', 2)).changePoliticalArrangementStatus.arrangement;
    expect(ended).toMatchObject({ status: 'ENDED', version: 3 });
    expect(ended.closedAt).toBeTruthy();
    expect((await person(a.person.id)).isRepresentative).toBe(false);

    const events = expectData(await sg.request(AUDIT, { f: { entityId: a.id } })).evaluationAuditEvents.events;
    expect(events.map((e: any) => e.detail)).toEqual(['APPOINTED → ENDED', 'RECOMMENDED → APPOINTED', null]);
  });

  it.each([
    ['RECOMMENDED', [], 'ENDED'],
    ['RECOMMENDED', [], 'RECOMMENDED'],
    ['APPOINTED', ['APPOINTED'], 'WITHDRAWN'],
    ['APPOINTED', ['APPOINTED'], 'RECOMMENDED'],
    ['ENDED', ['APPOINTED', 'ENDED'], 'APPOINTED'],
    ['WITHDRAWN', ['WITHDRAWN'], 'APPOINTED'],
  ])('refuses %s (reached by %j) → %s with CONFLICT on input.status, as an illegal status change is in every subgraph, changing nothing', async (from, path: string[], to) => {
    const a = await record(form());
    let version = 1;
    for (const s of path) {
      expectData(await change(a.id, s, version));
      version += 1;
    }
    const res = await change(a.id, to, version);
    expect(errorCodes(res)).toEqual(['CONFLICT']);
    expect(res.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.status', currentStatus: from, currentVersion: version });
    expect(res.errors![0]!.message).toMatch(new RegExp(`^Political arrangement ${a.id} is ${from}: it cannot become ${to} \\(`));
    expect(expectData(await sg.request(ONE, { id: a.id })).politicalArrangement.version).toBe(version);
  });

  it('refuses a stale version with CONFLICT and an unknown id with NOT_FOUND', async () => {
    const a = await record(form());
    expect(errorCodes(await change(a.id, 'APPOINTED', 5))).toEqual(['CONFLICT']);
    expect(errorCodes(await change(randomIds.next(), 'APPOINTED', 1))).toEqual(['NOT_FOUND']);
  });

  it('records an appointment made already; isRepresentative only while its term covers today', async () => {
    const current = await record(form({ status: 'APPOINTED' }));
    expect((await person(current.person.id)).isRepresentative).toBe(true);
    const past = await record(form({ status: 'APPOINTED', termStart: '2015-01-01', termEnd: '2019-12-31' }));
    expect((await person(past.person.id)).isRepresentative).toBe(false);
    const future = await record(form({ status: 'APPOINTED', termStart: `${YEAR + 1}-01-01`, termEnd: `${YEAR + 5}-12-31` }));
    expect((await person(future.person.id)).isRepresentative).toBe(false);
  });

  it('refuses bad input naming every field, writing nothing', async () => {
    const before = expectData(await sg.request(LIST, { first: 1 })).politicalArrangements.totalCount;
    const cases: Array<[Record<string, unknown>, string[]]> = [
      [form({ personId: 'nope', body: 'x' }), ['input.personId', 'input.body']],
      [form({ level: 'DISTRICT', districtCode: '330300' }), ['input.districtCode']],
      [form({ termStart: '2020-02-30', termEnd: '2020-01-01' }), ['input.termStart']],
      [form({ termStart: '2020-01-01', termEnd: '2019-12-31' }), ['input.termEnd']],
      [form({ termStart: '2020-01-01', termEnd: '2031-01-02' }), ['input.termEnd']],
      [form({ status: 'ENDED' }), ['input.status']],
    ];
    for (const [input, expected] of cases) {
      const res = await sg.request(RECORD, { input });
      expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
      expect(fields(res)).toEqual(expected);
    }
    expect(expectData(await sg.request(LIST, { first: 1 })).politicalArrangements.totalCount).toBe(before);
  });

  it('lists with filters and keyset cursors in a fixed number of statements', async () => {
    const personId = randomIds.next();
    for (let i = 0; i < 5; i++) await record(form({ personId, kind: 'ORGANIZATION_LEADER', body: `温州市律师协会${i}`, districtCode: '330305', level: 'CITY' }));
    const p1 = expectData(await sg.request(LIST, { f: { personId }, first: 3 })).politicalArrangements;
    const p2 = expectData(await sg.request(LIST, { f: { personId }, first: 3, after: p1.pageInfo.endCursor })).politicalArrangements;
    expect(p1.totalCount).toBe(5);
    expect([...p1.edges, ...p2.edges].map((e: any) => e.node.id)).toHaveLength(5);
    expect(p2.pageInfo.hasNextPage).toBe(false);
    const a = await sg.statements(() => sg.request(LIST, { f: { districtCode: '330305' }, first: 1 }));
    const b = await sg.statements(() => sg.request(LIST, { f: { districtCode: '330305' }, first: 5 }));
    expect(b.statements).toBe(a.statements);
  });

  it('resolves politicalArrangements and isRepresentative for 200 persons in as many statements as for 20', async () => {
    const ids = Array.from({ length: 200 }, () => randomIds.next());
    // 10 to a request: a subgraph, as the gateway, allows 15 aliases and 1000 tokens.
    for (let i = 0; i < ids.length; i += 10) {
      const doc = `mutation { ${ids
        .slice(i, i + 10)
        .map(
          (p, j) =>
            `a${j}: recordPoliticalArrangement(input: { personId: "${p}", kind: CPPCC_MEMBER, level: CITY, body: "温州市政协", districtCode: "330300", termStart: "${YEAR - 1}-01-01", termEnd: "${YEAR + 2}-12-31", status: APPOINTED }) { arrangement { id } }`,
        )
        .join(' ')} }`;
      expectData(await sg.request(doc));
    }
    const ask = (some: readonly string[]) => sg.request(PERSON, { r: some.map((id) => ({ __typename: 'Person', id })) });
    const small = await sg.statements(() => ask(ids.slice(0, 20)));
    const large = await sg.statements(() => ask(ids));
    expect(expectData(large.result)._entities.every((p: any) => p.isRepresentative && p.politicalArrangements.length === 1)).toBe(true);
    expect(large.statements).toBe(small.statements);
  });
});
