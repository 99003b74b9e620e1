import { randomIds, systemContext, todayInChina } from '@tongxin/common';
import { compareCandidates, evaluationSubgraph, EvaluationServices, meanHundredths } from '@tongxin/evaluation';
import { errorCodes, expectData, GraphQLResponse } from '../../../test/harness/graphql-client';
import { startTestSubgraph, TestSubgraph } from '../../../test/harness/subgraph';

const ENTRY = 'id person { id } level district { code } year status reason addedBy renewedFromId removedBy removedAt removalReason version';
const ADD = `mutation($input: AddToTalentPoolInput!) { addToTalentPool(input: $input) { entry { ${ENTRY} } } }`;
const REMOVE = `mutation($input: RemoveFromTalentPoolInput!) { removeFromTalentPool(input: $input) { entry { ${ENTRY} } } }`;
const CONFIRM = `mutation($input: ConfirmTalentPoolEntryInput!) { confirmTalentPoolEntry(input: $input) { entry { ${ENTRY} } } }`;
const RENEW = `mutation($input: RenewTalentPoolInput!) { renewTalentPool(input: $input) { created alreadyPresent } }`;
const QUOTA = `mutation($input: SetTalentPoolQuotaInput!) { setTalentPoolQuota(input: $input) { compliance { level district { code } count minimum maximum compliant shortfall excess defaultQuota } } }`;
const POOL = `query($f: TalentPoolFilter, $first: Int, $after: String) {
  talentPool(filter: $f, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { ${ENTRY} } } }
}`;
const COMPLIANCE = `query($year: Int!) { talentPoolCompliance(year: $year) { level district { code } year count underReview minimum maximum compliant shortfall excess defaultQuota } }`;
const CANDIDATES = `query($year: Int!, $d: String!, $first: Int, $after: String) {
  talentPoolCandidates(year: $year, districtCode: $d, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { rank person { id } meanComposite evaluationCount } }
  }
}`;
const PERSON_FIELDS = `query($r: [_Any!]!) {
  _entities(representations: $r) { ... on Person { id talentPool { id year status } politicalArrangements { id status } isRepresentative } }
}`;

const THIS_YEAR = Number(todayInChina().slice(0, 4));
const fields = (res: GraphQLResponse) => (res.errors?.[0]?.extensions?.fields ?? []).map((f: { field: string }) => f.field);
const four = (s: number) => ['POLITICAL_QUALITY', 'SOCIAL_CONTRIBUTION', 'PARTICIPATION_ABILITY', 'STRATUM_INFLUENCE'].map((dimension) => ({ dimension, score: s }));

describe('the talent pool', () => {
  let sg: TestSubgraph<EvaluationServices>;
  beforeAll(async () => {
    sg = await startTestSubgraph(evaluationSubgraph);
  });
  afterAll(async () => {
    await sg?.stop();
  });
  const add = (input: Record<string, unknown>) => sg.request(ADD, { input });
  const added = async (input: Record<string, unknown>) => expectData(await add(input)).addToTalentPool.entry;
  const compliance = async (year: number) => expectData(await sg.request(COMPLIANCE, { year })).talentPoolCompliance;
  const poolRows = async (f: Record<string, unknown>) => expectData(await sg.request(POOL, { f, first: 1000 })).talentPool;
  /** `n` entries in a pool, through the API, 10 to a request (aliases; a subgraph, as the gateway, allows 15 and 1000 tokens). */
  const fill = async (n: number, year: number, level: string, districtCode: string | null) => {
    for (let i = 0; i < n; i += 10) {
      const count = Math.min(10, n - i);
      const doc = `mutation { ${Array.from({ length: count }, (_, j) => `a${j}: addToTalentPool(input: { personId: "${randomIds.next()}", level: ${level}, ${districtCode ? `districtCode: "${districtCode}", ` : ''}year: ${year}, reason: "测试入库" }) { entry { id } }`).join(' ')} }`;
      expectData(await sg.request(doc));
    }
  };

  it('adds a person to a district pool and to the city pool, one entry per person, pool and year', async () => {
    const personId = randomIds.next();
    const d = await added({ personId, level: 'DISTRICT', districtCode: '330302', year: THIS_YEAR, reason: '综合评价优秀' });
    expect(d).toMatchObject({
      person: { id: personId },
      level: 'DISTRICT',
      district: { code: '330302' },
      year: THIS_YEAR,
      status: 'ACTIVE',
      reason: '综合评价优秀',
      addedBy: 'test-city_admin',
      version: 1,
    });
    const c = await added({ personId, level: 'CITY', year: THIS_YEAR, reason: '市级代表人士' });
    expect(c).toMatchObject({ level: 'CITY', district: { code: '330300' } });
    const again = await add({ personId, level: 'DISTRICT', districtCode: '330302', year: THIS_YEAR, reason: '重复' });
    expect(errorCodes(again)).toEqual(['CONFLICT']);
    expect(again.errors![0]!.extensions!.entryId).toBe(d.id);
    // Another district's pool and another year are other entries.
    await added({ personId, level: 'DISTRICT', districtCode: '330303', year: THIS_YEAR, reason: '跨区' });
    await added({ personId, level: 'DISTRICT', districtCode: '330302', year: THIS_YEAR - 1, reason: '上年' });
  });

  it('refuses bad input naming every field, writing nothing', async () => {
    const before = (await poolRows({})).totalCount;
    const cases: Array<[Record<string, unknown>, string[]]> = [
      [{ personId: 'x', level: 'DISTRICT', districtCode: '330302', year: THIS_YEAR, reason: '理由' }, ['input.personId']],
      [{ personId: randomIds.next(), level: 'DISTRICT', year: THIS_YEAR, reason: '理由' }, ['input.districtCode']],
      [{ personId: randomIds.next(), level: 'DISTRICT', districtCode: '330300', year: THIS_YEAR, reason: '理由' }, ['input.districtCode']],
      [{ personId: randomIds.next(), level: 'CITY', districtCode: '330302', year: THIS_YEAR, reason: '理由' }, ['input.districtCode']],
      [{ personId: randomIds.next(), level: 'DISTRICT', districtCode: '999999', year: 2010, reason: '' }, ['input.districtCode', 'input.year', 'input.reason']],
    ];
    for (const [input, expected] of cases) {
      const res = await add(input);
      expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
      expect(fields(res)).toEqual(expected);
    }
    expect((await poolRows({})).totalCount).toBe(before);
  });

  it('removes an entry with a reason, keeping it as history; a second removal or a stale version is a CONFLICT', async () => {
    const e = await added({ personId: randomIds.next(), level: 'DISTRICT', districtCode: '330304', year: THIS_YEAR, reason: '入库' });
    expect(fields(await sg.request(REMOVE, { input: { id: e.id, reason: '', expectedVersion: 1 } }))).toEqual(['input.reason']);
    expect(errorCodes(await sg.request(REMOVE, { input: { id: e.id, reason: '调离', expectedVersion: 3 } }))).toEqual(['CONFLICT']);
    const removed = expectData(await sg.request(REMOVE, { input: { id: e.id, reason: '调离本区', expectedVersion: 1 } })).removeFromTalentPool.entry;
    expect(removed).toMatchObject({ id: e.id, status: 'REMOVED', removedBy: 'test-city_admin', removalReason: '调离本区', reason: '入库', version: 2 });
    expect(removed.removedAt).toBeTruthy();
    expect(errorCodes(await sg.request(REMOVE, { input: { id: e.id, reason: '再次', expectedVersion: 2 } }))).toEqual(['CONFLICT']);
    expect((await poolRows({ districtCode: '330304', year: THIS_YEAR })).edges.map((x: any) => x.node.status)).toEqual(['REMOVED']);
    expect(errorCodes(await sg.request(REMOVE, { input: { id: randomIds.next(), reason: '无此记录', expectedVersion: 1 } }))).toEqual(['NOT_FOUND']);
  });

  it.each([
    [49, false, 1],
    [50, true, 0],
    [51, true, 0],
  ])('reports a district pool of %i as compliant: %s (shortfall %i)', async (n, compliant, shortfall) => {
    const year = 2015 + n - 49; // a year of its own per case
    await fill(n, year, 'DISTRICT', '330324');
    // A removed entry and one under review are not counted.
    const extra = await added({ personId: randomIds.next(), level: 'DISTRICT', districtCode: '330324', year, reason: '出库' });
    expectData(await sg.request(REMOVE, { input: { id: extra.id, reason: '出库', expectedVersion: 1 } }));
    const rows = await compliance(year);
    expect(rows).toHaveLength(13);
    expect(rows[0]).toMatchObject({ level: 'CITY', district: { code: '330300' }, count: 0, minimum: 180, maximum: 220, compliant: false, shortfall: 180 });
    expect(rows.find((r: any) => r.district.code === '330324')).toEqual({
      level: 'DISTRICT',
      district: { code: '330324' },
      year,
      count: n,
      underReview: 0,
      minimum: 50,
      maximum: null,
      compliant,
      shortfall,
      excess: 0,
      defaultQuota: true,
    });
    expect(rows.filter((r: any) => r.count > 0)).toHaveLength(1);
  });

  it('takes quotas set by city administrators for a pool and year, the city pool against its range', async () => {
    const year = 2019;
    await fill(3, year, 'CITY', null);
    const set = expectData(await sg.request(QUOTA, { input: { year, level: 'CITY', minimum: 2, maximum: 2 } })).setTalentPoolQuota.compliance;
    expect(set).toEqual({ level: 'CITY', district: { code: '330300' }, count: 3, minimum: 2, maximum: 2, compliant: false, shortfall: 0, excess: 1, defaultQuota: false });
    const reset = expectData(await sg.request(QUOTA, { input: { year, level: 'CITY', minimum: 3, maximum: 5 } })).setTalentPoolQuota.compliance;
    expect(reset).toMatchObject({ compliant: true, minimum: 3, maximum: 5 });
    expect(fields(await sg.request(QUOTA, { input: { year, level: 'DISTRICT', minimum: 5, maximum: 4 } }))).toEqual(['input.districtCode', 'input.maximum']);
    expect((await compliance(year - 1))[0]).toMatchObject({ minimum: 180, defaultQuota: true });
  });

  it('renews a year into the next as UNDER_REVIEW, leaves the old year intact, and adds nothing twice', async () => {
    const from = 2020;
    const kept = await added({ personId: randomIds.next(), level: 'DISTRICT', districtCode: '330326', year: from, reason: '甲等' });
    const second = await added({ personId: randomIds.next(), level: 'DISTRICT', districtCode: '330326', year: from, reason: '乙等' });
    const gone = await added({ personId: randomIds.next(), level: 'DISTRICT', districtCode: '330326', year: from, reason: '丙等' });
    expectData(await sg.request(REMOVE, { input: { id: gone.id, reason: '出库', expectedVersion: 1 } }));
    const otherDistrict = await added({ personId: randomIds.next(), level: 'DISTRICT', districtCode: '330327', year: from, reason: '丁等' });
    // Someone already in next year's pool is left alone.
    await added({ personId: second.person.id, level: 'DISTRICT', districtCode: '330326', year: from + 1, reason: '已在库' });
    const before = await poolRows({ year: from });

    const first = expectData(await sg.request(RENEW, { input: { fromYear: from, toYear: from + 1, level: 'DISTRICT', districtCode: '330326' } })).renewTalentPool;
    expect(first).toEqual({ created: 1, alreadyPresent: 1 });
    const next = (await poolRows({ year: from + 1, districtCode: '330326' })).edges.map((e: any) => e.node);
    const renewed = next.find((e: any) => e.person.id === kept.person.id);
    expect(renewed).toMatchObject({ status: 'UNDER_REVIEW', renewedFromId: kept.id, reason: 'renewed from 2020: 甲等', year: from + 1 });
    expect(next).toHaveLength(2);
    expect(await poolRows({ year: from })).toEqual(before);

    // Idempotent: a second run creates nothing, and the old year is still as it was.
    expect(expectData(await sg.request(RENEW, { input: { fromYear: from, toYear: from + 1, level: 'DISTRICT', districtCode: '330326' } })).renewTalentPool).toEqual({ created: 0, alreadyPresent: 2 });
    expect((await poolRows({ year: from + 1, districtCode: '330326' })).totalCount).toBe(2);
    expect(await poolRows({ year: from })).toEqual(before);

    // Every district at once: only 330327's entry is new.
    expect(expectData(await sg.request(RENEW, { input: { fromYear: from, toYear: from + 1, level: 'DISTRICT' } })).renewTalentPool).toEqual({ created: 1, alreadyPresent: 2 });
    expect((await poolRows({ year: from + 1, districtCode: '330327' })).edges[0].node).toMatchObject({ renewedFromId: otherDistrict.id, status: 'UNDER_REVIEW' });

    // Under review is not counted until confirmed.
    const row = (await compliance(from + 1)).find((r: any) => r.district.code === '330326');
    expect(row).toMatchObject({ count: 1, underReview: 1 });
    const confirmed = expectData(await sg.request(CONFIRM, { input: { id: renewed.id, expectedVersion: 1 } })).confirmTalentPoolEntry.entry;
    expect(confirmed).toMatchObject({ status: 'ACTIVE', version: 2 });
    expect(errorCodes(await sg.request(CONFIRM, { input: { id: renewed.id, expectedVersion: 2 } }))).toEqual(['CONFLICT']);
    expect((await compliance(from + 1)).find((r: any) => r.district.code === '330326')).toMatchObject({ count: 2, underReview: 0 });

    expect(fields(await sg.request(RENEW, { input: { fromYear: from, toYear: from, level: 'CITY' } }))).toEqual(['input.toYear']);
    expect(fields(await sg.request(RENEW, { input: { fromYear: from, toYear: from + 1, level: 'CITY', districtCode: '330302' } }))).toEqual(['input.districtCode']);
  });

  it('never revives a removed entry: confirming one that is not UNDER_REVIEW, or removing one twice, is CONFLICT and changes nothing', async () => {
    const from = THIS_YEAR - 3;
    const kept = await added({ personId: randomIds.next(), level: 'DISTRICT', districtCode: '330328', year: from, reason: '复审' });
    expectData(await sg.request(RENEW, { input: { fromYear: from, toYear: from + 1, level: 'DISTRICT', districtCode: '330328' } }));
    const review = (await poolRows({ year: from + 1, districtCode: '330328', registeredOnly: false })).edges.map((e: any) => e.node).find((e: any) => e.renewedFromId === kept.id);
    expect(review).toMatchObject({ status: 'UNDER_REVIEW', version: 1 });
    const removed = expectData(await sg.request(REMOVE, { input: { id: review.id, reason: '复审未通过', expectedVersion: 1 } })).removeFromTalentPool.entry;
    expect(removed).toMatchObject({ status: 'REMOVED', version: 2 });
    const entry = async (id: string) => expectData(await sg.request(`query($id: ID!) { talentPoolEntry(id: $id) { ${ENTRY} } }`, { id })).talentPoolEntry;
    const audited = async () =>
      Number((await sg.running.dataSource.query("SELECT COUNT(*) AS n FROM audit_event WHERE action IN ('confirmTalentPoolEntry', 'removeFromTalentPool') AND outcome = 'FAILED'"))[0].n);
    const failedBefore = await audited();
    for (const [mutation, input, current] of [
      [CONFIRM, { id: removed.id, expectedVersion: 2 }, 'REMOVED'],
      [REMOVE, { id: removed.id, reason: '再次出库', expectedVersion: 2 }, 'REMOVED'],
      [CONFIRM, { id: kept.id, expectedVersion: 1 }, 'ACTIVE'],
    ] as const) {
      const before = await entry(input.id);
      const res = await sg.request(mutation, { input });
      expect(errorCodes(res)).toEqual(['CONFLICT']);
      expect(res.errors![0]!.message).toContain(`Entry ${input.id} ${current === 'REMOVED' && mutation === REMOVE ? 'was removed already' : `is ${current}`}`);
      expect(await entry(input.id)).toEqual(before);
    }
    expect(await audited()).toBe(failedBefore + 3);
  });

  describe('registered persons only (DOMAIN.md, "Counting people")', () => {
    const year = THIS_YEAR - 4;
    const d = '330329';
    const persons = Array.from({ length: 5 }, () => randomIds.next());
    const [archived, movedAway, active, unknown, returned] = persons as [string, string, string, string, string];
    const apply = (changes: Array<{ personId: string; status: string; version: number }>) => sg.running.services.personStatuses.apply(systemContext(), changes);
    beforeAll(async () => {
      for (const personId of persons) await added({ personId, level: 'DISTRICT', districtCode: d, year, reason: '登记状态' });
      await sg.running.services.evaluations.recordMany(
        systemContext(),
        persons.map((personId) => ({ personId, year, districtCode: d, evaluator: '状态组', scores: four(70) })),
      );
      // What the persons subgraph publishes: registered, archived, moved away, moved away and back; `unknown` never.
      expect(await apply([archived, movedAway, active, returned].map((personId) => ({ personId, status: 'ACTIVE', version: 1 })))).toBe(4);
      expect(
        await apply([
          { personId: archived, status: 'ARCHIVED', version: 3 },
          { personId: movedAway, status: 'MOVED_AWAY', version: 2 },
          { personId: returned, status: 'MOVED_AWAY', version: 2 },
          { personId: returned, status: 'ACTIVE', version: 3 },
        ]),
      ).toBe(3);
    });

    it('counts, lists, ranks and renews the entries of registered persons; the history lists them all', async () => {
      const row = (await compliance(year)).find((r: any) => r.district.code === d);
      expect(row).toMatchObject({ count: 3, underReview: 0 });
      const listed = await poolRows({ year, districtCode: d });
      expect(listed.totalCount).toBe(3);
      expect(listed.edges.map((e: any) => e.node.person.id).sort()).toEqual([active, unknown, returned].sort());
      const history = await poolRows({ year, districtCode: d, registeredOnly: false });
      expect(history.totalCount).toBe(5);
      const ranked = expectData(await sg.request(CANDIDATES, { year, d, first: 10 })).talentPoolCandidates;
      expect(ranked.edges.map((e: any) => e.node.person.id).sort()).toEqual([active, unknown, returned].sort());
      const renewal = expectData(
        await sg.request(RENEW.replace('alreadyPresent', 'alreadyPresent notRegistered'), { input: { fromYear: year, toYear: year + 1, level: 'DISTRICT', districtCode: d } }),
      ).renewTalentPool;
      expect(renewal).toEqual({ created: 3, alreadyPresent: 0, notRegistered: 2 });
      expect((await poolRows({ year: year + 1, districtCode: d, registeredOnly: false })).edges.map((e: any) => e.node.person.id).sort()).toEqual([active, unknown, returned].sort());
    });

    it('applies only a newer version: a repeated or older status changes nothing', async () => {
      expect(
        await apply([
          { personId: archived, status: 'ACTIVE', version: 2 },
          { personId: movedAway, status: 'ACTIVE', version: 2 },
        ]),
      ).toBe(0);
      expect((await compliance(year)).find((r: any) => r.district.code === d)).toMatchObject({ count: 3 });
      // The persons subgraph restores a person: a newer version counts them again.
      expect(await apply([{ personId: movedAway, status: 'ACTIVE', version: 4 }])).toBe(1);
      expect((await compliance(year)).find((r: any) => r.district.code === d)).toMatchObject({ count: 4 });
    });

    it('refuses a bad change naming it, and anyone but the persons service identity', async () => {
      await expect(apply([{ personId: 'nope', status: 'GONE', version: 0 }])).rejects.toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'changes[0].personId' }, { field: 'changes[0].status' }, { field: 'changes[0].version' }] },
      });
      const res = await sg.request(`mutation($c: [PersonStatusChangeInput!]!) { applyPersonStatuses(changes: $c) }`, { c: [{ personId: active, status: 'ARCHIVED', version: 9 }] });
      expect(errorCodes(res)).toEqual(['FORBIDDEN']);
      expect(res.errors![0]!.message).toBe("Only the persons subgraph publishes persons' statuses.");
      expect((await poolRows({ year, districtCode: d })).totalCount).toBe(4);
    });
  });

  describe('candidates', () => {
    const year = THIS_YEAR - 2;
    const d = '330381';
    // Ids in ascending order, so that the last tie-break (person id) is known.
    const ids = Array.from({ length: 6 }, () => randomIds.next()).sort();
    beforeAll(async () => {
      const ev = (personId: string, evaluator: string, s: number, districtCode = d) => ({ personId, year, districtCode, evaluator, scores: four(s) });
      await sg.running.services.evaluations.recordMany(systemContext(), [
        ev(ids[0]!, '甲组', 80), // mean 80, 1 evaluation
        ev(ids[1]!, '甲组', 70),
        ev(ids[1]!, '乙组', 90), // mean 80, 2 evaluations: before ids[0]
        ev(ids[2]!, '甲组', 80), // mean 80, 1 evaluation, id after ids[0]
        ev(ids[3]!, '甲组', 95),
        ev(ids[4]!, '甲组', 60.1),
        ev(ids[4]!, '乙组', 60), // mean 60.05
        ev(ids[5]!, '甲组', 99, '330382'), // another district's evaluation
      ]);
    });

    it('ranks by mean composite, then more evaluations, then person id, and pages across ties', async () => {
      const all = expectData(await sg.request(CANDIDATES, { year, d, first: 10 })).talentPoolCandidates;
      expect(all.totalCount).toBe(5);
      expect(all.edges.map((e: any) => [e.node.rank, e.node.person.id, e.node.meanComposite, e.node.evaluationCount])).toEqual([
        [1, ids[3], 95, 1],
        [2, ids[1], 80, 2],
        [3, ids[0], 80, 1],
        [4, ids[2], 80, 1],
        [5, ids[4], 60.05, 2],
      ]);
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const page: any = expectData(await sg.request(CANDIDATES, { year, d, first: 2, after })).talentPoolCandidates;
        seen.push(...page.edges.map((e: any) => `${e.node.rank}:${e.node.person.id}`));
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);
      expect(seen).toEqual(all.edges.map((e: any) => `${e.node.rank}:${e.node.person.id}`));
    });

    it('rounds the mean half up on exact hundredths and compares candidates totally', () => {
      expect(meanHundredths('120.15', 2)).toBe(6008); // 60.075 → 60.08
      expect(meanHundredths(200.01, 3)).toBe(6667); // 66.67
      const a = { personId: 'a', meanHundredths: 8000, evaluationCount: 1 };
      expect(compareCandidates(a, { ...a })).toBe(0);
      expect(compareCandidates(a, { ...a, personId: 'b' })).toBeLessThan(0);
      expect(compareCandidates(a, { ...a, evaluationCount: 2 })).toBeGreaterThan(0);
    });

    it('refuses a bad year, district or cursor', async () => {
      expect(fields(await sg.request(CANDIDATES, { year: 2000, d: 'x' }))).toEqual(['year', 'districtCode']);
      expect(errorCodes(await sg.request(CANDIDATES, { year, d, after: 'nonsense' }))).toEqual(['BAD_USER_INPUT']);
    });

    it('costs the same statements for 5 candidates as for 300', async () => {
      const big = THIS_YEAR - 4;
      await sg.running.services.evaluations.recordMany(
        systemContext(),
        Array.from({ length: 300 }, (_, i) => ({ personId: randomIds.next(), year: big, districtCode: d, evaluator: '计数组', scores: four(50 + (i % 40)) })),
      );
      const small = await sg.statements(() => sg.request(CANDIDATES, { year, d, first: 1000 }));
      const large = await sg.statements(() => sg.request(CANDIDATES, { year: big, d, first: 1000 }));
      expect(expectData(large.result).talentPoolCandidates.edges).toHaveLength(300);
      expect(large.statements).toBe(small.statements);
    });
  });

  it('lists with keyset cursors and a statement count independent of the rows', async () => {
    const year = 2016;
    const page1 = expectData(await sg.request(POOL, { f: { year, districtCode: '330324' }, first: 20 })).talentPool;
    const page2 = expectData(await sg.request(POOL, { f: { year, districtCode: '330324' }, first: 20, after: page1.pageInfo.endCursor })).talentPool;
    expect(page1.edges).toHaveLength(20);
    expect(page2.edges[0].node.id > page1.edges[19].node.id).toBe(true);
    const a = await sg.statements(() => sg.request(POOL, { f: { year }, first: 5 }));
    const b = await sg.statements(() => sg.request(POOL, { f: { year }, first: 50 }));
    expect(b.statements).toBe(a.statements);
  });

  it('resolves Person.talentPool, politicalArrangements and isRepresentative for 200 persons in as many statements as for 20', async () => {
    const personIds = Array.from({ length: 200 }, () => randomIds.next());
    // 10 to a request: a subgraph, as the gateway, allows 15 aliases and 1000 tokens.
    for (let i = 0; i < personIds.length; i += 10) {
      const doc = `mutation { ${personIds
        .slice(i, i + 10)
        .map((p, j) => `a${j}: addToTalentPool(input: { personId: "${p}", level: DISTRICT, districtCode: "330383", year: ${THIS_YEAR}, reason: "计数" }) { entry { id } }`)
        .join(' ')} }`;
      expectData(await sg.request(doc));
    }
    const ask = (ids: readonly string[]) => sg.request(PERSON_FIELDS, { r: ids.map((id) => ({ __typename: 'Person', id })) });
    const small = await sg.statements(() => ask(personIds.slice(0, 20)));
    const large = await sg.statements(() => ask(personIds));
    const rows = expectData(large.result)._entities;
    expect(rows).toHaveLength(200);
    expect(rows.every((p: any) => p.talentPool.length === 1 && p.talentPool[0].status === 'ACTIVE' && p.isRepresentative === true && p.politicalArrangements.length === 0)).toBe(true);
    expect(large.statements).toBe(small.statements);
    expect(small.statements).toBeLessThanOrEqual(4);
  });
});
