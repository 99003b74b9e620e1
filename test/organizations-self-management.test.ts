import { makeIdNumber, Role } from '@tongxin/common';
import { tokenFor } from './harness/auth';
import { errorCodes, expectData } from './harness/graphql-client';
import { startTestPlatform, TestPlatform } from './harness/platform';

/**
 * Issue 4, parts 3, 4 and 6 through the gateway: an association administrator manages its own
 * members (add, change role, end, list with names, statistics) and is refused on another
 * organization with nothing written and a REFUSED audit event; meetings of a joint meeting;
 * organizationStats for dashboards.
 */

const OWN = '330302'; // 鹿城区

const NAMES = ['林晓', '陈静', '王海'];
let seq = 0;
const form = () => {
  seq += 1;
  return {
    name: NAMES[(seq - 1) % NAMES.length],
    idNumber: makeIdNumber(OWN, '1982-06-07', 700 + seq * 2),
    mobile: '13912345678',
    politicalAffiliation: 'NON_PARTY',
    category: 'INTERMEDIARY',
    profession: 'LAWYER',
    districtCode: OWN,
  };
};

const Q = {
  register: `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id } } }`,
  createOrganization: `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { id } } }`,
  add: `mutation($input: AddMembershipInput!) { addMembership(input: $input) { membership { id version } } }`,
  change: `mutation($input: ChangeMembershipRoleInput!) { changeMembershipRole(input: $input) { membership { id role version previous { id active } } } }`,
  end: `mutation($input: EndMembershipInput!) { endMembership(input: $input) { membership { id active } } }`,
  members: `query($id: ID!) { organization(id: $id) { memberCount members(activeOnly: false) { totalCount edges { node { id role active person { id name } } } } } }`,
  stats: `query($id: ID!) { organization(id: $id) { memberStats { running left roleChanges byRole { role count } } } }`,
  createMeeting: `mutation($input: CreateMeetingInput!) { createMeeting(input: $input) { meeting { id } } }`,
  meeting: `query($id: ID!) { meeting(id: $id) { topic body { name } attendingUnits { name contactPhone } decisions { text responsibleUnit { name } } } }`,
  audit: `query($f: AuditEventFilter) { auditEvents(filter: $f, first: 50) { edges { node { subgraph action outcome role entityId detail } } } }`,
  orgStats: `query($f: OrganizationFilter) { organizationStats(groupBy: [KIND], filter: $f) { kind count } }`,
};

describe('association self-management, meetings and organization statistics through the gateway', () => {
  let p: TestPlatform;
  let own: string; // the association administrator's organization
  let other: string; // another association of the same district
  let persons: string[];
  let association: Record<string, string>;
  const city = async (query: string, variables: Record<string, unknown>) => expectData(await p.request(query, variables));

  beforeAll(async () => {
    p = await startTestPlatform();
    persons = [];
    for (let i = 0; i < 3; i++) persons.push((await city(Q.register, { input: form() })).registerPerson.person.id);
    const org = async (input: Record<string, unknown>) => (await city(Q.createOrganization, { input })).createOrganization.organization.id as string;
    own = await org({ name: '鹿城区新的社会阶层人士联谊会', kind: 'FRIENDSHIP_ASSOCIATION', level: 'DISTRICT', districtCode: OWN });
    other = await org({ name: '鹿城区律师协会', kind: 'INDUSTRY_ASSOCIATION', level: 'DISTRICT', districtCode: OWN });
    association = { authorization: `Bearer ${await tokenFor({ role: Role.ASSOCIATION_ADMIN, org: own })}` };
  });
  afterAll(async () => {
    await p?.stop();
  });

  it('lets an association administrator add members, change a role, end a membership, list them by name and count them', async () => {
    const m0 = expectData(await p.request(Q.add, { input: { personId: persons[0], organizationId: own, role: 'MEMBER', startDate: '2022-01-01' } }, association)).addMembership.membership;
    const m1 = expectData(await p.request(Q.add, { input: { personId: persons[1], organizationId: own, role: 'MEMBER', startDate: '2022-03-01' } }, association)).addMembership.membership;
    const changed = expectData(await p.request(Q.change, { input: { id: m0.id, expectedVersion: 1, role: 'SECRETARY_GENERAL', changedOn: '2024-01-01', termEnd: '2029-01-01' } }, association))
      .changeMembershipRole.membership;
    expect(changed).toMatchObject({ role: 'SECRETARY_GENERAL', version: 1, previous: { id: m0.id, active: false } });

    const members = expectData(await p.request(Q.members, { id: own }, association)).organization;
    expect(members.memberCount).toBe(2);
    expect(members.members.totalCount).toBe(3);
    const names = members.members.edges.map((e: any) => [e.node.role, e.node.active, e.node.person.name]);
    expect(names).toEqual([
      ['MEMBER', false, '林晓'],
      ['MEMBER', true, '陈静'],
      ['SECRETARY_GENERAL', true, '林晓'],
    ]);
    expect(expectData(await p.request(Q.stats, { id: own }, association)).organization.memberStats).toEqual({
      running: 2,
      left: 0,
      roleChanges: 1,
      byRole: [
        { role: 'SECRETARY_GENERAL', count: 1 },
        { role: 'MEMBER', count: 1 },
      ],
    });
    expect(expectData(await p.request(Q.end, { input: { id: m1.id, expectedVersion: m1.version, reason: '本人申请退出' } }, association)).endMembership.membership).toEqual({
      id: m1.id,
      active: false,
    });
    expect(expectData(await p.request(Q.stats, { id: own }, association)).organization.memberStats).toMatchObject({ running: 1, left: 1 });
    // A person belongs to several organizations: the city adds person 0 to the other one too.
    expectData(await p.request(Q.add, { input: { personId: persons[0], organizationId: other, role: 'DIRECTOR', startDate: '2023-01-01' } }));
    const memberships = expectData(await p.request(`query($id: ID!) { person(id: $id) { memberships { organization { id } active } } }`, { id: persons[0] })).person.memberships;
    expect(
      memberships
        .filter((m: any) => m.active)
        .map((m: any) => m.organization.id)
        .sort(),
    ).toEqual([own, other].sort());
  });

  it("refuses an association administrator's attempts on another organization: FORBIDDEN, nothing written, REFUSED in the audit log", async () => {
    const running = expectData(await p.request(Q.add, { input: { personId: persons[2], organizationId: other, role: 'MEMBER', startDate: '2023-01-01' } })).addMembership.membership;
    const before = expectData(await p.request(Q.members, { id: other })).organization.members;

    const add = await p.request(Q.add, { input: { personId: persons[1], organizationId: other, role: 'MEMBER' } }, association);
    const change = await p.request(Q.change, { input: { id: running.id, expectedVersion: 1, role: 'DIRECTOR' } }, association);
    const end = await p.request(Q.end, { input: { id: running.id, expectedVersion: 1 } }, association);
    for (const res of [add, change, end]) {
      expect(errorCodes(res)).toEqual(['FORBIDDEN']);
      expect(res.errors![0]!.message).toBe('An association administrator can change memberships of their own organization only.');
    }
    const list = await p.request(Q.members, { id: other }, association);
    expect(errorCodes(list)).toEqual(['FORBIDDEN']);
    expect(list.data!.organization.members).toBeNull();
    // An aggregate, but of another organization's members: under the minimum group it is
    // suppressed (null, no error) for this administrator (stats-disclosure.test.ts).
    expect(list.data!.organization.memberCount).toBeNull();

    expect(expectData(await p.request(Q.members, { id: other })).organization.members).toEqual(before);
    const refused = async (action: string) => (await city(Q.audit, { f: { action, outcome: 'REFUSED' } })).auditEvents.edges.map((e: any) => e.node).filter((e: any) => e.role === 'ASSOCIATION_ADMIN');
    expect(await refused('addMembership')).toHaveLength(1);
    expect(await refused('changeMembershipRole')).toEqual([expect.objectContaining({ subgraph: 'organizations', entityId: running.id })]);
    expect(await refused('endMembership')).toHaveLength(1);
  });

  it('records a meeting of a joint meeting for a district administrator, reads it as an analyst, refuses an association administrator', async () => {
    const body = (await city(Q.createOrganization, { input: { name: '鹿城区联席会议', kind: 'JOINT_MEETING', level: 'DISTRICT', districtCode: OWN } })).createOrganization.organization.id;
    const unit = (
      await city(Q.createOrganization, {
        input: { name: '鹿城区人力社保局', kind: 'JOINT_MEETING_MEMBER_UNIT', level: 'DISTRICT', districtCode: OWN, parentId: body, contactName: '陈志强', contactPhone: '13612345678' },
      })
    ).createOrganization.organization.id;
    const district = { authorization: `Bearer ${await tokenFor({ role: Role.DISTRICT_ADMIN, district: OWN })}` };
    const analyst = { authorization: `Bearer ${await tokenFor({ role: Role.ANALYST })}` };
    const input = { bodyId: body, heldOn: '2025-03-01', topic: '人才库建设', attendingUnitIds: [unit], decisions: [{ text: '推荐人选', responsibleUnitId: unit, dueDate: '2025-06-30' }] };
    const id = expectData(await p.request(Q.createMeeting, { input }, district)).createMeeting.meeting.id;
    expect(expectData(await p.request(Q.meeting, { id }, analyst)).meeting).toEqual({
      topic: '人才库建设',
      body: { name: '鹿城区联席会议' },
      attendingUnits: [{ name: '鹿城区人力社保局', contactPhone: '136******78' }],
      decisions: [{ text: '推荐人选', responsibleUnit: { name: '鹿城区人力社保局' } }],
    });
    expect(expectData(await p.request(Q.meeting, { id }, district)).meeting.attendingUnits[0].contactPhone).toBe('13612345678');
    expect(errorCodes(await p.request(Q.meeting, { id }, association))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await p.request(Q.createMeeting, { input }, association))).toEqual(['FORBIDDEN']);
  });

  it('answers organizationStats for every role but a person', async () => {
    const analyst = { authorization: `Bearer ${await tokenFor({ role: Role.ANALYST })}` };
    const rows = expectData(await p.request(Q.orgStats, { f: { districtCode: OWN } }, analyst)).organizationStats;
    expect(rows).toEqual(
      expect.arrayContaining([
        { kind: 'FRIENDSHIP_ASSOCIATION', count: 1 },
        { kind: 'INDUSTRY_ASSOCIATION', count: 1 },
      ]),
    );
    const person = { authorization: `Bearer ${await tokenFor({ role: Role.PERSON, person: persons[0] })}` };
    expect(errorCodes(await p.request(Q.orgStats, {}, person))).toEqual(['FORBIDDEN']);
  });
});
