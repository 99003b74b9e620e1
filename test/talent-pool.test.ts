import { makeIdNumber, randomIds, todayInChina } from '@tongxin/common';
import { errorCodes, expectData } from './harness/graphql-client';
import { startTestPlatform, TestPlatform } from './harness/platform';

/**
 * Issue 5, parts 3 to 5, through the gateway: scheme weights that do not add up to 1 refused,
 * the compliance of district pools of 49, 50 and 51, the annual renewal (old year intact,
 * idempotent), ranking ties broken deterministically, and the fields the evaluation subgraph adds
 * to Person resolved for a district's persons in a number of statements that does not grow with
 * them.
 */

const THIS_YEAR = Number(todayInChina().slice(0, 4));
const DEFINE = `mutation($input: DefineEvaluationSchemeInput!) { defineEvaluationScheme(input: $input) { scheme { year version } } }`;
const COMPLIANCE = `query($year: Int!) { talentPoolCompliance(year: $year) { level district { code name } count underReview minimum maximum compliant shortfall } }`;
const POOL = `query($f: TalentPoolFilter) { talentPool(filter: $f, first: 1000) { totalCount edges { node { id person { id } year status reason renewedFromId version } } } }`;
const RENEW = `mutation($input: RenewTalentPoolInput!) { renewTalentPool(input: $input) { created alreadyPresent } }`;
const CANDIDATES = `query($year: Int!, $d: String!) { talentPoolCandidates(year: $year, districtCode: $d, first: 100) { edges { node { rank meanComposite evaluationCount person { id name } } } } }`;
const REGISTER = `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id } } }`;
const PERSONS = `query($d: String!) {
  persons(filter: { districtCode: $d }, first: 1000) {
    edges { node { id name isRepresentative talentPool { year level status } politicalArrangements { kind status body } evaluations { explanation } } }
  }
}`;

const four = (s: number) => ['POLITICAL_QUALITY', 'SOCIAL_CONTRIBUTION', 'PARTICIPATION_ABILITY', 'STRATUM_INFLUENCE'].map((dimension) => ({ dimension, score: s }));

describe('evaluation schemes, the talent pool and political arrangements through the gateway', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startTestPlatform();
  });
  afterAll(async () => {
    await p?.stop();
  });

  /** `n` entries in a district pool of a year, 10 to a request (the gateway allows 15 aliases and 1000 tokens). */
  const fill = async (n: number, year: number, districtCode: string) => {
    for (let i = 0; i < n; i += 10) {
      const doc = `mutation { ${Array.from(
        { length: Math.min(10, n - i) },
        (_, j) => `a${j}: addToTalentPool(input: { personId: "${randomIds.next()}", level: DISTRICT, districtCode: "${districtCode}", year: ${year}, reason: "综合评价入库" }) { entry { id } }`,
      ).join(' ')} }`;
      expectData(await p.request(doc));
    }
  };
  let sequence = 0;
  const register = async (name: string, districtCode: string) => {
    const seq = ++sequence;
    return expectData(
      await p.request(REGISTER, {
        input: {
          name,
          idNumber: makeIdNumber(districtCode, `19${70 + (seq % 30)}-0${1 + (seq % 9)}-1${seq % 10}`, (seq % 400) * 2 + 1),
          politicalAffiliation: 'NON_PARTY',
          category: 'PRIVATE_TECH',
          districtCode,
        },
      }),
    ).registerPerson.person.id as string;
  };

  it('refuses scheme weights that do not add up to 1, naming input.weights', async () => {
    const res = await p.request(DEFINE, {
      input: {
        year: 2013,
        weights: [
          { dimension: 'POLITICAL_QUALITY', weight: 0.6 },
          { dimension: 'PUBLIC_IMAGE', weight: 0.3 },
        ],
      },
    });
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0]!.extensions!.fields).toEqual([{ field: 'input.weights', message: 'must add up to 1, not 0.9' }]);
    expect(
      expectData(
        await p.request(DEFINE, {
          input: {
            year: 2013,
            weights: [
              { dimension: 'POLITICAL_QUALITY', weight: 0.6 },
              { dimension: 'PUBLIC_IMAGE', weight: 0.4 },
            ],
          },
        }),
      ).defineEvaluationScheme.scheme,
    ).toEqual({ year: 2013, version: 1 });
  });

  it('reports district pools of 49, 50 and 51 against the quota of 50', async () => {
    const year = 2022;
    await fill(49, year, '330302');
    await fill(50, year, '330303');
    await fill(51, year, '330304');
    const rows = expectData(await p.request(COMPLIANCE, { year })).talentPoolCompliance;
    expect(rows.map((r: any) => r.district.code)).toEqual(['330300', '330302', '330303', '330304', '330305', '330324', '330326', '330327', '330328', '330329', '330381', '330382', '330383']);
    const of = (code: string) => rows.find((r: any) => r.district.code === code);
    expect(of('330302')).toEqual({ level: 'DISTRICT', district: { code: '330302', name: '鹿城区' }, count: 49, underReview: 0, minimum: 50, maximum: null, compliant: false, shortfall: 1 });
    expect(of('330303')).toMatchObject({ count: 50, compliant: true, shortfall: 0 });
    expect(of('330304')).toMatchObject({ count: 51, compliant: true, shortfall: 0 });
    expect(of('330300')).toMatchObject({ level: 'CITY', count: 0, minimum: 180, maximum: 220, compliant: false, shortfall: 180 });
    expect(of('330305')).toMatchObject({ count: 0, compliant: false, shortfall: 50 });
  });

  it('renews a year into the next for review, leaving the old year intact, and is idempotent', async () => {
    const from = 2023;
    await fill(3, from, '330381');
    const old = expectData(await p.request(POOL, { f: { year: from, districtCode: '330381' } })).talentPool;
    const renew = () => p.request(RENEW, { input: { fromYear: from, toYear: from + 1, level: 'DISTRICT', districtCode: '330381' } });
    expect(expectData(await renew()).renewTalentPool).toEqual({ created: 3, alreadyPresent: 0 });
    expect(expectData(await renew()).renewTalentPool).toEqual({ created: 0, alreadyPresent: 3 });
    expect(expectData(await p.request(POOL, { f: { year: from, districtCode: '330381' } })).talentPool).toEqual(old);
    const next = expectData(await p.request(POOL, { f: { year: from + 1, districtCode: '330381' } })).talentPool;
    expect(next.totalCount).toBe(3);
    expect(next.edges.map((e: any) => e.node.status)).toEqual(['UNDER_REVIEW', 'UNDER_REVIEW', 'UNDER_REVIEW']);
    expect(next.edges.map((e: any) => e.node.renewedFromId).sort()).toEqual(old.edges.map((e: any) => e.node.id).sort());
    expect(expectData(await p.request(COMPLIANCE, { year: from + 1 })).talentPoolCompliance.find((r: any) => r.district.code === '330381')).toMatchObject({ count: 0, underReview: 3 });
  });

  it("ranks a district's candidates with ties broken deterministically, and resolves the Person fields batched", async () => {
    const d = '330382';
    const year = THIS_YEAR - 1;
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push(await register(`吴${'甲乙丙丁戊己庚辛壬癸子丑'[i]}`, d));
    // Pairs of equal composites: the tie goes to the smaller person id.
    for (const [i, id] of ids.entries()) {
      expectData(
        await p.request(`mutation($input: RecordEvaluationInput!) { recordEvaluation(input: $input) { evaluation { id } } }`, {
          input: { personId: id, year, districtCode: d, evaluator: '乐清市委统战部', scores: four(70 + Math.floor(i / 2)) },
        }),
      );
    }
    const ranked = expectData(await p.request(CANDIDATES, { year, d })).talentPoolCandidates.edges.map((e: any) => e.node);
    expect(ranked.map((c: any) => c.rank)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    const expected = ids
      .map((id, i) => ({ id, mean: 70 + Math.floor(i / 2) }))
      .sort((a, b) => b.mean - a.mean || (a.id < b.id ? -1 : 1))
      .map((c) => [c.id, c.mean]);
    expect(ranked.map((c: any) => [c.person.id, c.meanComposite])).toEqual(expected);
    expect(ranked[0].person.name).toMatch(/^吴/);

    // Some in the pool, one appointed: isRepresentative, talentPool and politicalArrangements per person.
    expectData(await p.request(`mutation { addToTalentPool(input: { personId: "${ids[0]}", level: DISTRICT, districtCode: "${d}", year: ${THIS_YEAR}, reason: "综合评价第一" }) { entry { id } } }`));
    expectData(
      await p.request(
        `mutation { recordPoliticalArrangement(input: { personId: "${ids[1]}", kind: CPPCC_MEMBER, level: DISTRICT, body: "乐清市政协", districtCode: "${d}", termStart: "${THIS_YEAR - 1}-01-01", termEnd: "${THIS_YEAR + 3}-12-31", status: APPOINTED }) { arrangement { id } } }`,
      ),
    );
    const small = await p.statements(() => p.request(PERSONS, { d }));
    const people = expectData(small.result).persons.edges.map((e: any) => e.node);
    const byId = new Map(people.map((x: any) => [x.id, x]));
    expect(byId.get(ids[0])).toMatchObject({ isRepresentative: true, talentPool: [{ year: THIS_YEAR, level: 'DISTRICT', status: 'ACTIVE' }], politicalArrangements: [] });
    expect(byId.get(ids[1])).toMatchObject({ isRepresentative: true, talentPool: [], politicalArrangements: [{ kind: 'CPPCC_MEMBER', status: 'APPOINTED', body: '乐清市政协' }] });
    expect(byId.get(ids[2])).toMatchObject({ isRepresentative: false, talentPool: [], politicalArrangements: [] });
    expect((byId.get(ids[2]) as any).evaluations[0].explanation).toMatch(/^the default scheme \(§7\): 政治素质 71 × 0.25 = 17.75/);

    // Twice the persons, the same statements in the evaluation subgraph.
    for (let i = 0; i < 12; i++) await register(`郑${'甲乙丙丁戊己庚辛壬癸子丑'[i]}`, d);
    const large = await p.statements(() => p.request(PERSONS, { d }));
    expect(expectData(large.result).persons.edges).toHaveLength(24);
    expect(large.bySubgraph.evaluation).toBe(small.bySubgraph.evaluation);
  });
});
