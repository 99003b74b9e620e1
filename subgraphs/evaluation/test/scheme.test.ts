import { AuditLog, randomIds, RequestContext, systemContext, todayInChina, TransactionalConnection } from '@tongxin/common';
import { DEFAULT_SCHEME, EvaluationService, evaluationSubgraph, EvaluationServices } from '@tongxin/evaluation';
import { errorCodes, expectData, GraphQLResponse } from '../../../test/harness/graphql-client';
import { startTestSubgraph, TestSubgraph } from '../../../test/harness/subgraph';

const DEFINE = `mutation($input: DefineEvaluationSchemeInput!) {
  defineEvaluationScheme(input: $input) { scheme { year name isDefault version weights { dimension label weight } } }
}`;
const SCHEME = `query($year: Int!) { evaluationScheme(year: $year) { year name isDefault version weights { dimension weight } } }`;
const SCHEMES = `{ evaluationSchemes { year name } }`;
const RECORD = `mutation($input: RecordEvaluationInput!) {
  recordEvaluation(input: $input) { evaluation { id composite schemeName explanation scores { dimension label score weight weighted } } }
}`;
const AUDIT = `query($f: AuditEventFilter) { evaluationAuditEvents(filter: $f, first: 100) { events { action outcome entityId detail } } }`;

const THIS_YEAR = Number(todayInChina().slice(0, 4));
const fields = (res: GraphQLResponse) => (res.errors?.[0]?.extensions?.fields ?? []).map((f: { field: string }) => f.field);

const W17 = [
  { dimension: 'POLITICAL_THINKING', weight: 0.3 },
  { dimension: 'PROFESSIONAL_QUALITY', weight: 0.3 },
  { dimension: 'OVERALL_STRENGTH', weight: 0.25 },
  { dimension: 'PUBLIC_IMAGE', weight: 0.15 },
];

describe('evaluation schemes per year', () => {
  let sg: TestSubgraph<EvaluationServices>;
  beforeAll(async () => {
    sg = await startTestSubgraph(evaluationSubgraph);
  });
  afterAll(async () => {
    await sg?.stop();
  });
  const define = (input: Record<string, unknown>) => sg.request(DEFINE, { input });
  const scheme = async (year: number) => expectData(await sg.request(SCHEME, { year })).evaluationScheme;

  it('uses the default scheme (the four standards of §7/§15, 0.25 each) for a year without one', async () => {
    expect(await scheme(2014)).toEqual({
      year: 2014,
      name: 'the default scheme (§7)',
      isDefault: true,
      version: null,
      weights: ['POLITICAL_QUALITY', 'SOCIAL_CONTRIBUTION', 'PARTICIPATION_ABILITY', 'STRATUM_INFLUENCE'].map((dimension) => ({ dimension, weight: 0.25 })),
    });
  });

  it.each([
    [
      'weights that add up to 0.99',
      [
        { dimension: 'POLITICAL_QUALITY', weight: 0.5 },
        { dimension: 'PUBLIC_IMAGE', weight: 0.49 },
      ],
      ['input.weights'],
    ],
    [
      'weights that add up to 1.01',
      [
        { dimension: 'POLITICAL_QUALITY', weight: 0.5 },
        { dimension: 'PUBLIC_IMAGE', weight: 0.51 },
      ],
      ['input.weights'],
    ],
    [
      'a dimension twice',
      [
        { dimension: 'POLITICAL_QUALITY', weight: 0.5 },
        { dimension: 'POLITICAL_QUALITY', weight: 0.5 },
      ],
      ['input.weights[1].dimension'],
    ],
    [
      'a weight of 0',
      [
        { dimension: 'POLITICAL_QUALITY', weight: 1 },
        { dimension: 'PUBLIC_IMAGE', weight: 0 },
      ],
      ['input.weights[1].weight'],
    ],
    [
      'a negative weight and one with 5 decimals',
      [
        { dimension: 'POLITICAL_QUALITY', weight: -0.5 },
        { dimension: 'PUBLIC_IMAGE', weight: 0.50001 },
      ],
      ['input.weights[0].weight', 'input.weights[1].weight'],
    ],
    ['no weights', [], ['input.weights']],
  ])('refuses %s with BAD_USER_INPUT naming the field, writing nothing', async (_what, weights, expected) => {
    const res = await define({ year: 2013, weights });
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(fields(res)).toEqual(expected);
    expect((await scheme(2013)).isDefault).toBe(true);
  });

  it('refuses years out of range, naming input.year', async () => {
    for (const year of [2010, THIS_YEAR + 2]) {
      const res = await define({ year, weights: W17 });
      expect(fields(res)).toEqual(['input.year']);
    }
  });

  it('adds weights exactly: 0.1 + 0.2 + 0.7 is 1', async () => {
    const res = await define({
      year: 2012,
      weights: [
        { dimension: 'POLITICAL_QUALITY', weight: 0.1 },
        { dimension: 'SOCIAL_CONTRIBUTION', weight: 0.2 },
        { dimension: 'PUBLIC_IMAGE', weight: 0.7 },
      ],
    });
    expect(expectData(res).defineEvaluationScheme.scheme).toMatchObject({ year: 2012, name: 'the 2012 scheme', isDefault: false, version: 1 });
  });

  it('scores the evaluations of a year under its scheme, explains the composite dimension by dimension, then keeps the scheme fixed', async () => {
    const year = THIS_YEAR - 3;
    const defined = expectData(await define({ year, weights: W17, name: '§17 四个方面' })).defineEvaluationScheme.scheme;
    expect(defined.weights).toEqual([
      { dimension: 'POLITICAL_THINKING', label: '政治思想', weight: 0.3 },
      { dimension: 'PROFESSIONAL_QUALITY', label: '业务素质', weight: 0.3 },
      { dimension: 'OVERALL_STRENGTH', label: '综合实力', weight: 0.25 },
      { dimension: 'PUBLIC_IMAGE', label: '自身形象', weight: 0.15 },
    ]);
    // Redefining needs the version read; a stale one is refused.
    expect(errorCodes(await define({ year, weights: W17 }))).toEqual(['CONFLICT']);
    expect(errorCodes(await define({ year, weights: W17, expectedVersion: 7 }))).toEqual(['CONFLICT']);
    const redefined = expectData(await define({ year, weights: W17, name: '§17 scheme', expectedVersion: 1 })).defineEvaluationScheme.scheme;
    expect(redefined).toMatchObject({ name: '§17 scheme', version: 2 });
    expect((await expectData(await sg.request(SCHEMES))).evaluationSchemes).toContainEqual({ year, name: '§17 scheme' });

    // The default scheme's dimensions are refused for that year.
    const wrong = await sg.request(RECORD, {
      input: { personId: randomIds.next(), year, districtCode: '330302', evaluator: '评议组', scores: [{ dimension: 'POLITICAL_QUALITY', score: 80 }] },
    });
    expect(errorCodes(wrong)).toEqual(['BAD_USER_INPUT']);

    const scores = [
      { dimension: 'POLITICAL_THINKING', score: 88.5 },
      { dimension: 'PROFESSIONAL_QUALITY', score: 77 },
      { dimension: 'OVERALL_STRENGTH', score: 90.1 },
      { dimension: 'PUBLIC_IMAGE', score: 66.6 },
    ];
    const recorded = expectData(await sg.request(RECORD, { input: { personId: randomIds.next(), year, districtCode: '330302', evaluator: '评议组', scores } })).recordEvaluation.evaluation;
    // 26.55 + 23.1 + 22.525 + 9.99 = 82.165, rounded half up to 82.17.
    expect(recorded).toMatchObject({
      composite: 82.17,
      schemeName: '§17 scheme',
      scores: [
        { dimension: 'POLITICAL_THINKING', label: '政治思想', score: 88.5, weight: 0.3, weighted: 26.55 },
        { dimension: 'PROFESSIONAL_QUALITY', label: '业务素质', score: 77, weight: 0.3, weighted: 23.1 },
        { dimension: 'OVERALL_STRENGTH', label: '综合实力', score: 90.1, weight: 0.25, weighted: 22.525 },
        { dimension: 'PUBLIC_IMAGE', label: '自身形象', score: 66.6, weight: 0.15, weighted: 9.99 },
      ],
    });
    expect(recorded.explanation).toBe(
      '§17 scheme: 政治思想 88.5 × 0.3 = 26.55 + 业务素质 77 × 0.3 = 23.1 + 综合实力 90.1 × 0.25 = 22.525 + 自身形象 66.6 × 0.15 = 9.99 = 82.165 ≈ 82.17 (Σ weight × score; each product exact, the sum rounded half up to 2 decimals)',
    );

    // Fixed once an evaluation of the year is recorded.
    const late = await define({ year, weights: W17, expectedVersion: 2 });
    expect(errorCodes(late)).toEqual(['CONFLICT']);
    expect(late.errors![0]!.message).toMatch(/1 evaluation/);
    expect((await scheme(year)).version).toBe(2);

    const events = expectData(await sg.request(AUDIT, { f: { action: 'defineEvaluationScheme' } })).evaluationAuditEvents.events;
    expect(events.filter((e: any) => e.outcome === 'SUCCEEDED' && e.detail === `year ${year}`)).toHaveLength(2);
    expect(events.filter((e: any) => e.outcome === 'FAILED').length).toBeGreaterThanOrEqual(4);
  });

  it('keeps the default scheme for years without one, naming it in the explanation', async () => {
    const res = await sg.request(RECORD, {
      input: {
        personId: randomIds.next(),
        year: THIS_YEAR - 1,
        districtCode: '330303',
        evaluator: '评议组',
        scores: ['POLITICAL_QUALITY', 'SOCIAL_CONTRIBUTION', 'PARTICIPATION_ABILITY', 'STRATUM_INFLUENCE'].map((dimension, i) => ({ dimension, score: 70 + i })),
      },
    });
    const e = expectData(res).recordEvaluation.evaluation;
    expect(e.schemeName).toBe('the default scheme (§7)');
    expect(e.explanation).toBe(
      'the default scheme (§7): 政治素质 70 × 0.25 = 17.5 + 社会贡献 71 × 0.25 = 17.75 + 参政议政能力 72 × 0.25 = 18 + 在所联系阶层中的影响 73 × 0.25 = 18.25 = 71.5 (Σ weight × score; each product exact, the sum rounded half up to 2 decimals)',
    );
  });

  it('refuses an evaluation scored under a scheme that changed before it committed, writing nothing', async () => {
    const year = THIS_YEAR - 5;
    expectData(await define({ year, weights: W17 }));
    const schemes = sg.running.services.schemes;
    // The caller read the default scheme (before the year's was defined); the check in the transaction reads the real one.
    const stale = new EvaluationService(new TransactionalConnection(sg.running.dataSource), new AuditLog(new TransactionalConnection(sg.running.dataSource), 'evaluation'), undefined, {
      schemesFor: async (_ctx, years) => new Map(years.map((y) => [y, DEFAULT_SCHEME])),
      lockedSchemesFor: (tx, years) => schemes.lockedSchemesFor(tx, years),
    });
    const personId = randomIds.next();
    const draft = {
      personId,
      year,
      districtCode: '330302',
      evaluator: '并发评议组',
      scores: ['POLITICAL_QUALITY', 'SOCIAL_CONTRIBUTION', 'PARTICIPATION_ABILITY', 'STRATUM_INFLUENCE'].map((dimension) => ({ dimension, score: 80 })),
    };
    await expect(stale.recordMany(systemContext() as RequestContext<unknown>, [draft])).rejects.toMatchObject({ extensions: { code: 'CONFLICT' } });
    const count = expectData(await sg.request(`query($f: EvaluationFilter) { evaluations(filter: $f) { totalCount } }`, { f: { personId } })).evaluations.totalCount;
    expect(count).toBe(0);
    // Under the scheme as it is, it records.
    expect(expectData(await sg.request(RECORD, { input: { ...draft, scores: W17.map((w) => ({ dimension: w.dimension, score: 80 })) } })).recordEvaluation.evaluation.composite).toBe(80);
  });
});
