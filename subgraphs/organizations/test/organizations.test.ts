import { randomIds, systemContext, todayInChina } from '@tongxin/common';
import { MembershipDraft, OrganizationDraft, organizationsSubgraph, OrganizationsServices } from '@tongxin/organizations';
import { errorCodes, expectData } from '../../../test/harness/graphql-client';
import { publishedPersonPool } from '../../../test/harness/published-persons';
import { startTestSubgraph, TestSubgraph } from '../../../test/harness/subgraph';

const CREATE = `mutation($input: CreateOrganizationInput!) {
  createOrganization(input: $input) {
    organization {
      id name kind level district { code name } street { code name } community description foundedOn version createdAt updatedAt
      parent { id } children { id }
    }
  }
}`;
const READ = `query($id: ID!) {
  organization(id: $id) {
    id name kind level district { code } street { code } community description foundedOn version
    parent { id name parent { id } } children { id name }
  }
}`;
const COUNT = `query($f: OrganizationFilter) { organizations(filter: $f, first: 1) { totalCount } }`;
const LIST = `query($f: OrganizationFilter, $first: Int, $after: String) {
  organizations(filter: $f, first: $first, after: $after) { edges { cursor node { id name } } pageInfo { hasNextPage hasPreviousPage endCursor } }
}`;

// 鹿城区 330302 and two of its streets; 龙湾区 330303 and one of its streets.
const LUCHENG = '330302';
const LUCHENG_STREET = '330302006';
const LUCHENG_OTHER_STREET = '330302023';
const LONGWAN = '330303';
const LONGWAN_STREET = '330303001';

describe('organizations', () => {
  let sg: TestSubgraph<OrganizationsServices>;
  beforeAll(async () => {
    sg = await startTestSubgraph(organizationsSubgraph);
  });
  afterAll(async () => {
    await sg?.stop();
  });

  const create = async (input: Record<string, unknown>) => expectData(await sg.request(CREATE, { input })).createOrganization.organization;
  const total = async (f: Record<string, unknown> = {}) => expectData(await sg.request<{ organizations: { totalCount: number } }>(COUNT, { f })).organizations.totalCount;

  // A small work structure: the city's joint meeting, a district's, a street's leading group and a community's group.
  let cityMeeting: { id: string };
  let districtMeeting: { id: string };
  let streetGroup: { id: string };
  let communityGroup: { id: string };
  let association: { id: string };
  beforeAll(async () => {
    cityMeeting = await create({ name: '温州市新的社会阶层人士工作联席会议', kind: 'JOINT_MEETING', level: 'CITY', districtCode: '330300' });
    districtMeeting = await create({ name: '鹿城区联席会议', kind: 'JOINT_MEETING', level: 'DISTRICT', districtCode: LUCHENG, parentId: cityMeeting.id });
    streetGroup = await create({ name: '五马街道领导小组', kind: 'STREET_LEADING_GROUP', level: 'STREET', districtCode: LUCHENG, streetCode: LUCHENG_STREET, parentId: districtMeeting.id });
    communityGroup = await create({
      name: '墨池社区协调小组',
      kind: 'COMMUNITY_COORDINATION_GROUP',
      level: 'COMMUNITY',
      districtCode: LUCHENG,
      streetCode: LUCHENG_STREET,
      community: '墨池社区',
      parentId: streetGroup.id,
    });
    association = await create({ name: '鹿城区新的社会阶层人士联谊会', kind: 'FRIENDSHIP_ASSOCIATION', level: 'DISTRICT', districtCode: LUCHENG });
  });

  it('creates an organization and reads it back', async () => {
    const org = await create({
      name: ' 温州市注册会计师协会 ',
      kind: 'INDUSTRY_ASSOCIATION',
      level: 'CITY',
      districtCode: '330300',
      description: '注册会计师的行业协会',
      foundedOn: '1995-06-01',
    });
    expect(org).toMatchObject({
      name: '温州市注册会计师协会',
      kind: 'INDUSTRY_ASSOCIATION',
      level: 'CITY',
      district: { code: '330300', name: '温州市' },
      street: null,
      community: null,
      description: '注册会计师的行业协会',
      foundedOn: '1995-06-01',
      version: 1,
      parent: null,
      children: [],
    });
    expect(Date.parse(org.createdAt)).not.toBeNaN();
    const read = expectData(await sg.request(READ, { id: org.id })).organization;
    expect(read).toEqual({
      id: org.id,
      name: '温州市注册会计师协会',
      kind: 'INDUSTRY_ASSOCIATION',
      level: 'CITY',
      district: { code: '330300' },
      street: null,
      community: null,
      description: '注册会计师的行业协会',
      foundedOn: '1995-06-01',
      version: 1,
      parent: null,
      children: [],
    });
  });

  it('keeps the work structure: parents, children, streets and communities', async () => {
    const unit = await create({ name: '市工商联', kind: 'JOINT_MEETING_MEMBER_UNIT', level: 'CITY', districtCode: '330300', parentId: cityMeeting.id });
    const group = await create({
      name: '墨池社区联谊小组',
      kind: 'COMMUNITY_GROUP',
      level: 'COMMUNITY',
      districtCode: LUCHENG,
      streetCode: LUCHENG_STREET,
      community: '墨池社区',
      parentId: communityGroup.id,
    });
    expect(group).toMatchObject({ street: { code: LUCHENG_STREET }, community: '墨池社区', parent: { id: communityGroup.id } });

    const city = expectData(await sg.request(READ, { id: cityMeeting.id })).organization;
    expect(city.children.map((c: { id: string }) => c.id)).toEqual([districtMeeting.id, unit.id]);
    const community = expectData(await sg.request(READ, { id: communityGroup.id })).organization;
    expect(community).toMatchObject({
      level: 'COMMUNITY',
      district: { code: LUCHENG },
      street: { code: LUCHENG_STREET },
      community: '墨池社区',
      parent: { id: streetGroup.id, name: '五马街道领导小组', parent: { id: districtMeeting.id } },
      children: [{ id: group.id, name: '墨池社区联谊小组' }],
    });
    // A city-level parent may have children in any district.
    const longwan = await create({ name: '龙湾区联席会议', kind: 'JOINT_MEETING', level: 'DISTRICT', districtCode: LONGWAN, parentId: cityMeeting.id });
    expect(longwan.parent).toEqual({ id: cityMeeting.id });
  });

  it.each([
    ['a one-character name', { name: '会' }, 'input.name'],
    ['an over-long name', { name: '会'.repeat(101) }, 'input.name'],
    ['a blank name', { name: '   ' }, 'input.name'],
    ['a kind at a level it does not exist at', { kind: 'STREET_LEADING_GROUP' }, 'input.level'],
    ['a community group at district level', { kind: 'COMMUNITY_GROUP' }, 'input.level'],
    ['a city-level body outside 330300', { level: 'CITY' }, 'input.districtCode'],
    ['a district-level body at 330300', { districtCode: '330300' }, 'input.districtCode'],
    ['an unknown district', { districtCode: '330399' }, 'input.districtCode'],
    ['a street for a district-level body', { streetCode: LUCHENG_STREET }, 'input.streetCode'],
    ['a community for a district-level body', { community: '墨池社区' }, 'input.community'],
    ['a street-level body without a street', { kind: 'STREET_LEADING_GROUP', level: 'STREET' }, 'input.streetCode'],
    ['a street of another district', { kind: 'STREET_LEADING_GROUP', level: 'STREET', streetCode: LONGWAN_STREET }, 'input.streetCode'],
    ['an unknown street', { kind: 'STREET_LEADING_GROUP', level: 'STREET', streetCode: '330302999' }, 'input.streetCode'],
    ['a community for a street-level body', { kind: 'STREET_LEADING_GROUP', level: 'STREET', streetCode: LUCHENG_STREET, community: '墨池社区' }, 'input.community'],
    ['a community-level body without a community', { kind: 'COMMUNITY_GROUP', level: 'COMMUNITY', streetCode: LUCHENG_STREET }, 'input.community'],
    ['a member unit without a joint meeting', { kind: 'JOINT_MEETING_MEMBER_UNIT' }, 'input.parentId'],
    ['a malformed parent id', { parentId: 'not-an-id' }, 'input.parentId'],
    ['a founding date in the future', { foundedOn: '2999-01-01' }, 'input.foundedOn'],
    ['a founding date before 1949-10-01', { foundedOn: '1900-01-01' }, 'input.foundedOn'],
    ['an over-long description', { description: 'x'.repeat(501) }, 'input.description'],
  ])('refuses %s with BAD_USER_INPUT naming the field, and writes nothing', async (_label, overrides, field) => {
    const before = await total();
    const res = await sg.request(CREATE, { input: { name: '鹿城区律师协会', kind: 'INDUSTRY_ASSOCIATION', level: 'DISTRICT', districtCode: LUCHENG, ...overrides } });
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0]!.extensions!.fields.map((f: { field: string }) => f.field)).toContain(field);
    expect(await total()).toBe(before);
  });

  it.each([
    ['a member unit under a body that is not a joint meeting', () => ({ kind: 'JOINT_MEETING_MEMBER_UNIT', parentId: association.id })],
    ['a parent of a lower level', () => ({ parentId: streetGroup.id })],
    ['a district-level parent in another district', () => ({ districtCode: LONGWAN, parentId: districtMeeting.id })],
    ['a street-level parent in another street', () => ({ kind: 'COMMUNITY_GROUP', level: 'COMMUNITY', streetCode: LUCHENG_OTHER_STREET, community: '某社区', parentId: streetGroup.id })],
    ['a community-level parent in another community', () => ({ kind: 'COMMUNITY_GROUP', level: 'COMMUNITY', streetCode: LUCHENG_STREET, community: '别的社区', parentId: communityGroup.id })],
  ])('refuses %s with BAD_USER_INPUT on input.parentId, and writes nothing', async (_label, overrides) => {
    const before = await total();
    const res = await sg.request(CREATE, { input: { name: '鹿城区律师协会', kind: 'INDUSTRY_ASSOCIATION', level: 'DISTRICT', districtCode: LUCHENG, ...overrides() } });
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0]!.extensions!.fields.map((f: { field: string }) => f.field)).toEqual(['input.parentId']);
    expect(await total()).toBe(before);
  });

  it('reports every problem of an input at once', async () => {
    const res = await sg.request(CREATE, { input: { name: 'x', kind: 'COMMUNITY_GROUP', level: 'COMMUNITY', districtCode: '330300', foundedOn: '2999-01-01' } });
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0]!.extensions!.fields.map((f: { field: string }) => f.field).sort()).toEqual(
      ['input.community', 'input.districtCode', 'input.foundedOn', 'input.name', 'input.streetCode'].sort(),
    );
  });

  it('refuses a parent that does not exist with NOT_FOUND, and writes nothing', async () => {
    const before = await total();
    const res = await sg.request(CREATE, { input: { name: '鹿城区律师协会', kind: 'INDUSTRY_ASSOCIATION', level: 'DISTRICT', districtCode: LUCHENG, parentId: randomIds.next() } });
    expect(errorCodes(res)).toEqual(['NOT_FOUND']);
    expect(await total()).toBe(before);
  });

  it('answers null for an unknown id and BAD_USER_INPUT for a malformed one', async () => {
    expect(expectData(await sg.request(READ, { id: randomIds.next() })).organization).toBeNull();
    expect(errorCodes(await sg.request(READ, { id: '42' }))).toEqual(['BAD_USER_INPUT']);
  });

  it('pages through a filtered list with keyset cursors, in creation order', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      ids.push((await create({ name: `泰顺县律师协会第${i}分会`, kind: 'INDUSTRY_ASSOCIATION', level: 'DISTRICT', districtCode: '330329' })).id);
    }
    await create({ name: '泰顺县新的社会阶层人士联谊会', kind: 'FRIENDSHIP_ASSOCIATION', level: 'DISTRICT', districtCode: '330329' });
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: any = expectData(await sg.request(LIST, { f: { districtCode: '330329', kind: 'INDUSTRY_ASSOCIATION' }, first: 3, after })).organizations;
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      seen.push(...page.edges.map((e: any) => e.node.id));
      pages++;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(ids);
    expect(pages).toBe(3);
    expect(await total({ districtCode: '330329' })).toBe(8);
    expect(await total({ districtCode: '330329', level: 'DISTRICT', text: '分会' })).toBe(7);
    expect(await total({ text: '100%' })).toBe(0);
    expect(await total({ parentId: cityMeeting.id })).toBe(3);
    expect(await total({ level: 'COMMUNITY', districtCode: LUCHENG })).toBeGreaterThanOrEqual(2);
    expect(await total({ kind: 'JOINT_MEETING', level: 'CITY' })).toBe(1);
  });

  it('refuses page sizes out of bounds, cursors it did not issue, and bad filters', async () => {
    expect(errorCodes(await sg.request(`{ organizations(first: 1001) { totalCount } }`))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await sg.request(`{ organizations(first: 0) { totalCount } }`))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await sg.request(`{ organizations(after: "bm9wZQ") { totalCount } }`))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await sg.request(`{ organizations(filter: { districtCode: "123456" }) { totalCount } }`))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await sg.request(`{ organizations(filter: { parentId: "x" }) { totalCount } }`))).toEqual(['BAD_USER_INPUT']);
    const full: any = expectData(await sg.request(`{ organizations(first: 1000) { edges { node { id } } pageInfo { hasNextPage } } }`)).organizations;
    expect(full.pageInfo.hasNextPage).toBe(false);
    expect(full.edges.length).toBe(await total());
  });

  it('creates many organizations at once, all or nothing', async () => {
    const ctx = systemContext();
    const drafts: OrganizationDraft[] = [
      { name: '瑞安市律师协会', kind: 'INDUSTRY_ASSOCIATION', level: 'DISTRICT', districtCode: '330381' },
      { name: '瑞安市联席会议成员单位', kind: 'JOINT_MEETING_MEMBER_UNIT', level: 'DISTRICT', districtCode: '330381', parentId: cityMeeting.id },
    ];
    const ids = await sg.running.services.organizations.createMany(ctx, drafts);
    expect(ids).toHaveLength(2);
    const read = expectData(await sg.request(READ, { id: ids[1] })).organization;
    expect(read).toMatchObject({ name: '瑞安市联席会议成员单位', kind: 'JOINT_MEETING_MEMBER_UNIT', district: { code: '330381' }, parent: { id: cityMeeting.id } });

    const before = await total();
    const bad = sg.running.services.organizations.createMany(ctx, [
      { name: '乐清市律师协会', kind: 'INDUSTRY_ASSOCIATION', level: 'DISTRICT', districtCode: '330382' },
      { name: '乐', kind: 'INDUSTRY_ASSOCIATION', level: 'DISTRICT', districtCode: '330382' },
      { name: '乐清市成员单位', kind: 'JOINT_MEETING_MEMBER_UNIT', level: 'DISTRICT', districtCode: '330382', parentId: randomIds.next() },
      { name: '乐清市某组', kind: 'NO_SUCH_KIND', level: 'DISTRICT', districtCode: '330382' },
    ]);
    await expect(bad).rejects.toMatchObject({
      extensions: {
        code: 'BAD_USER_INPUT',
        fields: [
          { field: 'rows[1].name', message: expect.any(String) },
          { field: 'rows[2].parentId', message: expect.stringContaining('no organization') },
          { field: 'rows[3].kind', message: expect.any(String) },
        ],
      },
    });
    expect(await total()).toBe(before);
  });

  it('resolves the relations of 200 organizations with as few SQL statements as of 10', async () => {
    const ctx = systemContext();
    const today = todayInChina();
    const districts = ['330324', '330326'];
    const parents = await sg.running.services.organizations.createMany(
      ctx,
      districts.map((d) => ({ name: `${d}联席会议`, kind: 'JOINT_MEETING', level: 'DISTRICT', districtCode: d }) as OrganizationDraft),
    );
    const units = await sg.running.services.organizations.createMany(
      ctx,
      Array.from(
        { length: 200 },
        (_, i) =>
          ({
            name: `成员单位${i}`,
            kind: 'JOINT_MEETING_MEMBER_UNIT',
            level: 'DISTRICT',
            districtCode: districts[i % 2],
            parentId: parents[i % 2],
          }) as OrganizationDraft,
      ),
    );
    const newPerson = await publishedPersonPool(sg.running.services, 600);
    const memberships: MembershipDraft[] = units.flatMap((organizationId, i) => [
      { personId: newPerson(), organizationId, role: 'MEMBER', startDate: '2020-01-01', endDate: today, endReason: i % 2 ? '换届' : null },
      { personId: newPerson(), organizationId, role: 'LEADER', startDate: '2020-01-01' },
      { personId: newPerson(), organizationId, role: 'LIAISON', startDate: '2020-01-01' },
    ]);
    await sg.running.services.memberships.addMany(ctx, memberships);

    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization {
      id name district { code } parent { id name } children { id }
      members(first: 1) { totalCount pageInfo { hasNextPage } edges { node { id role person { id } organization { id } } } }
      all: members(activeOnly: false, first: 2) { totalCount edges { node { id active } } }
    } } }`;
    const run = (ids: string[]) => sg.statements(() => sg.request(query, { r: ids.map((id) => ({ __typename: 'Organization', id })) }));
    const small = await run(units.slice(0, 10));
    const large = await run(units);
    const entities = expectData(large.result)._entities;
    expect(entities).toHaveLength(200);
    expect(entities[7]).toMatchObject({
      id: units[7],
      district: { code: districts[1] },
      parent: { id: parents[1] },
      children: [],
      members: { totalCount: 2, pageInfo: { hasNextPage: true } },
      all: { totalCount: 3 },
    });
    expect(entities[7].members.edges).toEqual([{ node: { id: expect.any(String), role: 'LEADER', person: { id: memberships[22]!.personId }, organization: { id: units[7] } } }]);
    expect(entities[7].all.edges.map((e: any) => e.node.active)).toEqual([false, true]);
    // By id, parents, children, and per page shape its ids, rows and count.
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBe(9);
  });
});
