import { evaluationSubgraph } from '@tongxin/evaluation';
import { expectData } from './harness/graphql-client';
import { startTestSubgraph, TestSubgraph } from './harness/subgraph';

/**
 * Text compares the same on SQLite and MySQL: byte for byte. A case-insensitive or Unicode
 * collation would make different evaluators collide on the unique key on MySQL only.
 */
describe('text equality on both databases', () => {
  let sg: TestSubgraph<unknown>;
  beforeAll(async () => {
    sg = await startTestSubgraph(evaluationSubgraph);
  });
  afterAll(async () => {
    await sg?.stop();
  });

  const RECORD = `mutation($input: RecordEvaluationInput!) { recordEvaluation(input: $input) { evaluation { id evaluator } } }`;
  const scores = ['POLITICAL_QUALITY', 'SOCIAL_CONTRIBUTION', 'PARTICIPATION_ABILITY', 'STRATUM_INFLUENCE'].map((dimension) => ({ dimension, score: 80 }));
  const personId = '01930000-0000-7000-8000-00000000c0de';

  it.each([
    ['letters that differ only in case', 'Wenzhou Panel', 'WENZHOU PANEL'],
    ['distinct rare CJK characters (Extension B)', '𠮷评议组', '𡈽评议组'],
    ['full-width and half-width brackets', '评议组(一)', '评议组（一）'],
  ])('keeps evaluators apart that differ in %s', async (_label, a, b) => {
    for (const evaluator of [a, b]) {
      const res = await sg.request(RECORD, { input: { personId, year: 2024, evaluator, districtCode: '330302', scores } });
      expect(expectData(res).recordEvaluation.evaluation.evaluator).toBe(evaluator);
    }
    const list = expectData(await sg.request(`query($e: String) { evaluations(filter: { evaluator: $e }) { totalCount } }`, { e: a }));
    expect(list.evaluations.totalCount).toBe(1);
  });
});
