import { randomIds, systemContext } from '@tongxin/common';
import { ActivitiesServices, activitiesSubgraph, ActivityDraft } from '@tongxin/activities';
import { organizationsSubgraph, OrganizationsServices } from '@tongxin/organizations';
import { errorCodes, expectData } from '../../../test/harness/graphql-client';
import { startTestSubgraph, TestSubgraph } from '../../../test/harness/subgraph';

const ACTIVITY_FIELDS = `id title kind description organizer { id } district { code name } location startsAt endsAt capacity status version createdAt updatedAt participantCount`;
const CREATE = `mutation($input: CreateActivityInput!) { createActivity(input: $input) { activity { ${ACTIVITY_FIELDS} } } }`;
const READ = `query($id: ID!) { activity(id: $id) { ${ACTIVITY_FIELDS} participations { totalCount edges { node { id } } } } }`;
const COUNT = `query($f: ActivityFilter) { activities(filter: $f, first: 1) { totalCount } }`;
const LIST = `query($f: ActivityFilter, $first: Int, $after: String) {
  activities(filter: $f, first: $first, after: $after) { edges { cursor node { id title } } pageInfo { hasNextPage hasPreviousPage endCursor } totalCount }
}`;
const ORG_ACTIVITIES = `query($r: [_Any!]!, $first: Int, $after: String) {
  _entities(representations: $r) {
    ... on Organization { id activities(first: $first, after: $after) { totalCount edges { node { id title participantCount organizer { id } } } pageInfo { hasNextPage endCursor } } }
  }
}`;

function form(overrides: Record<string, unknown> = {}) {
  return {
    title: '新的社会阶层人士专题培训班',
    kind: 'STUDY_TRAINING',
    districtCode: '330302',
    startsAt: '2026-05-01T09:30:00+08:00',
    ...overrides,
  };
}

describe('activities subgraph: activities', () => {
  let sg: TestSubgraph<ActivitiesServices>;
  // An activity's organizer is checked with the organizations subgraph (docs/SECURITY.md).
  let orgs: TestSubgraph<OrganizationsServices>;
  beforeAll(async () => {
    orgs = await startTestSubgraph(organizationsSubgraph);
    sg = await startTestSubgraph(activitiesSubgraph, { peerUrls: { organizations: orgs.running.url } });
  });
  afterAll(async () => {
    await sg?.stop();
    await orgs?.stop();
  });
  /** A new association of the district, to organize activities. */
  const newOrganizer = async (districtCode: string): Promise<string> =>
    expectData(
      await orgs.request(`mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { id } } }`, {
        input: { name: `新的社会阶层人士联谊会 ${randomIds.next().slice(-6)}`, kind: 'FRIENDSHIP_ASSOCIATION', level: 'DISTRICT', districtCode },
      }),
    ).createOrganization.organization.id;

  const total = async (f: Record<string, unknown> = {}) => expectData(await sg.request<{ activities: { totalCount: number } }>(COUNT, { f })).activities.totalCount;
  const create = async (overrides: Record<string, unknown> = {}) => expectData(await sg.request(CREATE, { input: form(overrides) })).createActivity.activity;

  it('creates an activity with every field, cut to the second, and reads it back', async () => {
    const organizerId = await newOrganizer('330328');
    const input = form({
      title: '  光彩事业走进文成  ',
      kind: 'SOCIAL_SERVICE',
      description: '组织新的社会阶层人士开展扶贫帮困和专业咨询。',
      organizerId,
      districtCode: '330328',
      location: '文成县大峃镇',
      startsAt: '2026-06-12T08:30:15.750+08:00',
      endsAt: '2026-06-12T17:00:00+08:00',
      capacity: 40,
      status: 'ONGOING',
    });
    const created = await create(input);
    const expected = {
      title: '光彩事业走进文成',
      kind: 'SOCIAL_SERVICE',
      description: '组织新的社会阶层人士开展扶贫帮困和专业咨询。',
      organizer: { id: organizerId },
      district: { code: '330328', name: '文成县' },
      location: '文成县大峃镇',
      startsAt: '2026-06-12T00:30:15.000Z',
      endsAt: '2026-06-12T09:00:00.000Z',
      capacity: 40,
      status: 'ONGOING',
      version: 1,
      participantCount: 0,
    };
    expect(created).toMatchObject(expected);
    expect(Number.isNaN(Date.parse(created.createdAt))).toBe(false);

    const { activity } = expectData(await sg.request(READ, { id: created.id }));
    expect(activity).toMatchObject({ id: created.id, ...expected, participations: { totalCount: 0, edges: [] } });
    expect(activity.createdAt).toBe(created.createdAt);
  });

  it('defaults the status to PLANNED and allows city-wide activities without organizer, end or capacity', async () => {
    const created = await create({ districtCode: '330300', title: '全市联谊会年会' });
    expect(created).toMatchObject({
      title: '全市联谊会年会',
      status: 'PLANNED',
      district: { code: '330300', name: '温州市' },
      organizer: null,
      description: null,
      location: null,
      endsAt: null,
      capacity: null,
    });
    const { activity } = expectData(await sg.request(READ, { id: created.id }));
    expect(activity).toMatchObject({ status: 'PLANNED', district: { code: '330300' }, organizer: null });
  });

  it.each([
    ['a one-character title', { title: '会' }, 'input.title'],
    ['a blank title', { title: '   ' }, 'input.title'],
    ['an over-long title', { title: '题'.repeat(101) }, 'input.title'],
    ['an over-long description', { description: 'x'.repeat(2001) }, 'input.description'],
    ['an over-long location', { location: '地'.repeat(101) }, 'input.location'],
    ['an unknown district', { districtCode: '330399' }, 'input.districtCode'],
    ['an empty district', { districtCode: '' }, 'input.districtCode'],
    ['a malformed organizer id', { organizerId: 'org-1' }, 'input.organizerId'],
    ['an end before the start', { endsAt: '2026-05-01T09:00:00+08:00' }, 'input.endsAt'],
    ['an end equal to the start', { endsAt: '2026-05-01T09:30:00.400+08:00' }, 'input.endsAt'],
    ['a capacity of 0', { capacity: 0 }, 'input.capacity'],
    ['a capacity above 100000', { capacity: 100001 }, 'input.capacity'],
    ['a start before 2000', { startsAt: '1999-12-31T23:00:00Z' }, 'input.startsAt'],
    ['a start after 2099', { startsAt: '2100-01-01T00:00:00Z' }, 'input.startsAt'],
  ])('refuses %s with BAD_USER_INPUT naming the field, and writes nothing', async (_label, overrides, field) => {
    const before = await total();
    const res = await sg.request(CREATE, { input: form(overrides) });
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0]!.extensions!.fields.map((f: { field: string }) => f.field)).toContain(field);
    expect(await total()).toBe(before);
  });

  it('names every invalid field at once', async () => {
    const before = await total();
    const res = await sg.request(CREATE, { input: form({ title: 'x', capacity: -1, endsAt: '2026-04-01T00:00:00Z', districtCode: '110101' }) });
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0]!.extensions!.fields.map((f: { field: string }) => f.field).sort()).toEqual(['input.capacity', 'input.districtCode', 'input.endsAt', 'input.title'].sort());
    expect(await total()).toBe(before);
  });

  it.each([
    ['a start that is not a date and time', { startsAt: 'next Monday' }],
    ['a date without a time', { startsAt: '2026-05-01' }],
    ['an unknown kind', { kind: 'PARTY' }],
    ['a missing start', { startsAt: null }],
  ])('refuses %s at the GraphQL layer, and writes nothing', async (_label, overrides) => {
    const before = await total();
    const res = await sg.request(CREATE, { input: form(overrides) });
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(await total()).toBe(before);
  });

  it('answers null for an unknown id and BAD_USER_INPUT for a malformed one', async () => {
    expect(expectData(await sg.request(READ, { id: randomIds.next() })).activity).toBeNull();
    expect(errorCodes(await sg.request(READ, { id: 'nope' }))).toEqual(['BAD_USER_INPUT']);
    expect(expectData(await sg.request(`query($id: ID!) { participation(id: $id) { id } }`, { id: randomIds.next() })).participation).toBeNull();
  });

  it('filters by district, kind, status, organizer, start and title', async () => {
    const organizerId = await newOrganizer('330305');
    const marker = `筛选${randomIds.next().slice(-6)}`;
    const make = (title: string, o: Record<string, unknown>) => create({ districtCode: '330305', ...o, title: `${marker} ${title}` });
    const a = await make('调研_一', { kind: 'INSPECTION_RESEARCH', startsAt: '2026-03-01T09:00:00+08:00', organizerId });
    const b = await make('文体', { kind: 'CULTURE_SPORTS', startsAt: '2026-04-01T09:00:00+08:00', organizerId, status: 'COMPLETED' });
    const c = await make('教育 100%', { kind: 'EDUCATION', startsAt: '2026-05-01T09:00:00+08:00', districtCode: '330300' });

    const ids = async (f: Record<string, unknown>) => expectData(await sg.request(LIST, { f: { text: marker, ...f }, first: 50 })).activities.edges.map((e: any) => e.node.id);
    expect(await ids({})).toEqual([a.id, b.id, c.id]);
    expect(await ids({ districtCode: '330305' })).toEqual([a.id, b.id]);
    expect(await ids({ districtCode: '330300' })).toEqual([c.id]);
    expect(await ids({ kind: 'CULTURE_SPORTS' })).toEqual([b.id]);
    expect(await ids({ status: 'COMPLETED' })).toEqual([b.id]);
    expect(await ids({ status: 'PLANNED' })).toEqual([a.id, c.id]);
    expect(await ids({ organizerId })).toEqual([a.id, b.id]);
    expect(await ids({ organizerId: organizerId.toUpperCase() })).toEqual([a.id, b.id]);
    expect(await ids({ startsFrom: '2026-04-01T01:00:00Z' })).toEqual([b.id, c.id]);
    expect(await ids({ startsFrom: '2026-04-01T01:00:01Z' })).toEqual([c.id]);
    expect(await ids({ startsBefore: '2026-04-01T01:00:00Z' })).toEqual([a.id]);
    expect(await ids({ startsFrom: '2026-03-15T00:00:00Z', startsBefore: '2026-04-15T00:00:00Z' })).toEqual([b.id]);
    expect(await ids({ text: `${marker} 调研_` })).toEqual([a.id]);
    expect(await ids({ text: '100%' })).toEqual([c.id]);
    expect(await ids({ text: `${marker} 教育 100%` })).toEqual([c.id]);
    expect(await ids({ text: `${marker} 调研%` })).toEqual([]);
    expect(await ids({ kind: 'EDUCATION', districtCode: '330305' })).toEqual([]);
  });

  it.each([
    ['an unknown district', { districtCode: '123456' }, 'filter.districtCode'],
    ['a malformed organizer id', { organizerId: 'x' }, 'filter.organizerId'],
    ['an over-long text', { text: 'x'.repeat(101) }, 'filter.text'],
  ])('refuses a filter with %s', async (_label, f, field) => {
    const res = await sg.request(COUNT, { f });
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0]!.extensions!.field).toBe(field);
  });

  it('pages through a filtered list with keyset cursors, in the order entered', async () => {
    const created: string[] = [];
    for (let i = 0; i < 7; i++) created.push((await create({ districtCode: '330324', kind: 'EDUCATION', title: `永嘉讲堂 第${i + 1}期` })).id);
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: any = expectData(await sg.request(LIST, { f: { districtCode: '330324', kind: 'EDUCATION' }, first: 3, after }));
      pages++;
      expect(page.activities.totalCount).toBe(7);
      expect(page.activities.pageInfo.hasPreviousPage).toBe(after !== null);
      seen.push(...page.activities.edges.map((e: any) => e.node.id));
      if (!page.activities.pageInfo.hasNextPage) break;
      after = page.activities.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(created);
  });

  it('refuses page sizes out of bounds and cursors it did not issue', async () => {
    expect(errorCodes(await sg.request(`{ activities(first: 1001) { totalCount } }`))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await sg.request(`{ activities(first: 0) { totalCount } }`))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await sg.request(`{ activities(after: "bm9wZQ") { totalCount } }`))).toEqual(['BAD_USER_INPUT']);
    const org = [{ __typename: 'Organization', id: randomIds.next() }];
    expect(errorCodes(await sg.request(ORG_ACTIVITIES, { r: org, first: 1001 }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await sg.request(ORG_ACTIVITIES, { r: org, after: 'bm9wZQ' }))).toEqual(['BAD_USER_INPUT']);
  });

  it('creates many activities at once, in order, and refuses a batch with any invalid row', async () => {
    const marker = `批量${randomIds.next().slice(-6)}`;
    const drafts: ActivityDraft[] = Array.from({ length: 3 }, (_, i) => ({
      title: `${marker} ${i}`,
      kind: 'CULTURE_SPORTS',
      districtCode: '330381',
      startsAt: new Date(Date.UTC(2026, 6, i + 1, 1)),
    }));
    const ids = await sg.running.services.activities.createMany(systemContext(), drafts);
    const listed = expectData(await sg.request(LIST, { f: { text: marker }, first: 10 })).activities.edges.map((e: any) => e.node);
    expect(listed).toEqual(ids.map((id, i) => ({ id, title: `${marker} ${i}` })));

    const before = await total();
    const bad: ActivityDraft[] = [
      { ...drafts[0]!, title: `${marker} ok` },
      { ...drafts[0]!, title: `${marker} bad`, capacity: 0, endsAt: '2026-01-01T00:00:00Z' },
      { ...drafts[0]!, kind: 'PICNIC', districtCode: '330399' },
    ];
    await expect(sg.running.services.activities.createMany(systemContext(), bad)).rejects.toMatchObject({
      extensions: {
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'rows[1].endsAt' }, { field: 'rows[1].capacity' }, { field: 'rows[2].kind' }, { field: 'rows[2].districtCode' }].map(expect.objectContaining),
      },
    });
    expect(await total()).toBe(before);
  });

  it("pages each organization's activities, with lazy totals", async () => {
    const orgs = [randomIds.next(), randomIds.next(), randomIds.next()];
    const ids = await sg.running.services.activities.createMany(
      systemContext(),
      [0, 0, 0, 0, 0, 1].map((o, i) => ({ title: `联谊活动 ${i}`, kind: 'CULTURE_SPORTS', districtCode: '330303', startsAt: new Date(Date.UTC(2026, 8, 1)), organizerId: orgs[o] })),
    );
    const r = orgs.map((id) => ({ __typename: 'Organization', id }));
    const first = expectData(await sg.request(ORG_ACTIVITIES, { r, first: 3 }))._entities;
    expect(first.map((o: any) => o.activities.totalCount)).toEqual([5, 1, 0]);
    expect(first[0].activities.edges.map((e: any) => e.node.id)).toEqual(ids.slice(0, 3));
    expect(first[0].activities.edges[0].node.organizer).toEqual({ id: orgs[0] });
    expect(first[0].activities.pageInfo.hasNextPage).toBe(true);
    expect(first[1].activities.edges.map((e: any) => e.node.id)).toEqual([ids[5]]);
    expect(first[1].activities.pageInfo.hasNextPage).toBe(false);
    expect(first[2].activities).toEqual({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false, endCursor: null } });

    const next = expectData(await sg.request(ORG_ACTIVITIES, { r: r.slice(0, 1), first: 3, after: first[0].activities.pageInfo.endCursor }))._entities;
    expect(next[0].activities.edges.map((e: any) => e.node.id)).toEqual(ids.slice(3, 5));
    expect(next[0].activities.pageInfo.hasNextPage).toBe(false);
  });

  it('resolves Organization.activities for 200 organizations with as few statements as for 10', async () => {
    const orgs = Array.from({ length: 200 }, () => randomIds.next());
    await sg.running.services.activities.createMany(
      systemContext(),
      orgs.flatMap((organizerId, i) => [0, 1].map((k) => ({ title: `协会活动 ${i}-${k}`, kind: 'STUDY_TRAINING', districtCode: '330382', startsAt: new Date(Date.UTC(2026, 9, 1 + k)), organizerId }))),
    );
    const measure = async (n: number) => {
      const r = orgs.slice(0, n).map((id) => ({ __typename: 'Organization', id }));
      const { result, statements } = await sg.statements(() => sg.request(ORG_ACTIVITIES, { r, first: 5 }));
      const entities = expectData(result)._entities;
      expect(entities).toHaveLength(n);
      for (const e of entities) {
        expect(e.activities.totalCount).toBe(2);
        expect(e.activities.edges).toHaveLength(2);
        expect(e.activities.edges[0].node.participantCount).toBe(0);
      }
      return statements;
    };
    const ten = await measure(10);
    const many = await measure(200);
    // id pages, activity rows, totals, participant counts: one statement each.
    expect(ten).toBe(4);
    expect(many).toBe(ten);
  });

  it('resolves hundreds of Activity references with one SQL statement', async () => {
    const ids = await sg.running.services.activities.createMany(
      systemContext(),
      Array.from({ length: 300 }, (_, i) => ({ title: `引用 ${i}`, kind: 'EDUCATION', districtCode: '330326', startsAt: new Date(Date.UTC(2026, 10, 1)) })),
    );
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Activity { id title district { name } } } }`;
    const { result, statements } = await sg.statements(() => sg.request(query, { r: ids.map((id) => ({ __typename: 'Activity', id })) }));
    const entities = expectData(result)._entities;
    expect(entities.map((e: any) => e.id)).toEqual(ids);
    expect(entities[299]).toEqual({ id: ids[299], title: '引用 299', district: { name: '平阳县' } });
    expect(statements).toBe(1);
  });
});
