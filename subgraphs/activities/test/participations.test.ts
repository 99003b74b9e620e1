import { randomIds, systemContext } from '@tongxin/common';
import { ActivitiesServices, activitiesSubgraph, ParticipationDraft } from '@tongxin/activities';
import { errorCodes, expectData } from '../../../test/harness/graphql-client';
import { startTestSubgraph, TestSubgraph } from '../../../test/harness/subgraph';

const CREATE_ACTIVITY = `mutation($input: CreateActivityInput!) { createActivity(input: $input) { activity { id } } }`;
const RECORD = `mutation($input: RecordParticipationInput!) {
  recordParticipation(input: $input) { participation { id role attendance hours createdAt person { id } activity { id title participantCount } } }
}`;
const READ = `query($id: ID!) { participation(id: $id) { id role attendance hours createdAt person { id } activity { id title } } }`;
const ACTIVITY_PARTICIPATIONS = `query($id: ID!, $first: Int, $after: String) {
  activity(id: $id) { participantCount participations(first: $first, after: $after) { totalCount edges { cursor node { id person { id } } } pageInfo { hasNextPage hasPreviousPage endCursor } } }
}`;
const PERSON_PARTICIPATIONS = `query($r: [_Any!]!, $first: Int, $after: String) {
  _entities(representations: $r) {
    ... on Person { id participations(first: $first, after: $after) { totalCount edges { node { id role hours person { id } activity { id title participantCount } } } pageInfo { hasNextPage endCursor } } }
  }
}`;

describe('activities subgraph: participations', () => {
  let sg: TestSubgraph<ActivitiesServices>;
  beforeAll(async () => {
    sg = await startTestSubgraph(activitiesSubgraph);
  });
  afterAll(async () => {
    await sg?.stop();
  });

  const newActivity = async (overrides: Record<string, unknown> = {}): Promise<string> =>
    expectData(
      await sg.request(CREATE_ACTIVITY, {
        input: { title: '律师志愿服务日', kind: 'SOCIAL_SERVICE', districtCode: '330304', startsAt: '2026-05-20T09:00:00+08:00', ...overrides },
      }),
    ).createActivity.activity.id;
  const record = (input: Record<string, unknown>) => sg.request(RECORD, { input });
  const count = async (activityId: string): Promise<number> => expectData(await sg.request(ACTIVITY_PARTICIPATIONS, { id: activityId, first: 1 })).activity.participantCount;
  const personTotal = async (personId: string): Promise<number> =>
    expectData(await sg.request(PERSON_PARTICIPATIONS, { r: [{ __typename: 'Person', id: personId }], first: 1 }))._entities[0].participations.totalCount;

  it('records a participation with the defaults and reads it back', async () => {
    const activityId = await newActivity({ title: '学习培训班' });
    const personId = randomIds.next();
    const { participation } = expectData(await record({ activityId, personId })).recordParticipation;
    expect(participation).toMatchObject({
      role: 'PARTICIPANT',
      attendance: 'REGISTERED',
      hours: null,
      person: { id: personId },
      activity: { id: activityId, title: '学习培训班', participantCount: 1 },
    });
    const read = expectData(await sg.request(READ, { id: participation.id })).participation;
    expect(read).toEqual({
      id: participation.id,
      role: 'PARTICIPANT',
      attendance: 'REGISTERED',
      hours: null,
      createdAt: participation.createdAt,
      person: { id: personId },
      activity: { id: activityId, title: '学习培训班' },
    });
  });

  it('records an attended participation with its hours, role and an upper-case id', async () => {
    const activityId = await newActivity();
    const personId = randomIds.next();
    const { participation } = expectData(
      await record({ activityId: activityId.toUpperCase(), personId: personId.toUpperCase(), role: 'VOLUNTEER', attendance: 'ATTENDED', hours: 7.5 }),
    ).recordParticipation;
    expect(participation).toMatchObject({ role: 'VOLUNTEER', attendance: 'ATTENDED', hours: 7.5, person: { id: personId }, activity: { id: activityId } });
    expect(expectData(await sg.request(READ, { id: participation.id })).participation).toMatchObject({ hours: 7.5, role: 'VOLUNTEER' });
    const zero = expectData(await record({ activityId, personId: randomIds.next(), attendance: 'ATTENDED', hours: 0 })).recordParticipation;
    expect(zero.participation.hours).toBe(0);
    const full = expectData(await record({ activityId, personId: randomIds.next(), attendance: 'ATTENDED', hours: 24 })).recordParticipation;
    expect(full.participation.hours).toBe(24);
  });

  it.each([
    ['a malformed activity id', { activityId: 'activity-1' }, 'input.activityId'],
    ['a malformed person id', { personId: '12345' }, 'input.personId'],
    ['hours with attendance REGISTERED', { hours: 2 }, 'input.hours'],
    ['hours with attendance ABSENT', { attendance: 'ABSENT', hours: 0 }, 'input.hours'],
    ['more than 24 hours', { attendance: 'ATTENDED', hours: 24.5 }, 'input.hours'],
    ['negative hours', { attendance: 'ATTENDED', hours: -1 }, 'input.hours'],
    ['hours with two decimals', { attendance: 'ATTENDED', hours: 1.25 }, 'input.hours'],
  ])('refuses %s with BAD_USER_INPUT naming the field, and writes nothing', async (_label, overrides, field) => {
    const activityId = await newActivity();
    const personId = randomIds.next();
    const res = await record({ activityId, personId, ...overrides });
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0]!.extensions!.fields.map((f: { field: string }) => f.field)).toContain(field);
    expect(await count(activityId)).toBe(0);
    expect(await personTotal(personId)).toBe(0);
  });

  it('refuses an unknown role or attendance at the GraphQL layer', async () => {
    const activityId = await newActivity();
    expect(errorCodes(await record({ activityId, personId: randomIds.next(), role: 'GUEST' }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await record({ activityId, personId: randomIds.next(), attendance: 'LATE' }))).toEqual(['BAD_USER_INPUT']);
    expect(await count(activityId)).toBe(0);
  });

  it('refuses an activity that does not exist with NOT_FOUND', async () => {
    const personId = randomIds.next();
    const res = await record({ activityId: randomIds.next(), personId });
    expect(errorCodes(res)).toEqual(['NOT_FOUND']);
    expect(await personTotal(personId)).toBe(0);
    expect(errorCodes(await sg.request(READ, { id: 'p-1' }))).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses a second participation of the same person in the same activity with CONFLICT', async () => {
    const activityId = await newActivity();
    const personId = randomIds.next();
    const first = expectData(await record({ activityId, personId })).recordParticipation.participation;
    const again = await record({ activityId, personId, role: 'SPEAKER', attendance: 'ATTENDED', hours: 2 });
    expect(errorCodes(again)).toEqual(['CONFLICT']);
    expect(again.errors![0]!.extensions).toMatchObject({ field: 'input.personId', participationId: first.id });
    expect(await count(activityId)).toBe(1);
    expect(expectData(await sg.request(READ, { id: first.id })).participation).toMatchObject({ role: 'PARTICIPANT', attendance: 'REGISTERED' });
    // The same person may take part in another activity.
    expectData(await record({ activityId: await newActivity(), personId }));
    expect(await personTotal(personId)).toBe(2);
  });

  it('refuses new participations in a cancelled or finished activity with CONFLICT', async () => {
    const personId = randomIds.next();
    for (const status of ['CANCELLED', 'COMPLETED']) {
      const activityId = await newActivity({ status });
      const res = await record({ activityId, personId, ...(status === 'COMPLETED' ? { attendance: 'ATTENDED', hours: 3 } : {}) });
      expect(errorCodes(res)).toEqual(['CONFLICT']);
      expect(res.errors![0]!.extensions!.field).toBe('input.activityId');
      expect(await count(activityId)).toBe(0);
    }
    // Who attended a finished activity is recorded on the registrations (updateParticipation).
  });

  it('refuses a participation in a full activity with CONFLICT', async () => {
    const activityId = await newActivity({ capacity: 2 });
    expectData(await record({ activityId, personId: randomIds.next() }));
    expectData(await record({ activityId, personId: randomIds.next(), attendance: 'EXCUSED' }));
    const personId = randomIds.next();
    const res = await record({ activityId, personId });
    expect(errorCodes(res)).toEqual(['CONFLICT']);
    expect(res.errors![0]!.extensions).toMatchObject({ capacity: 2, participantCount: 2 });
    expect(await count(activityId)).toBe(2);
    expect(await personTotal(personId)).toBe(0);
  });

  it('lets only as many simultaneous requests as there are places take one', async () => {
    const activityId = await newActivity({ capacity: 3 });
    const results = await Promise.all(Array.from({ length: 8 }, () => record({ activityId, personId: randomIds.next() })));
    const codes = results.map((r) => (r.errors?.length ? errorCodes(r)[0] : 'OK'));
    expect(codes.filter((c) => c === 'OK')).toHaveLength(3);
    expect(codes.filter((c) => c === 'CONFLICT')).toHaveLength(5);
    expect(await count(activityId)).toBe(3);
  });

  it("pages an activity's participations with keyset cursors, in the order recorded", async () => {
    const activityId = await newActivity();
    const people = Array.from({ length: 5 }, () => randomIds.next());
    const ids: string[] = [];
    for (const personId of people) ids.push(expectData(await record({ activityId, personId })).recordParticipation.participation.id);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const { activity }: any = expectData(await sg.request(ACTIVITY_PARTICIPATIONS, { id: activityId, first: 2, after }));
      expect(activity.participations.totalCount).toBe(5);
      expect(activity.participantCount).toBe(5);
      expect(activity.participations.pageInfo.hasPreviousPage).toBe(after !== null);
      seen.push(...activity.participations.edges.map((e: any) => e.node.id));
      if (!activity.participations.pageInfo.hasNextPage) break;
      after = activity.participations.pageInfo.endCursor;
    }
    expect(seen).toEqual(ids);
    const defaults: any = expectData(await sg.request(ACTIVITY_PARTICIPATIONS, { id: activityId }));
    expect(defaults.activity.participations.edges.map((e: any) => e.node.person.id)).toEqual(people);

    expect(errorCodes(await sg.request(ACTIVITY_PARTICIPATIONS, { id: activityId, first: 0 }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await sg.request(ACTIVITY_PARTICIPATIONS, { id: activityId, first: 1001 }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await sg.request(ACTIVITY_PARTICIPATIONS, { id: activityId, after: 'bm9wZQ' }))).toEqual(['BAD_USER_INPUT']);
  });

  it("pages each person's participations, with lazy totals", async () => {
    const activities = [await newActivity({ title: '活动甲' }), await newActivity({ title: '活动乙' }), await newActivity({ title: '活动丙' })];
    const [p1, p2, p3] = [randomIds.next(), randomIds.next(), randomIds.next()];
    const ids = await sg.running.services.participations.recordMany(systemContext(), [
      { activityId: activities[0], personId: p1 },
      { activityId: activities[1], personId: p1, role: 'SPEAKER', attendance: 'ATTENDED', hours: 1.5 },
      { activityId: activities[2], personId: p1 },
      { activityId: activities[0], personId: p2 },
    ]);
    const r = [p1, p2, p3].map((id) => ({ __typename: 'Person', id }));
    const page = expectData(await sg.request(PERSON_PARTICIPATIONS, { r, first: 2 }))._entities;
    expect(page.map((p: any) => p.participations.totalCount)).toEqual([3, 1, 0]);
    expect(page[0].participations.edges.map((e: any) => e.node)).toEqual([
      { id: ids[0], role: 'PARTICIPANT', hours: null, person: { id: p1 }, activity: { id: activities[0], title: '活动甲', participantCount: 2 } },
      { id: ids[1], role: 'SPEAKER', hours: 1.5, person: { id: p1 }, activity: { id: activities[1], title: '活动乙', participantCount: 1 } },
    ]);
    expect(page[0].participations.pageInfo.hasNextPage).toBe(true);
    expect(page[1].participations.edges.map((e: any) => e.node.id)).toEqual([ids[3]]);
    expect(page[2].participations).toEqual({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false, endCursor: null } });

    const next = expectData(await sg.request(PERSON_PARTICIPATIONS, { r: r.slice(0, 1), first: 2, after: page[0].participations.pageInfo.endCursor }))._entities;
    expect(next[0].participations.edges.map((e: any) => e.node.id)).toEqual([ids[2]]);
    expect(next[0].participations.pageInfo.hasNextPage).toBe(false);
  });

  it('resolves Person.participations for 200 persons with as few statements as for 10', async () => {
    const activityIds = await sg.running.services.activities.createMany(
      systemContext(),
      Array.from({ length: 20 }, (_, i) => ({ title: `统计活动 ${i}`, kind: 'EDUCATION', districtCode: '330302', startsAt: new Date(Date.UTC(2026, 4, 1 + i)) })),
    );
    const persons = Array.from({ length: 200 }, () => randomIds.next());
    await sg.running.services.participations.recordMany(
      systemContext(),
      persons.flatMap((personId, i) => [0, 7].map((k) => ({ activityId: activityIds[(i + k) % 20]!, personId }))),
    );
    const measure = async (n: number) => {
      const r = persons.slice(0, n).map((id) => ({ __typename: 'Person', id }));
      const { result, statements } = await sg.statements(() => sg.request(PERSON_PARTICIPATIONS, { r, first: 5 }));
      const entities = expectData(result)._entities;
      expect(entities).toHaveLength(n);
      entities.forEach((e: any, i: number) => {
        expect(e.participations.totalCount).toBe(2);
        expect(e.participations.edges.map((x: any) => x.node.activity.id)).toEqual([activityIds[i % 20], activityIds[(i + 7) % 20]]);
        expect(e.participations.edges[0].node.activity.participantCount).toBe(20);
      });
      return statements;
    };
    const ten = await measure(10);
    const many = await measure(200);
    // id pages, participation rows, totals, activity rows, participant counts: one statement each.
    expect(ten).toBe(5);
    expect(many).toBe(ten);
  });

  it('answers participations { totalCount } alone with one COUNT, whatever the fragments, and the same totals as with the page', async () => {
    const activityIds = await sg.running.services.activities.createMany(
      systemContext(),
      Array.from({ length: 3 }, (_, i) => ({ title: `计数活动 ${i}`, kind: 'EDUCATION', districtCode: '330302', startsAt: new Date(Date.UTC(2026, 5, 1 + i)) })),
    );
    const persons = Array.from({ length: 30 }, () => randomIds.next());
    await sg.running.services.participations.recordMany(
      systemContext(),
      persons.flatMap((personId, i) => activityIds.slice(0, 1 + (i % 3)).map((activityId) => ({ activityId, personId }))),
    );
    const r = persons.map((id) => ({ __typename: 'Person', id }));
    const expected = persons.map((_, i) => 1 + (i % 3));
    const countOnly = [
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { participations { totalCount } } } }`,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { participations { __typename ... on ParticipationConnection { totalCount } ...N } } } }
       fragment N on ParticipationConnection { totalCount }`,
    ];
    for (const query of countOnly) {
      const { result, statements } = await sg.statements(() => sg.request(query, { r }));
      expect(expectData(result)._entities.map((e: any) => e.participations.totalCount)).toEqual(expected);
      expect(statements).toBe(1);
    }
    // With anything beside the total, the page is loaded as before (ids, rows, count).
    const withPage = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { participations(first: 1) { totalCount ...P } } } }
      fragment P on ParticipationConnection { pageInfo { hasNextPage } }`;
    const { result, statements } = await sg.statements(() => sg.request(withPage, { r }));
    const entities = expectData(result)._entities;
    expect(entities.map((e: any) => e.participations.totalCount)).toEqual(expected);
    expect(entities.map((e: any) => e.participations.pageInfo.hasNextPage)).toEqual(expected.map((n) => n > 1));
    expect(statements).toBe(3);
  });

  it('pages the participations of 1,200 persons at once (SQLite takes 500 pages per statement)', async () => {
    const activityId = (
      await sg.running.services.activities.createMany(systemContext(), [{ title: '千人活动', kind: 'EDUCATION', districtCode: '330302', startsAt: new Date(Date.UTC(2026, 6, 1)) }])
    )[0]!;
    const persons = Array.from({ length: 1_200 }, () => randomIds.next());
    await sg.running.services.participations.recordMany(
      systemContext(),
      persons.filter((_, i) => i % 2 === 0).map((personId) => ({ activityId, personId })),
    );
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { participations(first: 1) { edges { node { activity { id } } } pageInfo { hasNextPage } } } } }`;
    const { result, statements } = await sg.statements(() => sg.request(query, { r: persons.map((id) => ({ __typename: 'Person', id })) }));
    const entities = expectData(result)._entities;
    expect(entities.map((e: any) => e.participations.edges.length)).toEqual(persons.map((_, i) => (i % 2 === 0 ? 1 : 0)));
    expect(entities.every((e: any) => e.participations.pageInfo.hasNextPage === false)).toBe(true);
    // Two loader batches of 1,000 and 200 persons; the first's pages in two statements of 500: page ids (3), rows, activities.
    expect(statements).toBeLessThanOrEqual(7);
  });

  it('records many participations at once, in order', async () => {
    const activityId = await newActivity({ capacity: 3 });
    const people = [randomIds.next(), randomIds.next(), randomIds.next()];
    const ids = await sg.running.services.participations.recordMany(
      systemContext(),
      people.map((personId, i) => ({ activityId, personId, attendance: i === 0 ? 'ATTENDED' : 'REGISTERED', hours: i === 0 ? '2.5' : null })),
    );
    const { activity }: any = expectData(await sg.request(ACTIVITY_PARTICIPATIONS, { id: activityId, first: 10 }));
    expect(activity.participations.edges.map((e: any) => [e.node.id, e.node.person.id])).toEqual(ids.map((id, i) => [id, people[i]]));
    expect(expectData(await sg.request(READ, { id: ids[0] })).participation).toMatchObject({ attendance: 'ATTENDED', hours: 2.5 });
  });

  describe('refuses a whole batch, writing nothing, when', () => {
    let open: string;
    let small: string;
    let cancelled: string;
    let taken: string;
    beforeAll(async () => {
      open = await newActivity();
      small = await newActivity({ capacity: 2 });
      cancelled = await newActivity({ status: 'CANCELLED' });
      taken = randomIds.next();
      expectData(await record({ activityId: open, personId: taken }));
      expectData(await record({ activityId: small, personId: randomIds.next() }));
    });

    const refuse = async (rows: (ids: { open: string; small: string; cancelled: string; taken: string }) => ParticipationDraft[], fields: string[]) => {
      const fresh = randomIds.next();
      const drafts = [{ activityId: open, personId: fresh }, ...rows({ open, small, cancelled, taken })];
      const before = [await count(open), await count(small)];
      await expect(sg.running.services.participations.recordMany(systemContext(), drafts)).rejects.toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', fields: fields.map((field) => expect.objectContaining({ field })) },
      });
      expect([await count(open), await count(small)]).toEqual(before);
      expect(await personTotal(fresh)).toBe(0);
    };

    it('a row is invalid', () =>
      refuse(
        (a) => [
          { activityId: a.open, personId: 'nobody' },
          { activityId: a.open, personId: randomIds.next(), attendance: 'ABSENT', hours: 1 },
          { activityId: a.open, personId: randomIds.next(), role: 'HOST' },
        ],
        ['rows[1].personId', 'rows[2].hours', 'rows[3].role'],
      ));

    it('a person repeats within the batch', () => {
      const p = randomIds.next();
      return refuse(
        (a) => [
          { activityId: a.small, personId: p },
          { activityId: a.small, personId: p.toUpperCase() },
        ],
        ['rows[2].personId'],
      );
    });

    it('a person takes part already', () => refuse((a) => [{ activityId: a.open, personId: a.taken }], ['rows[1].personId']));

    it('an activity does not exist or is cancelled', () =>
      refuse(
        (a) => [
          { activityId: randomIds.next(), personId: randomIds.next() },
          { activityId: a.cancelled, personId: randomIds.next() },
        ],
        ['rows[1].activityId', 'rows[2].activityId'],
      ));

    it('an activity would take more than its capacity', () =>
      refuse(
        (a) => [
          { activityId: a.small, personId: randomIds.next() },
          { activityId: a.small, personId: randomIds.next() },
        ],
        ['rows[2].activityId'],
      ));
  });
});
