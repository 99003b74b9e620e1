import { randomIds } from '@tongxin/common';
import { ActivitiesServices, activitiesSubgraph } from '@tongxin/activities';
import { errorCodes, expectData } from '../../../test/harness/graphql-client';
import { startTestSubgraph, TestSubgraph } from '../../../test/harness/subgraph';

const CREATE = `mutation($input: CreateActivityInput!) { createActivity(input: $input) { activity { id version status } } }`;
const UPDATE = `mutation($input: UpdateActivityInput!) {
  updateActivity(input: $input) { activity { id title kind description location capacity status version startsAt endsAt district { code } organizer { id } } }
}`;
const RECORD = `mutation($input: RecordParticipationInput!) { recordParticipation(input: $input) { participation { id version attendance } } }`;
const UPDATE_P = `mutation($input: UpdateParticipationInput!) { updateParticipation(input: $input) { participation { id role attendance hours version } } }`;
const WITHDRAW = `mutation($input: WithdrawParticipationInput!) { withdrawParticipation(input: $input) { participationId activity { id participantCount } } }`;
const READ = `query($id: ID!) { activity(id: $id) { id title status version capacity participantCount } }`;

const STATUSES = ['PLANNED', 'OPEN', 'ONGOING', 'COMPLETED', 'CANCELLED'] as const;
const ALLOWED: Record<string, string[]> = {
  PLANNED: ['OPEN', 'ONGOING', 'CANCELLED'],
  OPEN: ['ONGOING', 'CANCELLED'],
  ONGOING: ['COMPLETED'],
  COMPLETED: [],
  CANCELLED: [],
};

describe('activities subgraph: updating activities and participations', () => {
  let sg: TestSubgraph<ActivitiesServices>;
  beforeAll(async () => {
    sg = await startTestSubgraph(activitiesSubgraph);
  });
  afterAll(async () => {
    await sg?.stop();
  });

  // Starts a year ahead unless told otherwise: withdrawals are allowed before the start.
  const newActivity = async (overrides: Record<string, unknown> = {}) =>
    expectData(
      await sg.request(CREATE, {
        input: { title: '专业法律咨询进社区', kind: 'SOCIAL_SERVICE', districtCode: '330302', startsAt: '2099-05-20T09:00:00+08:00', ...overrides },
      }),
    ).createActivity.activity as { id: string; version: number; status: string };
  const update = (input: Record<string, unknown>) => sg.request(UPDATE, { input });
  const read = async (id: string) => expectData(await sg.request(READ, { id })).activity;
  const participate = async (activityId: string) =>
    expectData(await sg.request(RECORD, { input: { activityId, personId: randomIds.next() } })).recordParticipation.participation as { id: string; version: number };

  it('changes the given fields, keeps the others, clears with null, and counts the version up', async () => {
    const a = await newActivity({ description: '律师坐诊', location: '社区文化家园', capacity: 30, status: 'OPEN' });
    const res = expectData(await update({ id: a.id, expectedVersion: 1, title: '法律咨询日', location: null, capacity: 40, endsAt: '2099-05-20T12:00:00+08:00', status: null })).updateActivity
      .activity;
    expect(res).toMatchObject({ status: 'OPEN', title: '法律咨询日', kind: 'SOCIAL_SERVICE', description: '律师坐诊', location: null, capacity: 40, version: 2, endsAt: '2099-05-20T04:00:00.000Z' });
    expect(await read(a.id)).toMatchObject({ title: '法律咨询日', version: 2 });
  });

  it('refuses a stale version with CONFLICT and changes nothing', async () => {
    const a = await newActivity();
    expectData(await update({ id: a.id, expectedVersion: 1, title: '第一次修改' }));
    const res = await update({ id: a.id, expectedVersion: 1, title: '第二次修改' });
    expect(errorCodes(res)).toEqual(['CONFLICT']);
    expect(res.errors![0]!.extensions).toMatchObject({ currentVersion: 2 });
    expect(await read(a.id)).toMatchObject({ title: '第一次修改', version: 2 });
  });

  it('names every bad field (BAD_USER_INPUT) and writes nothing', async () => {
    const a = await newActivity();
    const res = await update({ id: a.id, expectedVersion: 1, title: 'x', districtCode: '999999', capacity: 0, endsAt: '2099-05-19T09:00:00+08:00', organizerId: 'nope' });
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect((res.errors![0]!.extensions!.fields as Array<{ field: string }>).map((f) => f.field).sort()).toEqual(
      ['input.capacity', 'input.districtCode', 'input.endsAt', 'input.organizerId', 'input.title'].sort(),
    );
    const clearedRequired = await update({ id: a.id, expectedVersion: 1, title: null });
    expect(errorCodes(clearedRequired)).toEqual(['BAD_USER_INPUT']);
    expect(await read(a.id)).toMatchObject({ title: '专业法律咨询进社区', version: 1 });
    expect(errorCodes(await update({ id: 'nope', expectedVersion: 1 }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await update({ id: randomIds.next(), expectedVersion: 1 }))).toEqual(['NOT_FOUND']);
  });

  const pairs = STATUSES.flatMap((from) => STATUSES.filter((to) => to !== from).map((to) => [from, to, ALLOWED[from]!.includes(to)] as const));
  it.each(pairs)('status %s → %s: allowed %s', async (from, to, allowed) => {
    const a = await newActivity({ status: from });
    const res = await update({ id: a.id, expectedVersion: 1, status: to });
    if (allowed) {
      expect(expectData(res).updateActivity.activity).toMatchObject({ status: to, version: 2 });
    } else {
      expect(errorCodes(res)).toEqual(['CONFLICT']);
      expect(res.errors![0]!.extensions).toMatchObject({ field: 'input.status', currentStatus: from });
      expect(await read(a.id)).toMatchObject({ status: from, version: 1 });
    }
  });

  it('refuses a capacity below the participations recorded, and takes one equal to them', async () => {
    const a = await newActivity({ capacity: 5 });
    for (let i = 0; i < 3; i++) await participate(a.id);
    const res = await update({ id: a.id, expectedVersion: 1, capacity: 2 });
    expect(errorCodes(res)).toEqual(['CONFLICT']);
    expect(res.errors![0]!.extensions).toMatchObject({ field: 'input.capacity', participantCount: 3 });
    expect(expectData(await update({ id: a.id, expectedVersion: 1, capacity: 3 })).updateActivity.activity.capacity).toBe(3);
  });

  it('records attendance and hours once the activity is under way, not before', async () => {
    const a = await newActivity({ status: 'OPEN' });
    const p = await participate(a.id);
    const early = await sg.request(UPDATE_P, { input: { id: p.id, expectedVersion: 1, attendance: 'ATTENDED', hours: 2 } });
    expect(errorCodes(early)).toEqual(['CONFLICT']);
    expect(early.errors![0]!.extensions!.field).toBe('input.attendance');
    // Excused in advance is fine.
    expect(expectData(await sg.request(UPDATE_P, { input: { id: p.id, expectedVersion: 1, attendance: 'EXCUSED' } })).updateParticipation.participation).toMatchObject({
      attendance: 'EXCUSED',
      version: 2,
    });
    expectData(await update({ id: a.id, expectedVersion: 1, status: 'ONGOING' }));
    const done = expectData(await sg.request(UPDATE_P, { input: { id: p.id, expectedVersion: 2, attendance: 'ATTENDED', hours: 3.5, role: 'SPEAKER' } }));
    expect(done.updateParticipation.participation).toMatchObject({ attendance: 'ATTENDED', hours: 3.5, role: 'SPEAKER', version: 3 });
    // Stale version.
    expect(errorCodes(await sg.request(UPDATE_P, { input: { id: p.id, expectedVersion: 2, hours: 1 } }))).toEqual(['CONFLICT']);
    // Away from ATTENDED the hours go.
    expect(expectData(await sg.request(UPDATE_P, { input: { id: p.id, expectedVersion: 3, attendance: 'ABSENT' } })).updateParticipation.participation).toMatchObject({
      attendance: 'ABSENT',
      hours: null,
    });
  });

  it('names bad participation fields (BAD_USER_INPUT) and changes nothing', async () => {
    const a = await newActivity({ status: 'ONGOING' });
    const p = await participate(a.id);
    const res = await sg.request(UPDATE_P, { input: { id: p.id, expectedVersion: 1, attendance: 'ABSENT', hours: 2 } });
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0]!.extensions!.fields).toEqual([expect.objectContaining({ field: 'input.hours' })]);
    const res2 = await sg.request(UPDATE_P, { input: { id: p.id, expectedVersion: 1, hours: 25.55, role: null } });
    expect((res2.errors![0]!.extensions!.fields as Array<{ field: string }>).map((f) => f.field).sort()).toEqual(['input.hours', 'input.role']);
    // Hours on a registration that is not ATTENDED.
    const res3 = await sg.request(UPDATE_P, { input: { id: p.id, expectedVersion: 1, hours: 2 } });
    expect(errorCodes(res3)).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await sg.request(UPDATE_P, { input: { id: randomIds.next(), expectedVersion: 1 } }))).toEqual(['NOT_FOUND']);
  });

  it('withdraws a registration before the start, freeing its place; not once it has started', async () => {
    const a = await newActivity({ capacity: 1, status: 'OPEN' });
    const p = await participate(a.id);
    expect(errorCodes(await sg.request(RECORD, { input: { activityId: a.id, personId: randomIds.next() } }))).toEqual(['CONFLICT']);
    expect(errorCodes(await sg.request(WITHDRAW, { input: { id: p.id, expectedVersion: 2 } }))).toEqual(['CONFLICT']);
    const res = expectData(await sg.request(WITHDRAW, { input: { id: p.id, expectedVersion: 1 } })).withdrawParticipation;
    expect(res).toEqual({ participationId: p.id, activity: { id: a.id, participantCount: 0 } });
    expect(errorCodes(await sg.request(WITHDRAW, { input: { id: p.id, expectedVersion: 1 } }))).toEqual(['NOT_FOUND']);
    await participate(a.id); // the place is free again

    const started = await newActivity({ status: 'OPEN', startsAt: '2020-05-20T09:00:00+08:00' });
    const q = await participate(started.id);
    expect(errorCodes(await sg.request(WITHDRAW, { input: { id: q.id, expectedVersion: 1 } }))).toEqual(['CONFLICT']);
    const ongoing = await newActivity({ status: 'ONGOING' });
    const r = await participate(ongoing.id);
    expect(errorCodes(await sg.request(WITHDRAW, { input: { id: r.id, expectedVersion: 1 } }))).toEqual(['CONFLICT']);
    expect((await read(ongoing.id)).participantCount).toBe(1);
  });
});
