import { randomIds, Role } from '@tongxin/common';
import { evaluationSubgraph, EvaluationServices } from '@tongxin/evaluation';
import { tokenFor } from '../../../test/harness/auth';
import { expectData } from '../../../test/harness/graphql-client';
import { startTestSubgraph, TestSubgraph } from '../../../test/harness/subgraph';

/** evaluationStats (issue 16 §3): a year's evaluations by district and band of the composite score, read as evaluations are. */
const STATS = `query($y: Int!, $g: [EvaluationStatsDimension!]!, $d: String) {
  evaluationStats(year: $y, groupBy: $g, districtCode: $d) { district { code } compositeBand evaluations persons averageComposite suppressed }
}`;

describe('evaluationStats', () => {
  let sg: TestSubgraph<EvaluationServices>;
  const as = async (claims: Parameters<typeof tokenFor>[0]) => ({ authorization: `Bearer ${await tokenFor(claims)}` });
  const stats = async (vars: Record<string, unknown>, headers?: Record<string, string>) => sg.request(STATS, { y: 2025, g: [], ...vars }, headers);

  beforeAll(async () => {
    sg = await startTestSubgraph(evaluationSubgraph);
    const insert = (district: string | null, composite: number, year = 2025, personId = randomIds.next()) =>
      sg.running.dataSource.query("INSERT INTO evaluation (id, person_id, year, district_code, evaluator, composite, created_at) VALUES (?, ?, ?, ?, '统战部', ?, '2025-06-01 00:00:00')", [
        randomIds.next(),
        personId,
        year,
        district,
        composite,
      ]);
    // 鹿城区: 10 persons, one of them evaluated twice (by two evaluators); 龙湾区: 3; the city's: 2 (one before districts were kept).
    const twice = randomIds.next();
    for (const c of [95, 91, 88, 85, 82, 79, 75, 72, 65, 60]) await insert('330302', c);
    await sg.running.dataSource.query(
      "INSERT INTO evaluation (id, person_id, year, district_code, evaluator, composite, created_at) VALUES (?, ?, 2025, '330302', '工商联', 70, '2025-06-01 00:00:00')",
      [randomIds.next(), twice],
    );
    await sg.running.dataSource.query(
      "INSERT INTO evaluation (id, person_id, year, district_code, evaluator, composite, created_at) VALUES (?, ?, 2025, '330302', '统战部', 90, '2025-06-01 00:00:00')",
      [randomIds.next(), twice],
    );
    for (const c of [90, 80, 70]) await insert('330303', c);
    await insert('330300', 85);
    await insert(null, 75);
    await insert('330302', 99, 2024); // another year
  });
  afterAll(async () => {
    await sg?.stop();
  });

  it('counts evaluations, persons once, and the mean score by district (the city holding those without one)', async () => {
    const rows = expectData(await stats({ g: ['DISTRICT'] })).evaluationStats;
    expect(rows.map((r: any) => [r.district.code, r.evaluations, r.persons, r.averageComposite])).toEqual([
      ['330300', 2, 2, 80],
      ['330302', 12, 11, 79.3],
      ['330303', 3, 3, 80],
    ]);
  });

  it('bands the composite score, highest first, and takes one district', async () => {
    const rows = expectData(await stats({ g: ['COMPOSITE_BAND'], d: '330302' })).evaluationStats;
    expect(rows.map((r: any) => [r.compositeBand, r.evaluations])).toEqual([
      ['FROM_90', 3],
      ['FROM_80', 3],
      ['FROM_70', 4],
      ['BELOW_70', 2],
    ]);
  });

  it("keeps a district administrator to their own department's evaluations, exactly; analysts' small groups suppressed", async () => {
    const district = await as({ role: Role.DISTRICT_ADMIN, district: '330302' });
    expect(expectData(await stats({ g: ['DISTRICT'] }, district)).evaluationStats.map((r: any) => [r.district.code, r.evaluations, r.suppressed])).toEqual([['330302', 12, false]]);
    const other = await stats({ d: '330303' }, district);
    expect(other.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const analyst = await as({ role: Role.ANALYST });
    const shown = expectData(await stats({ g: ['DISTRICT'] }, analyst)).evaluationStats;
    // 鹿城区's 11 persons shown (rounded to a multiple of 5); the two small groups withheld (their numbers, not that they exist).
    expect(shown.map((r: any) => [r.district.code, r.evaluations, r.persons, r.averageComposite, r.suppressed])).toEqual([
      ['330300', null, null, null, true],
      ['330302', 10, 10, 79.3, false],
      ['330303', null, null, null, true],
    ]);
  });

  it('is refused to association administrators and persons, and refuses a bad year or district with BAD_USER_INPUT', async () => {
    for (const claims of [
      { role: Role.ASSOCIATION_ADMIN, org: randomIds.next() },
      { role: Role.PERSON, person: randomIds.next() },
    ] as const) {
      expect((await stats({}, await as(claims))).errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    }
    expect((await stats({ y: 1999, d: 'x' })).errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });
});
