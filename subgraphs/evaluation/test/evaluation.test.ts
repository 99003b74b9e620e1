import { AuditLog, randomIds, RequestContext, systemContext, todayInChina, TransactionalConnection } from '@tongxin/common';
import { compositeOf, defineScheme, EvaluationDimension, EvaluationDraft, EvaluationSchemeSource, EvaluationService, evaluationSubgraph, EvaluationServices, weightedOf } from '@tongxin/evaluation';
import { errorCodes, expectData, GraphQLResponse } from '../../../test/harness/graphql-client';
import { startTestSubgraph, TestSubgraph } from '../../../test/harness/subgraph';

const RECORD = `mutation($input: RecordEvaluationInput!) {
  recordEvaluation(input: $input) {
    evaluation { id person { id } year district { code name } evaluator composite comment createdAt scores { dimension score weight weighted } }
  }
}`;
const COUNT = `query($f: EvaluationFilter) { evaluations(filter: $f, first: 1) { totalCount } }`;
const PERSON_FIELDS = `query($r: [_Any!]!) {
  _entities(representations: $r) {
    ... on Person { id evaluations { id year evaluator composite scores { dimension weighted } } latestEvaluation { id year evaluator scores { score } } }
  }
}`;

const THIS_YEAR = Number(todayInChina().slice(0, 4));

const scores = (a: number, b: number, c: number, d: number) => [
  { dimension: 'POLITICAL_QUALITY', score: a },
  { dimension: 'SOCIAL_CONTRIBUTION', score: b },
  { dimension: 'PARTICIPATION_ABILITY', score: c },
  { dimension: 'STRATUM_INFLUENCE', score: d },
];

function form(overrides: Record<string, unknown> = {}) {
  return {
    personId: randomIds.next(),
    year: THIS_YEAR - 1,
    districtCode: '330302',
    evaluator: '鹿城区委统战部',
    scores: scores(80, 75, 70, 65),
    ...overrides,
  };
}

const fields = (res: GraphQLResponse) => (res.errors?.[0]?.extensions?.fields ?? []).map((f: { field: string }) => f.field);

describe('evaluation subgraph', () => {
  let sg: TestSubgraph<EvaluationServices>;
  beforeAll(async () => {
    sg = await startTestSubgraph(evaluationSubgraph);
  });
  afterAll(async () => {
    await sg?.stop();
  });

  const total = async (f: Record<string, unknown> = {}) => expectData(await sg.request<{ evaluations: { totalCount: number } }>(COUNT, { f })).evaluations.totalCount;
  const personFields = async (ids: readonly string[]) => expectData(await sg.request(PERSON_FIELDS, { r: ids.map((id) => ({ __typename: 'Person', id })) }))._entities;

  it('records an evaluation with its weighted scores and a composite rounded half up, and reads it back', async () => {
    // Σ 0.25 × score is 69.225 exactly; summing doubles gives 69.22499… and would round down.
    const input = form({ evaluator: '  温州市委统战部   干部处 ', scores: scores(60, 66.5, 80.1, 70.3).reverse(), comment: '表现突出' });
    const { recordEvaluation } = expectData(await sg.request(RECORD, { input }));
    const expected = {
      person: { id: input.personId },
      year: THIS_YEAR - 1,
      district: { code: '330302', name: '鹿城区' },
      evaluator: '温州市委统战部 干部处',
      composite: 69.23,
      comment: '表现突出',
      scores: [
        { dimension: 'POLITICAL_QUALITY', score: 60, weight: 0.25, weighted: 15 },
        { dimension: 'SOCIAL_CONTRIBUTION', score: 66.5, weight: 0.25, weighted: 16.625 },
        { dimension: 'PARTICIPATION_ABILITY', score: 80.1, weight: 0.25, weighted: 20.025 },
        { dimension: 'STRATUM_INFLUENCE', score: 70.3, weight: 0.25, weighted: 17.575 },
      ],
    };
    expect(recordEvaluation.evaluation).toMatchObject(expected);
    expect(Date.now() - Date.parse(recordEvaluation.evaluation.createdAt)).toBeLessThan(60_000);

    const id = recordEvaluation.evaluation.id;
    const read = expectData(
      await sg.request(`query($id: ID!) { evaluation(id: $id) { id person { id } year district { code name } evaluator composite comment createdAt scores { dimension score weight weighted } } }`, {
        id,
      }),
    );
    expect(read.evaluation).toEqual(recordEvaluation.evaluation);
    const listed = expectData(await sg.request(`query($p: ID!) { evaluations(filter: { personId: $p }) { totalCount edges { node { id composite } } } }`, { p: input.personId }));
    expect(listed.evaluations).toEqual({ totalCount: 1, edges: [{ node: { id, composite: 69.23 } }] });
    const entities = expectData(
      await sg.request(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Evaluation { id composite } } }`, {
        r: [
          { __typename: 'Evaluation', id },
          { __typename: 'Evaluation', id: randomIds.next() },
        ],
      }),
    );
    expect(entities._entities).toEqual([{ id, composite: 69.23 }, null]);
  });

  it.each([
    ['a missing dimension', { scores: scores(80, 75, 70, 65).slice(0, 3) }, 'input.scores'],
    ['no scores at all', { scores: [] }, 'input.scores'],
    ['a repeated dimension', { scores: [...scores(80, 75, 70, 65), { dimension: 'SOCIAL_CONTRIBUTION', score: 90 }] }, 'input.scores[4].dimension'],
    ['a dimension outside the scheme', { scores: [...scores(80, 75, 70, 65), { dimension: 'PUBLIC_IMAGE', score: 90 }] }, 'input.scores[4].dimension'],
    ['a score above 100', { scores: scores(100.1, 75, 70, 65) }, 'input.scores[0].score'],
    ['a negative score', { scores: scores(80, -1, 70, 65) }, 'input.scores[1].score'],
    ['a score with two decimals', { scores: scores(80, 75, 70.25, 65) }, 'input.scores[2].score'],
    ['a year before 2011', { year: 2010 }, 'input.year'],
    ['a year still to come', { year: THIS_YEAR + 1 }, 'input.year'],
    ['a one-character evaluator', { evaluator: '甲' }, 'input.evaluator'],
    ['a blank evaluator', { evaluator: '   ' }, 'input.evaluator'],
    ['an over-long evaluator', { evaluator: '评'.repeat(51) }, 'input.evaluator'],
    ['an over-long comment', { comment: '评'.repeat(1001) }, 'input.comment'],
    ['a malformed person id', { personId: 'person-1' }, 'input.personId'],
    ['an empty district', { districtCode: '' }, 'input.districtCode'],
    ['an unknown district', { districtCode: '330399' }, 'input.districtCode'],
    ['a province code for a district', { districtCode: '330000' }, 'input.districtCode'],
  ])('refuses %s with BAD_USER_INPUT naming the field, and writes nothing', async (_label, overrides, field) => {
    const before = await total();
    const res = await sg.request(RECORD, { input: form(overrides) });
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(fields(res)).toEqual([field]);
    expect(await total()).toBe(before);
  });

  it('reports every problem of an evaluation at once', async () => {
    const res = await sg.request(RECORD, {
      input: form({
        year: 2000,
        evaluator: 'x',
        scores: [
          { dimension: 'POLITICAL_QUALITY', score: 101 },
          { dimension: 'POLITICAL_QUALITY', score: 50 },
        ],
      }),
    });
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(fields(res).sort()).toEqual(['input.evaluator', 'input.scores[0].score', 'input.scores[1].dimension', 'input.year']);
  });

  it('refuses an evaluation without a district at the GraphQL layer, naming input.districtCode', async () => {
    const before = await total();
    const { districtCode: _omitted, ...input } = form();
    const res = await sg.request(RECORD, { input });
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0]!.message).toMatch(/districtCode/);
    expect(await total()).toBe(before);
  });

  it('records city-level evaluations under 330300, and names the district of each', async () => {
    const city = expectData(await sg.request(RECORD, { input: form({ districtCode: '330300', evaluator: '温州市委统战部' }) })).recordEvaluation.evaluation;
    expect(city.district).toEqual({ code: '330300', name: '温州市' });
    const county = expectData(await sg.request(RECORD, { input: form({ districtCode: '330381', evaluator: '瑞安市委统战部' }) })).recordEvaluation.evaluation;
    expect(county.district).toEqual({ code: '330381', name: '瑞安市' });
  });

  it('filters by the district that holds an evaluation; the city holds those recorded before districts were kept', async () => {
    const personId = randomIds.next();
    const record = async (districtCode: string, evaluator: string) =>
      expectData(await sg.request(RECORD, { input: form({ personId, districtCode, evaluator }) })).recordEvaluation.evaluation.id as string;
    const inCity = await record('330300', '筛选市评议组');
    const inOwn = await record('330302', '筛选鹿城评议组');
    const inOther = await record('330303', '筛选龙湾评议组');
    // A row from before the district column: only the migration's NULL says who holds it.
    const legacy = randomIds.next();
    await sg.running.dataSource.query(
      "INSERT INTO evaluation (id, person_id, year, district_code, evaluator, composite, comment, created_at) VALUES (?, ?, 2015, NULL, '旧评议组', 70, NULL, '2015-12-01 00:00:00')",
      [legacy, personId],
    );
    const ids = async (f: Record<string, unknown>) =>
      expectData(await sg.request(`query($f: EvaluationFilter) { evaluations(filter: $f) { totalCount edges { node { id district { code } } } } }`, { f })).evaluations;
    expect((await ids({ personId, districtCode: '330302' })).edges.map((e: any) => e.node.id)).toEqual([inOwn]);
    expect((await ids({ personId, districtCode: '330303' })).edges.map((e: any) => e.node.id)).toEqual([inOther]);
    const cityHeld = await ids({ personId, districtCode: '330300' });
    expect(cityHeld.totalCount).toBe(2);
    expect(cityHeld.edges.map((e: any) => e.node).sort((a: any, b: any) => a.id.localeCompare(b.id))).toEqual(
      [
        { id: inCity, district: { code: '330300' } },
        { id: legacy, district: null },
      ].sort((a, b) => a.id.localeCompare(b.id)),
    );
    expect((await ids({ personId })).totalCount).toBe(4);
    const bad = await sg.request(`{ evaluations(filter: { districtCode: "999999" }) { totalCount } }`);
    expect(fields(bad)).toEqual(['filter.districtCode']);
  });

  it('refuses an unknown dimension at the GraphQL layer', async () => {
    const res = await sg.request(RECORD, { input: form({ scores: [...scores(80, 75, 70, 65).slice(1), { dimension: 'HANDWRITING', score: 80 }] }) });
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses a second evaluation of a person for a year by the same evaluator with CONFLICT, writing nothing', async () => {
    const input = form({ evaluator: '龙湾区委统战部' });
    const first = expectData(await sg.request(RECORD, { input })).recordEvaluation.evaluation;
    const before = await total({ personId: input.personId });
    const again = await sg.request(RECORD, { input: { ...input, evaluator: ' 龙湾区委统战部 ', scores: scores(99, 99, 99, 99) } });
    expect(errorCodes(again)).toEqual(['CONFLICT']);
    expect(again.errors![0]!.extensions!.evaluationId).toBe(first.id);
    expect(await total({ personId: input.personId })).toBe(before);
    const kept = expectData(await sg.request(`query($id: ID!) { evaluation(id: $id) { composite } }`, { id: first.id }));
    expect(kept.evaluation.composite).toBe(first.composite);

    expectData(await sg.request(RECORD, { input: { ...input, evaluator: '龙湾区工商联' } }));
    expectData(await sg.request(RECORD, { input: { ...input, year: THIS_YEAR - 2 } }));
    expect(await total({ personId: input.personId })).toBe(3);
  });

  it('writes an evaluation and its scores together or not at all', async () => {
    const mysql = !sg.running.dataSource.options.type.includes('sqlite');
    await sg.running.dataSource.query(
      mysql
        ? "CREATE TRIGGER evaluation_score_refused BEFORE INSERT ON evaluation_score FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'refused'"
        : "CREATE TRIGGER evaluation_score_refused BEFORE INSERT ON evaluation_score BEGIN SELECT RAISE(ABORT, 'refused'); END",
    );
    const audited = async (outcome: string) =>
      expectData(await sg.request(`query($f: AuditEventFilter) { evaluationAuditEvents(filter: $f, first: 1000) { events { outcome detail } } }`, { f: { action: 'recordEvaluation', outcome } }))
        .evaluationAuditEvents.events;
    try {
      const input = form();
      const succeeded = (await audited('SUCCEEDED')).length;
      const res = await sg.request(RECORD, { input });
      expect(errorCodes(res)).toEqual(['INTERNAL_SERVER_ERROR']);
      expect(await total({ personId: input.personId })).toBe(0);
      // The success event was in the rolled-back transaction; the failure is recorded on its own.
      expect((await audited('SUCCEEDED')).length).toBe(succeeded);
      expect((await audited('FAILED'))[0]).toEqual({ outcome: 'FAILED', detail: 'INTERNAL_SERVER_ERROR: internal error' });
    } finally {
      await sg.running.dataSource.query('DROP TRIGGER evaluation_score_refused');
    }
  });

  it('answers null for an evaluation that does not exist and refuses a malformed id', async () => {
    const missing = expectData(await sg.request(`query($id: ID!) { evaluation(id: $id) { id } }`, { id: randomIds.next() }));
    expect(missing.evaluation).toBeNull();
    const bad = await sg.request(`{ evaluation(id: "42") { id } }`);
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(fields(bad)).toEqual(['id']);
  });

  it("contributes a person's evaluations, newest year first, and the latest one", async () => {
    const personId = randomIds.next();
    const nobody = randomIds.next();
    const record = async (year: number, evaluator: string, s: number) =>
      expectData(await sg.request(RECORD, { input: form({ personId, year, evaluator, scores: scores(s, s, s, s) }) })).recordEvaluation.evaluation.id as string;
    const older = await record(THIS_YEAR - 3, '瑞安市委统战部', 70);
    const latestA = await record(THIS_YEAR - 1, '瑞安市委统战部', 80);
    const middle = await record(THIS_YEAR - 2, '瑞安市委统战部', 75);
    const latestB = await record(THIS_YEAR - 1, '瑞安市工商联', 85);

    const [person, empty] = await personFields([personId, nobody]);
    expect(person.evaluations.map((e: { id: string }) => e.id)).toEqual([latestB, latestA, middle, older]);
    expect(person.evaluations[0]).toMatchObject({ year: THIS_YEAR - 1, evaluator: '瑞安市工商联', composite: 85 });
    expect(person.evaluations[0].scores).toHaveLength(4);
    expect(person.latestEvaluation).toEqual({ id: latestB, year: THIS_YEAR - 1, evaluator: '瑞安市工商联', scores: [85, 85, 85, 85].map((score) => ({ score })) });
    expect(empty).toEqual({ id: nobody, evaluations: [], latestEvaluation: null });
  });

  it('pages through a filtered list with keyset cursors, in recording order', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      ids.push(expectData(await sg.request(RECORD, { input: form({ evaluator: '分页评议组', year: 2015 }) })).recordEvaluation.evaluation.id);
    }
    expectData(await sg.request(RECORD, { input: form({ evaluator: '分页评议组', year: 2016 }) }));
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: any = expectData(
        await sg.request(
          `query($after: String) { evaluations(first: 3, after: $after, filter: { year: 2015, evaluator: "分页评议组" }) { totalCount edges { node { id } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`,
          { after },
        ),
      );
      expect(page.evaluations.totalCount).toBe(7);
      expect(page.evaluations.pageInfo.hasPreviousPage).toBe(after !== null);
      seen.push(...page.evaluations.edges.map((e: any) => e.node.id));
      pages++;
      if (!page.evaluations.pageInfo.hasNextPage) break;
      after = page.evaluations.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(ids);
    expect(await total({ evaluator: '分页评议组' })).toBe(8);
    expect(await total({ year: 2016, evaluator: '分页评议组' })).toBe(1);
  });

  it('refuses page sizes out of bounds, cursors it did not issue and malformed filters', async () => {
    expect(errorCodes(await sg.request(`{ evaluations(first: 1001) { totalCount } }`))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await sg.request(`{ evaluations(first: 0) { totalCount } }`))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await sg.request(`{ evaluations(after: "bm9wZQ") { totalCount } }`))).toEqual(['BAD_USER_INPUT']);
    const badYear = await sg.request(`{ evaluations(filter: { year: 1999 }) { totalCount } }`);
    expect(fields(badYear)).toEqual(['filter.year']);
    const badPerson = await sg.request(`{ evaluations(filter: { personId: "nope" }) { totalCount } }`);
    expect(fields(badPerson)).toEqual(['filter.personId']);
  });

  describe('recordMany', () => {
    const draft = (overrides: Partial<EvaluationDraft> = {}): EvaluationDraft => ({
      personId: randomIds.next(),
      year: 2020,
      districtCode: '330302',
      evaluator: '批量评议组',
      scores: scores(81, 82, 83, 84),
      ...overrides,
    });

    it('records many evaluations in chunks and returns their ids in input order', async () => {
      const drafts = Array.from({ length: 620 }, (_, i) => draft({ evaluator: '千人评议组', scores: scores(i % 101, 50, 50, 50) }));
      const ids = await sg.running.services.evaluations.recordMany(systemContext(), drafts);
      expect(ids).toHaveLength(620);
      expect(await total({ evaluator: '千人评议组' })).toBe(620);
      const read = expectData(
        await sg.request(`query($a: ID!, $b: ID!) { a: evaluation(id: $a) { person { id } composite scores { score } } b: evaluation(id: $b) { person { id } composite } }`, {
          a: ids[0],
          b: ids[619],
        }),
      );
      expect(read.a).toEqual({ person: { id: drafts[0]!.personId }, composite: 37.5, scores: [0, 50, 50, 50].map((score) => ({ score })) });
      expect(read.b).toEqual({ person: { id: drafts[619]!.personId }, composite: 40.75 });
    });

    it('refuses the whole batch when one row is wrong, naming rows[i].field, and writes nothing', async () => {
      const drafts = [draft({ evaluator: '全无评议组' }), draft({ evaluator: '全无评议组', scores: scores(80, 80, 80, 800) }), draft({ evaluator: '全无评议组', year: 3000 })];
      await expect(sg.running.services.evaluations.recordMany(systemContext(), drafts)).rejects.toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'rows[1].scores[3].score' }, { field: 'rows[2].year' }] },
      });
      await expect(sg.running.services.evaluations.recordMany(systemContext(), [draft({ evaluator: '全无评议组', scores: [{ dimension: 'COURAGE', score: 80 }] })])).rejects.toMatchObject({
        extensions: { fields: [{ field: 'rows[0].scores[0].dimension' }, { field: 'rows[0].scores' }] },
      });
      await expect(
        sg.running.services.evaluations.recordMany(systemContext(), [
          draft({ evaluator: '全无评议组' }),
          draft({ evaluator: '全无评议组', districtCode: null }),
          draft({ evaluator: '全无评议组', districtCode: '110101' }),
        ]),
      ).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'rows[1].districtCode' }, { field: 'rows[2].districtCode' }] } });
      expect(await total({ evaluator: '全无评议组' })).toBe(0);
    });

    it('refuses duplicates within the batch and against the table', async () => {
      const twin = draft({ evaluator: '重复评议组' });
      await expect(sg.running.services.evaluations.recordMany(systemContext(), [twin, draft({ evaluator: '重复评议组' }), { ...twin }])).rejects.toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'rows[2].evaluator' }] },
      });
      expect(await total({ evaluator: '重复评议组' })).toBe(0);

      await sg.running.services.evaluations.recordMany(systemContext(), [twin]);
      await expect(sg.running.services.evaluations.recordMany(systemContext(), [draft({ evaluator: '重复评议组' }), { ...twin, year: 2021 }, { ...twin }])).rejects.toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'rows[2].evaluator' }] },
      });
      expect(await total({ evaluator: '重复评议组' })).toBe(1);
    });
  });

  it('scores under the scheme its source gives for the year, keeping the weights with the scores', async () => {
    const s2025 = defineScheme('the 2025 scheme', [
      { dimension: EvaluationDimension.POLITICAL_THINKING, weight: 0.4 },
      { dimension: EvaluationDimension.PROFESSIONAL_QUALITY, weight: 0.3 },
      { dimension: EvaluationDimension.PUBLIC_IMAGE, weight: 0.3 },
    ]);
    const source: EvaluationSchemeSource = { schemesFor: async (_ctx, years) => new Map(years.map((y) => [y, s2025])) };
    const conn = new TransactionalConnection(sg.running.dataSource);
    const service = new EvaluationService(conn, new AuditLog(conn, 'evaluation'), () => '2025-06-30', source);
    const ctx = systemContext() as RequestContext<unknown>;
    const base = { personId: randomIds.next(), year: 2025, districtCode: '330300', evaluator: '方案评议组' };
    await expect(service.recordMany(ctx, [{ ...base, scores: scores(80, 80, 80, 80) }])).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    await expect(service.recordMany(ctx, [{ ...base, year: 2026, scores: [{ dimension: 'PUBLIC_IMAGE', score: 90 }] }])).rejects.toMatchObject({ extensions: { fields: [{ field: 'rows[0].year' }] } });
    const [id] = await service.recordMany(ctx, [
      {
        ...base,
        scores: [
          { dimension: 'PUBLIC_IMAGE', score: 90 },
          { dimension: 'POLITICAL_THINKING', score: 85.5 },
          { dimension: 'PROFESSIONAL_QUALITY', score: 70 },
        ],
      },
    ]);
    const read = expectData(await sg.request(`query($id: ID!) { evaluation(id: $id) { composite scores { dimension weight weighted } } }`, { id }));
    expect(read.evaluation).toEqual({
      composite: 82.2,
      scores: [
        { dimension: 'POLITICAL_THINKING', weight: 0.4, weighted: 34.2 },
        { dimension: 'PROFESSIONAL_QUALITY', weight: 0.3, weighted: 21 },
        { dimension: 'PUBLIC_IMAGE', weight: 0.3, weighted: 27 },
      ],
    });
  });

  it('resolves the fields it contributes to 200 persons with as few SQL statements as for 10', async () => {
    const personIds = Array.from({ length: 200 }, () => randomIds.next());
    await sg.running.services.evaluations.recordMany(
      systemContext(),
      personIds.flatMap((personId, i) => [
        { personId, year: 2018, districtCode: '330303', evaluator: '计数评议组', scores: scores(60, 70, 80, i % 100) },
        { personId, year: 2019, districtCode: '330303', evaluator: '计数评议组', scores: scores(65, 75, 85, i % 100) },
      ]),
    );
    const small = await sg.statements(() => personFields(personIds.slice(0, 10)));
    const large = await sg.statements(() => personFields(personIds));
    expect(large.result).toHaveLength(200);
    expect(large.result.every((p: any) => p.evaluations.length === 2 && p.latestEvaluation.year === 2019 && p.evaluations[1].scores.length === 4)).toBe(true);
    expect(small.statements).toBeLessThanOrEqual(3);
    expect(large.statements).toBe(small.statements);
  });
});

describe('scoring rules', () => {
  it('computes weighted scores exactly and rounds the composite half up', () => {
    expect(weightedOf(0.25, 80.1)).toBe(20.025);
    expect(weightedOf(0.3, 70.3)).toBe(21.09);
    const w = (score: number) => ({ dimension: EvaluationDimension.POLITICAL_QUALITY, weight: 0.25, score });
    expect(compositeOf([w(60), w(66.5), w(80.1), w(70.3)])).toBe(69.23);
    expect(compositeOf([w(100), w(100), w(100), w(100)])).toBe(100);
    expect(compositeOf([w(0), w(0), w(0), w(0.1)])).toBe(0.03);
  });

  it('refuses schemes whose weights do not add up to 1, repeat a dimension or are not positive', () => {
    const d = EvaluationDimension;
    expect(() => defineScheme('s', [{ dimension: d.PUBLIC_IMAGE, weight: 0.5 }])).toThrow(/add up/);
    expect(() =>
      defineScheme('s', [
        { dimension: d.PUBLIC_IMAGE, weight: 0.5 },
        { dimension: d.PUBLIC_IMAGE, weight: 0.5 },
      ]),
    ).toThrow(/twice/);
    expect(() =>
      defineScheme('s', [
        { dimension: d.PUBLIC_IMAGE, weight: 1.5 },
        { dimension: d.OVERALL_STRENGTH, weight: -0.5 },
      ]),
    ).toThrow(/positive/);
    expect(() => defineScheme('s', [])).toThrow(/no dimensions/);
    expect(
      defineScheme('s', [
        { dimension: d.PUBLIC_IMAGE, weight: 0.1 },
        { dimension: d.OVERALL_STRENGTH, weight: 0.2 },
        { dimension: d.POLITICAL_THINKING, weight: 0.7 },
      ]).weights,
    ).toHaveLength(3);
  });
});
