import { randomIds, Role, systemContext, todayInChina } from '@tongxin/common';
import { MembershipDraft, OrganizationDraft, organizationsSubgraph, OrganizationsServices } from '@tongxin/organizations';
import { tokenFor } from '../../../test/harness/auth';
import { errorCodes, expectData } from '../../../test/harness/graphql-client';
import { publishedPersonPool } from '../../../test/harness/published-persons';
import { startTestSubgraph, TestSubgraph } from '../../../test/harness/subgraph';

/**
 * Association self-management: roles per kind, terms of office, changing a role with its history
 * kept, memberStats; and organizationStats for dashboards.
 */

const LUCHENG = '330302';
const TODAY = todayInChina();

const CREATE_ORG = `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { id } } }`;
const ADD = `mutation($input: AddMembershipInput!) { addMembership(input: $input) { membership { id role startDate termStart termEnd version } } }`;
const END = `mutation($input: EndMembershipInput!) { endMembership(input: $input) { membership { id } } }`;
const CHANGE = `mutation($input: ChangeMembershipRoleInput!) {
  changeMembershipRole(input: $input) {
    membership { id role active startDate termStart termEnd version person { id } previous { id role active endDate endReason version next { id } } next { id } }
  }
}`;
const READ = `query($id: ID!) { membership(id: $id) { id role active endDate endReason version previous { id } next { id } } }`;
const STATS = `query($id: ID!) { organization(id: $id) { memberStats { running left roleChanges byRole { role count } joinedPerYear { year count } leftPerYear { year count } } } }`;
const ORG_STATS = `query($g: [OrganizationStatsDimension!]!, $f: OrganizationFilter) { organizationStats(groupBy: $g, filter: $f) { district { code } kind level count } }`;

describe('association self-management and statistics', () => {
  let sg: TestSubgraph<OrganizationsServices>;
  let association: string;
  let streetGroup: string;
  /** A person of the register, published to this subgraph's replica (test/harness/published-persons.ts). */
  let newPerson: () => string;
  beforeAll(async () => {
    sg = await startTestSubgraph(organizationsSubgraph);
    newPerson = await publishedPersonPool(sg.running.services, 1000);
    const create = async (input: Record<string, unknown>) => expectData(await sg.request(CREATE_ORG, { input })).createOrganization.organization.id as string;
    association = await create({ name: '鹿城区新的社会阶层人士联谊会', kind: 'FRIENDSHIP_ASSOCIATION', level: 'DISTRICT', districtCode: LUCHENG, foundedOn: '2010-05-04' });
    streetGroup = await create({ name: '五马街道领导小组', kind: 'STREET_LEADING_GROUP', level: 'STREET', districtCode: LUCHENG, streetCode: '330302006' });
  });
  afterAll(async () => {
    await sg?.stop();
  });

  const add = async (input: Record<string, unknown>, headers?: Record<string, string>) =>
    expectData(await sg.request(ADD, { input: { personId: newPerson(), organizationId: association, startDate: '2020-01-01', ...input } }, headers)).addMembership.membership;

  it('keeps an officer’s term of office apart from the membership’s own dates', async () => {
    const m = await add({ role: 'PRESIDENT', termStart: '2021-01-01', termEnd: '2026-01-01' });
    expect(m).toMatchObject({ role: 'PRESIDENT', startDate: '2020-01-01', termStart: '2021-01-01', termEnd: '2026-01-01' });
    // Only the end given: the term starts with the role.
    expect(await add({ role: 'SECRETARY_GENERAL', termEnd: '2025-01-01' })).toMatchObject({ termStart: '2020-01-01', termEnd: '2025-01-01' });
    expect(await add({ role: 'MEMBER' })).toMatchObject({ termStart: null, termEnd: null });
  });

  it.each([
    ['a term for a plain member', { role: 'MEMBER', termStart: '2021-01-01' }, ['input.termStart']],
    ['a term that starts before the role', { role: 'DIRECTOR', termStart: '2019-12-31' }, ['input.termStart']],
    ['a term that ends before it starts', { role: 'DIRECTOR', termStart: '2021-01-01', termEnd: '2021-01-01' }, ['input.termEnd']],
    ['a working body’s role in an association', { role: 'LIAISON' }, ['input.role']],
  ])('refuses %s with BAD_USER_INPUT naming the field', async (_label, input, fields) => {
    const res = await sg.request(ADD, { input: { personId: newPerson(), organizationId: association, startDate: '2020-01-01', ...input } });
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0]!.extensions!.fields.map((f: { field: string }) => f.field)).toEqual(fields);
  });

  it('refuses an association’s role in a working body', async () => {
    const res = await sg.request(ADD, { input: { personId: newPerson(), organizationId: streetGroup, role: 'PRESIDENT' } });
    expect(res.errors![0]!.extensions!.fields).toEqual([{ field: 'input.role', message: expect.stringContaining('LEADER, DEPUTY_LEADER, LIAISON, MEMBER') }]);
  });

  it('changes a role by ending the membership and starting one in the new role, linked both ways, audited', async () => {
    const old = await add({ role: 'MEMBER' });
    const changed = expectData(await sg.request(CHANGE, { input: { id: old.id, expectedVersion: 1, role: 'VICE_PRESIDENT', changedOn: '2023-06-01', termEnd: '2028-06-01' } })).changeMembershipRole
      .membership;
    expect(changed).toMatchObject({
      role: 'VICE_PRESIDENT',
      active: true,
      startDate: '2023-06-01',
      termStart: '2023-06-01',
      termEnd: '2028-06-01',
      version: 1,
      next: null,
      previous: { id: old.id, role: 'MEMBER', active: false, endDate: '2023-06-01', endReason: '职务变更：会员/成员 → 副会长', version: 2, next: { id: changed.id } },
    });
    expect(changed.id).not.toBe(old.id);
    // The person has one running membership in the organization, and both rows as history.
    const history = expectData(
      await sg.request(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { memberships { id role active } } } }`, {
        r: [{ __typename: 'Person', id: changed.person.id }],
      }),
    )._entities[0].memberships;
    expect(history).toEqual([
      { id: old.id, role: 'MEMBER', active: false },
      { id: changed.id, role: 'VICE_PRESIDENT', active: true },
    ]);
    const events = expectData(await sg.request(`{ organizationsAuditEvents(filter: { action: "changeMembershipRole" }, first: 10) { events { outcome entityId detail } } }`)).organizationsAuditEvents
      .events;
    expect(events[0]).toMatchObject({ outcome: 'SUCCEEDED', entityId: old.id, detail: `MEMBER → VICE_PRESIDENT as ${changed.id}` });
  });

  it.each([
    ['the same role', { role: 'MEMBER' }, ['input.role']],
    ['a role of another kind of body', { role: 'LEADER' }, ['input.role']],
    ['a change before the membership started', { role: 'DIRECTOR', changedOn: '2019-01-01' }, ['input.changedOn']],
    ['a change in the future', { role: 'DIRECTOR', changedOn: '2999-01-01' }, ['input.changedOn']],
    ['a term for a plain member', { role: 'MEMBER', termEnd: '2030-01-01' }, ['input.role', 'input.termEnd']],
    ['a term ending before the change', { role: 'DIRECTOR', changedOn: '2022-01-01', termEnd: '2021-01-01' }, ['input.termEnd']],
    ['a malformed id', { id: 'x', role: 'DIRECTOR' }, ['input.id']],
  ])('refuses changing to %s with BAD_USER_INPUT, and writes nothing', async (_label, input, fields) => {
    const old = await add({ role: 'MEMBER' });
    const res = await sg.request(CHANGE, { input: { id: old.id, expectedVersion: 1, ...input } });
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0]!.extensions!.fields.map((f: { field: string }) => f.field)).toEqual(fields);
    expect(expectData(await sg.request(READ, { id: old.id })).membership).toMatchObject({ role: 'MEMBER', active: true, version: 1, next: null });
  });

  it('refuses a stale version or an ended membership with CONFLICT', async () => {
    const old = await add({ role: 'MEMBER' });
    const stale = await sg.request(CHANGE, { input: { id: old.id, expectedVersion: 2, role: 'DIRECTOR' } });
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
    expect(stale.errors![0]!.extensions).toMatchObject({ currentVersion: 1 });
    expectData(await sg.request(END, { input: { id: old.id, expectedVersion: 1 } }));
    expect(errorCodes(await sg.request(CHANGE, { input: { id: old.id, expectedVersion: 2, role: 'DIRECTOR' } }))).toEqual(['CONFLICT']);
    expect(errorCodes(await sg.request(CHANGE, { input: { id: randomIds.next(), expectedVersion: 1, role: 'DIRECTOR' } }))).toEqual(['NOT_FOUND']);
  });

  it('lets an association administrator add, change and end its own members, and see their statistics', async () => {
    const headers = { authorization: `Bearer ${await tokenFor({ role: Role.ASSOCIATION_ADMIN, org: association })}` };
    const m = await add({ role: 'MEMBER', startDate: TODAY }, headers);
    const changed = expectData(await sg.request(CHANGE, { input: { id: m.id, expectedVersion: 1, role: 'DIRECTOR' } }, headers)).changeMembershipRole.membership;
    expect(changed).toMatchObject({ role: 'DIRECTOR', startDate: TODAY, previous: { id: m.id } });
    expectData(await sg.request(END, { input: { id: changed.id, expectedVersion: 1, reason: '本人申请退出' } }, headers));
    const stats = expectData(await sg.request(STATS, { id: association }, headers)).organization.memberStats;
    expect(stats.leftPerYear).toContainEqual({ year: Number(TODAY.slice(0, 4)), count: expect.any(Number) });
  });

  it('counts an organization’s members by role and per year; a change of role is neither a join nor a departure', async () => {
    const org = expectData(await sg.request(CREATE_ORG, { input: { name: '鹿城区律师协会', kind: 'INDUSTRY_ASSOCIATION', level: 'DISTRICT', districtCode: LUCHENG } })).createOrganization.organization
      .id;
    const ctx = systemContext();
    const drafts: MembershipDraft[] = [
      { personId: newPerson(), organizationId: org, role: 'PRESIDENT', startDate: '2019-03-01' },
      { personId: newPerson(), organizationId: org, role: 'MEMBER', startDate: '2019-05-01' },
      { personId: newPerson(), organizationId: org, role: 'MEMBER', startDate: '2020-05-01' },
      { personId: newPerson(), organizationId: org, role: 'MEMBER', startDate: '2020-06-01', endDate: '2022-01-01', endReason: '工作调动' },
      { personId: newPerson(), organizationId: org, role: 'MEMBER', startDate: '2021-06-01' },
    ];
    const ids = await sg.running.services.memberships.addMany(ctx, drafts);
    expectData(await sg.request(CHANGE, { input: { id: ids[4], expectedVersion: 1, role: 'DIRECTOR', changedOn: '2023-01-01' } }));
    expect(expectData(await sg.request(STATS, { id: org })).organization.memberStats).toEqual({
      running: 4,
      left: 1,
      roleChanges: 1,
      byRole: [
        { role: 'PRESIDENT', count: 1 },
        { role: 'DIRECTOR', count: 1 },
        { role: 'MEMBER', count: 2 },
      ],
      joinedPerYear: [
        { year: 2019, count: 2 },
        { year: 2020, count: 2 },
        { year: 2021, count: 1 },
      ],
      leftPerYear: [{ year: 2022, count: 1 }],
    });
  });

  it('refuses memberStats to a person on that field alone', async () => {
    const headers = { authorization: `Bearer ${await tokenFor({ role: Role.PERSON, person: randomIds.next() })}` };
    const res = await sg.request(STATS, { id: association }, headers);
    expect(errorCodes(res)).toEqual(['FORBIDDEN']);
    expect(res.data!.organization).toEqual({ memberStats: null });
  });

  it('reads memberStats of 200 organizations in as many statements as of 10', async () => {
    const ctx = systemContext();
    const orgs = await sg.running.services.organizations.createMany(
      ctx,
      Array.from({ length: 200 }, (_, i) => ({ name: `泰顺县律师协会第${i}分会`, kind: 'INDUSTRY_ASSOCIATION', level: 'DISTRICT', districtCode: '330329' }) as OrganizationDraft),
    );
    await sg.running.services.memberships.addMany(
      ctx,
      orgs.flatMap((organizationId, i) => [
        { personId: newPerson(), organizationId, role: 'PRESIDENT', startDate: `20${10 + (i % 10)}-01-01` },
        { personId: newPerson(), organizationId, role: 'MEMBER', startDate: '2015-01-01', endDate: '2016-01-01' },
      ]),
    );
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { id memberStats { running left byRole { role count } joinedPerYear { year count } } } } }`;
    const run = (ids: string[]) => sg.statements(() => sg.request(query, { r: ids.map((id) => ({ __typename: 'Organization', id })) }));
    const small = await run(orgs.slice(0, 10));
    const large = await run(orgs);
    expect(expectData(large.result)._entities[199].memberStats).toEqual({
      running: 1,
      left: 1,
      byRole: [{ role: 'PRESIDENT', count: 1 }],
      joinedPerYear: [
        { year: 2015, count: 1 },
        { year: 2019, count: 1 },
      ].sort((a, b) => a.year - b.year),
    });
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBe(2); // the organizations, then one GROUP BY for all their statistics
  });

  describe('organizationStats', () => {
    const DISTRICTS = ['330324', '330326'];
    beforeAll(async () => {
      const ctx = systemContext();
      const drafts: OrganizationDraft[] = [];
      DISTRICTS.forEach((districtCode, d) => {
        for (let i = 0; i <= d; i++) drafts.push({ name: `${districtCode}联席会议${i}`, kind: 'JOINT_MEETING', level: 'DISTRICT', districtCode });
        for (let i = 0; i < 3; i++) drafts.push({ name: `${districtCode}律师协会${i}`, kind: 'INDUSTRY_ASSOCIATION', level: 'DISTRICT', districtCode });
      });
      await sg.running.services.organizations.createMany(ctx, drafts);
    });
    const stats = async (g: string[], f?: Record<string, unknown>, headers?: Record<string, string>) => expectData(await sg.request(ORG_STATS, { g, f }, headers)).organizationStats;

    it('counts by district and kind within a filter, in one statement', async () => {
      const { result, statements } = await sg.statements(() => sg.request(ORG_STATS, { g: ['DISTRICT', 'KIND'], f: { level: 'DISTRICT', text: '330' } }));
      expect(statements).toBe(1);
      expect(expectData(result).organizationStats).toEqual([
        { district: { code: '330324' }, kind: 'INDUSTRY_ASSOCIATION', level: null, count: 3 },
        { district: { code: '330324' }, kind: 'JOINT_MEETING', level: null, count: 1 },
        { district: { code: '330326' }, kind: 'INDUSTRY_ASSOCIATION', level: null, count: 3 },
        { district: { code: '330326' }, kind: 'JOINT_MEETING', level: null, count: 2 },
      ]);
    });

    it('gives the total without groups, and groups by level alone', async () => {
      expect(await stats([], { districtCode: '330326' })).toEqual([{ district: null, kind: null, level: null, count: 5 }]);
      expect(await stats(['LEVEL', 'DISTRICT'], { districtCode: '330324' })).toEqual([{ district: { code: '330324' }, kind: null, level: 'DISTRICT', count: 4 }]);
      expect(await stats(['KIND'], { districtCode: '330381' })).toEqual([]);
    });

    it('is the same one statement for any number of organizations', async () => {
      const all = await sg.statements(() => sg.request(ORG_STATS, { g: ['DISTRICT', 'KIND', 'LEVEL'] }));
      expect(all.statements).toBe(1);
      const total = expectData(await sg.request(`{ organizations { totalCount } }`)).organizations.totalCount;
      expect(expectData(all.result).organizationStats.reduce((n: number, r: { count: number }) => n + r.count, 0)).toBe(total);
    });

    it('refuses a dimension named twice or a bad filter with BAD_USER_INPUT, and a person with FORBIDDEN', async () => {
      const twice = await sg.request(ORG_STATS, { g: ['KIND', 'DISTRICT', 'KIND'] });
      expect(twice.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'groupBy[2]' }] });
      const badFilter = await sg.request(ORG_STATS, { g: ['KIND'], f: { districtCode: '999999', parentId: 'x' } });
      expect(badFilter.errors![0]!.extensions!.fields.map((f: { field: string }) => f.field)).toEqual(['filter.districtCode', 'filter.parentId']);
      const person = { authorization: `Bearer ${await tokenFor({ role: Role.PERSON, person: randomIds.next() })}` };
      expect(errorCodes(await sg.request(ORG_STATS, { g: ['KIND'] }, person))).toEqual(['FORBIDDEN']);
      for (const claims of [{ role: Role.ANALYST }, { role: Role.DISTRICT_ADMIN, district: LUCHENG }, { role: Role.ASSOCIATION_ADMIN, org: association }] as const) {
        const headers = { authorization: `Bearer ${await tokenFor(claims)}` };
        expect(await stats(['DISTRICT'], { districtCode: '330324' }, headers)).toEqual([{ district: { code: '330324' }, kind: null, level: null, count: 4 }]);
      }
    });
  });
});
