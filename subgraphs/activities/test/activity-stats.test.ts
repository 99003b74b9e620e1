import { randomIds, Role, systemContext } from '@tongxin/common';
import { ActivitiesServices, activitiesSubgraph } from '@tongxin/activities';
import { tokenFor } from '../../../test/harness/auth';
import { errorCodes, expectData } from '../../../test/harness/graphql-client';
import { startTestSubgraph, TestSubgraph } from '../../../test/harness/subgraph';

const STATS = `query($groupBy: [ActivityStatsDimension!]!, $filter: ActivityFilter) {
  activityStats(groupBy: $groupBy, filter: $filter) { kind month district { code } activities participations attended hours }
}`;
const SUMMARY = `query($r: [_Any!]!) {
  _entities(representations: $r) { ... on Person { id activitySummary { joined attended hours byKind { kind joined attended hours } } } }
}`;

describe('activities subgraph: activityStats and Person.activitySummary', () => {
  let sg: TestSubgraph<ActivitiesServices>;
  const p1 = randomIds.next();
  const p2 = randomIds.next();
  const persons = Array.from({ length: 20 }, () => randomIds.next());

  beforeAll(async () => {
    sg = await startTestSubgraph(activitiesSubgraph);
    const system = systemContext();
    const a = (title: string, kind: string, districtCode: string, startsAt: string, status = 'COMPLETED') => ({ title, kind, districtCode, startsAt, status });
    // 2026-05-31T18:00Z is 1 June 02:00 in China: a June activity. 2026-06-30T15:59:59Z is 23:59:59 on 30 June.
    const [may, june, juneLate, july, empty] = (await sg.running.services.activities.createMany(system, [
      a('五月学习', 'STUDY_TRAINING', '330302', '2026-05-31T15:59:59Z'),
      a('六月学习', 'STUDY_TRAINING', '330302', '2026-05-31T18:00:00Z'),
      a('六月服务', 'SOCIAL_SERVICE', '330303', '2026-06-30T15:59:59Z'),
      a('七月服务', 'SOCIAL_SERVICE', '330303', '2026-06-30T16:00:00Z'),
      a('无人参加', 'EDUCATION', '330303', '2026-06-10T02:00:00Z', 'PLANNED'),
    ])) as [string, string, string, string, string];
    await sg.running.services.participations.recordMany(system, [
      { activityId: may, personId: p1, attendance: 'ATTENDED', hours: 2 },
      { activityId: june, personId: p1, attendance: 'ATTENDED', hours: 3.5 },
      { activityId: juneLate, personId: p1, attendance: 'ABSENT' },
      { activityId: july, personId: p1, attendance: 'ATTENDED', hours: 4 },
      { activityId: may, personId: p2, attendance: 'EXCUSED' },
      { activityId: july, personId: p2, attendance: 'ATTENDED', hours: 1.5 },
      ...persons.map((personId) => ({ activityId: june, personId, attendance: 'ATTENDED', hours: 1 })),
    ]);
    void empty;
  });
  afterAll(async () => {
    await sg?.stop();
  });

  const stats = async (groupBy: string[], filter?: Record<string, unknown>, headers?: Record<string, string>) => sg.statements(() => sg.request(STATS, { groupBy, filter }, headers));

  it('groups by month in China time, in one statement', async () => {
    const { result, statements } = await stats(['MONTH']);
    expect(statements).toBe(1);
    expect(expectData(result).activityStats).toEqual([
      { kind: null, month: '2026-05', district: null, activities: 1, participations: 2, attended: 1, hours: 2 },
      { kind: null, month: '2026-06', district: null, activities: 3, participations: 22, attended: 21, hours: 23.5 },
      { kind: null, month: '2026-07', district: null, activities: 1, participations: 2, attended: 2, hours: 5.5 },
    ]);
  });

  it('groups by kind and district together, and by nothing at all', async () => {
    const { result, statements } = await stats(['KIND', 'DISTRICT']);
    expect(statements).toBe(1);
    expect(expectData(result).activityStats).toEqual([
      { kind: 'EDUCATION', month: null, district: { code: '330303' }, activities: 1, participations: 0, attended: 0, hours: 0 },
      { kind: 'SOCIAL_SERVICE', month: null, district: { code: '330303' }, activities: 2, participations: 3, attended: 2, hours: 5.5 },
      { kind: 'STUDY_TRAINING', month: null, district: { code: '330302' }, activities: 2, participations: 23, attended: 22, hours: 25.5 },
    ]);
    expect(expectData((await stats([])).result).activityStats).toEqual([{ kind: null, month: null, district: null, activities: 5, participations: 26, attended: 24, hours: 31 }]);
  });

  it('applies the filter of activities, and names a bad one', async () => {
    const { result } = await stats(['DISTRICT'], { districtCode: '330303', status: 'COMPLETED' });
    expect(expectData(result).activityStats).toEqual([{ kind: null, month: null, district: { code: '330303' }, activities: 2, participations: 3, attended: 2, hours: 5.5 }]);
    const bad = (await stats(['KIND'], { districtCode: '12', organizerId: 'x' })).result;
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
    expect((bad.errors![0]!.extensions!.fields as Array<{ field: string }>).map((f) => f.field)).toEqual(['filter.districtCode', 'filter.organizerId']);
  });

  it('is for every role but a person', async () => {
    for (const role of [Role.DISTRICT_ADMIN, Role.ASSOCIATION_ADMIN, Role.ANALYST]) {
      const h = { authorization: `Bearer ${await tokenFor({ role, district: '330302', org: randomIds.next() })}` };
      expect(expectData((await stats(['KIND'], undefined, h)).result).activityStats).toHaveLength(3);
    }
    const person = { authorization: `Bearer ${await tokenFor({ role: Role.PERSON, person: p1 })}` };
    expect(errorCodes((await stats(['KIND'], undefined, person)).result)).toEqual(['FORBIDDEN']);
  });

  it('sums a person by kind', async () => {
    const res = expectData(await sg.request(SUMMARY, { r: [p1, p2, randomIds.next()].map((id) => ({ __typename: 'Person', id })) }))._entities;
    expect(res[0].activitySummary).toEqual({
      joined: 4,
      attended: 3,
      hours: 9.5,
      byKind: [
        { kind: 'STUDY_TRAINING', joined: 2, attended: 2, hours: 5.5 },
        { kind: 'SOCIAL_SERVICE', joined: 2, attended: 1, hours: 4 },
      ],
    });
    expect(res[1].activitySummary).toEqual({
      joined: 2,
      attended: 1,
      hours: 1.5,
      byKind: [
        { kind: 'STUDY_TRAINING', joined: 1, attended: 0, hours: 0 },
        { kind: 'SOCIAL_SERVICE', joined: 1, attended: 1, hours: 1.5 },
      ],
    });
    expect(res[2].activitySummary).toEqual({ joined: 0, attended: 0, hours: 0, byKind: [] });
  });

  it('summarises 20 persons in one statement, as 2', async () => {
    const measure = async (n: number) => {
      const { result, statements } = await sg.statements(() => sg.request(SUMMARY, { r: persons.slice(0, n).map((id) => ({ __typename: 'Person', id })) }));
      for (const e of expectData(result)._entities) expect(e.activitySummary).toMatchObject({ joined: 1, attended: 1, hours: 1 });
      return statements;
    };
    expect(await measure(2)).toBe(1);
    expect(await measure(20)).toBe(1);
  });

  it('lets a person read their own summary only (FORBIDDEN on the field for another)', async () => {
    const h = { authorization: `Bearer ${await tokenFor({ role: Role.PERSON, person: p1 })}` };
    const res = await sg.request(SUMMARY, { r: [p1, p2].map((id) => ({ __typename: 'Person', id })) }, h);
    expect(res.data!._entities[0].activitySummary.joined).toBe(4);
    expect(res.data!._entities[1].activitySummary).toBeNull();
    expect(res.errors!.map((e) => [e.extensions!.code, e.path])).toEqual([['FORBIDDEN', ['_entities', 1, 'activitySummary']]]);
  });
});
