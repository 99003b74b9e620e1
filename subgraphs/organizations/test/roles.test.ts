import { createLogger, randomIds, RequestContext, Role, systemContext, Viewer } from '@tongxin/common';
import { OrganizationDraft, organizationsSubgraph, OrganizationsServices } from '@tongxin/organizations';
import { tokenFor } from '../../../test/harness/auth';
import { expectData, expectEntityOutcomes, GraphQLResponse } from '../../../test/harness/graphql-client';
import { publishArchived, publishedPersonPool } from '../../../test/harness/published-persons';
import { startTestSubgraph, TestSubgraph } from '../../../test/harness/subgraph';

/**
 * Who may read and change organizations and memberships (docs/SECURITY.md, "1. Roles in the
 * services"): every role against every operation of the subgraph. An allowed operation succeeds;
 * a refused one is FORBIDDEN (on the refused field alone where the rest may be read), leaves the
 * data as it was, and is audited as REFUSED.
 */

const OWN = '330302'; // 鹿城区: the district administrator's district, and the associations'
const OTHER = '330303'; // 龙湾区

const CREATE_ORG = `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { id district { code } } } }`;
const ADD = `mutation($input: AddMembershipInput!) { addMembership(input: $input) { membership { id version } } }`;
const END = `mutation($input: EndMembershipInput!) { endMembership(input: $input) { membership { id active version } } }`;
const ORGANIZATION = `query($id: ID!) { organization(id: $id) { id name district { code } parent { id } children { id } } }`;
const ORGANIZATIONS = `{ organizations(first: 1000) { totalCount edges { node { id } } } }`;
const MEMBERSHIP = `query($id: ID!) { membership(id: $id) { id role person { id } organization { id } } }`;
const MEMBERS = `query($id: ID!) { organization(id: $id) { id members(activeOnly: false, first: 100) { totalCount edges { node { id person { id } } } } } }`;
const MEMBERS_TOTAL = `query($id: ID!) { organization(id: $id) { id members { totalCount } } }`;
const MEMBER_COUNT = `query($id: ID!) { organization(id: $id) { id memberCount all: memberCount(activeOnly: false) } }`;
const AUDIT = `query($f: AuditEventFilter) { organizationsAuditEvents(filter: $f, first: 1000) { events { action outcome role entityType entityId detail subgraph } hasMore } }`;
const CREATE_MEETING = `mutation($input: CreateMeetingInput!) { createMeeting(input: $input) { meeting { id } } }`;
const CHANGE_ROLE = `mutation($input: ChangeMembershipRoleInput!) { changeMembershipRole(input: $input) { membership { id role previous { id } } } }`;
const MEETING = `query($id: ID!) { meeting(id: $id) { id topic body { id } attendingUnits { id } decisions { text } } }`;
const MEETINGS = `query($id: ID!) { organization(id: $id) { id meetings(first: 10) { totalCount edges { node { id } } } } }`;
const MEMBER_STATS = `query($id: ID!) { organization(id: $id) { id memberStats { running byRole { role count } } } }`;
const ORGANIZATION_STATS = `{ organizationStats(groupBy: [DISTRICT, KIND]) { district { code } kind count } }`;
const MEETING_ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Meeting { id topic } } }`;
const MEMBERSHIP_ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Membership { id person { id } } } }`;
const ORGANIZATION_ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { id name memberCount members(activeOnly: false) { totalCount } } } }`;
const ORGANIZATION_SCOPES = `query($ids: [ID!]!) { organizationScopes(ids: $ids) { id districtCode level manageable } }`;
const CROSS_MEMBERS = `query($a: String!, $b: String!) { crossDistrictMembers(personDistrictCode: $a, organizationDistrictCode: $b, first: 100) { edges { node { id } } } }`;
const PERSON_MEMBERSHIPS = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id memberships { id } } } }`;

type Outcome = 'ok' | 'FORBIDDEN' | 'BAD_USER_INPUT' | 'CONFLICT';
type Caller = 'city' | 'district' | 'association' | 'otherAssociation' | 'analyst' | 'person';
const CALLERS: readonly Caller[] = ['city', 'district', 'association', 'otherAssociation', 'analyst', 'person'];

/** What a write aimed at, to check that a refusal left it as it was. */
type Target = { kind: 'organizations' } | { kind: 'members'; organizationId: string } | { kind: 'membership'; id: string } | { kind: 'meetings'; bodyId: string };

interface Operation {
  /** The mutation whose audit events are checked; absent for reads. */
  readonly action?: string;
  /** Setup done by the city administrator before the counts are taken. */
  readonly prepare?: () => Promise<Target>;
  readonly run: (h: Record<string, string>, target?: Target) => Promise<GraphQLResponse>;
  /** The value a refusal nulls (the root field, or the one field refused). */
  readonly pick: (data: Record<string, any> | null | undefined) => unknown;
}

describe('roles in the organizations subgraph', () => {
  let sg: TestSubgraph<OrganizationsServices>;
  // 鹿城区: the association administrator's organization, and a sibling run by another one; 龙湾区: one more.
  let ownOrg: string;
  let siblingOrg: string;
  let otherOrg: string;
  let cityOrg: string; // a city-level association (330300)
  // P (the PERSON caller) belongs to all three; Q to the 龙湾区 one and to ownOrg. P is registered
  // in 鹿城区 and Q in 龙湾区 (as the persons subgraph publishes it), so mPOther and mQOwn cross districts.
  const P = randomIds.next();
  const Q = randomIds.next();
  let mOwn: string; // P in ownOrg
  let mPSibling: string; // P in siblingOrg
  let mPOther: string; // P in otherOrg
  let mOther: string; // Q in otherOrg
  let mQOwn: string; // Q in ownOrg
  // Joint meetings of 鹿城区 and 龙湾区, each with one member unit and one meeting.
  let ownJoint: string;
  let ownUnit: string;
  let otherJoint: string;
  let otherUnit: string;
  let ownMeeting: string;
  let otherMeeting: string;
  const headers = {} as Record<Caller, Record<string, string>>;
  /** A person of the register, published to this subgraph's replica (test/harness/published-persons.ts). */
  let newPerson: () => string;

  let seq = 0;
  const orgInput = (districtCode: string, level = 'DISTRICT') => {
    seq += 1;
    return { name: `测试行业协会${seq}`, kind: 'INDUSTRY_ASSOCIATION', level, districtCode };
  };
  const createdOrg = async (input: Record<string, unknown>): Promise<string> => expectData(await sg.request(CREATE_ORG, { input })).createOrganization.organization.id;
  const added = async (personId: string, organizationId: string): Promise<string> =>
    expectData(await sg.request(ADD, { input: { personId, organizationId, role: 'MEMBER', startDate: '2020-01-01' } })).addMembership.membership.id;

  const meetingInput = (bodyId: string, unitId: string) => ({
    bodyId,
    heldOn: '2024-03-01',
    topic: '年度工作部署',
    attendingUnitIds: [unitId],
    decisions: [{ text: '开展新的社会阶层人士调研', responsibleUnitId: unitId }],
  });
  const organizationCount = async (): Promise<number> => expectData(await sg.request(ORGANIZATIONS)).organizations.totalCount;
  const memberTotal = async (organizationId: string): Promise<number> => expectData(await sg.request(MEMBERS, { id: organizationId })).organization.members.totalCount;
  const membershipAsCity = async (id: string) => expectData(await sg.request(`query($id: ID!) { membership(id: $id) { version active } }`, { id })).membership;
  const snapshot = async (target: Target): Promise<unknown> => {
    switch (target.kind) {
      case 'organizations':
        return organizationCount();
      case 'members':
        return memberTotal(target.organizationId);
      case 'membership':
        return membershipAsCity(target.id);
      case 'meetings':
        return expectData(await sg.request(MEETINGS, { id: target.bodyId })).organization.meetings.totalCount;
    }
  };
  /** Every audit event of an action, newest first, read as a city administrator. */
  const auditOf = async (action: string): Promise<Array<Record<string, any>>> => expectData(await sg.request(AUDIT, { f: { action } })).organizationsAuditEvents.events;
  const byOutcome = (events: Array<Record<string, any>>) => ({
    SUCCEEDED: events.filter((e) => e.outcome === 'SUCCEEDED').length,
    REFUSED: events.filter((e) => e.outcome === 'REFUSED').length,
    FAILED: events.filter((e) => e.outcome === 'FAILED').length,
  });

  beforeAll(async () => {
    sg = await startTestSubgraph(organizationsSubgraph);
    ownOrg = await createdOrg({ name: '鹿城区新的社会阶层人士联谊会', kind: 'FRIENDSHIP_ASSOCIATION', level: 'DISTRICT', districtCode: OWN });
    siblingOrg = await createdOrg({ name: '鹿城区律师协会', kind: 'INDUSTRY_ASSOCIATION', level: 'DISTRICT', districtCode: OWN });
    otherOrg = await createdOrg({ name: '龙湾区新的社会阶层人士联谊会', kind: 'FRIENDSHIP_ASSOCIATION', level: 'DISTRICT', districtCode: OTHER });
    // Memberships are only of persons the replica knows: P and Q are published first.
    await sg.running.services.relations.applyPersonDistricts(systemContext(), [
      { personId: P, districtCode: OWN, version: 1 },
      { personId: Q, districtCode: OTHER, version: 1 },
    ]);
    newPerson = await publishedPersonPool(sg.running.services, 1000);
    mOwn = await added(P, ownOrg);
    mPSibling = await added(P, siblingOrg);
    mPOther = await added(P, otherOrg);
    mOther = await added(Q, otherOrg);
    mQOwn = await added(Q, ownOrg);
    cityOrg = await createdOrg({ name: '温州市新的社会阶层人士联谊会', kind: 'FRIENDSHIP_ASSOCIATION', level: 'CITY', districtCode: '330300' });
    ownJoint = await createdOrg({ name: '鹿城区联席会议', kind: 'JOINT_MEETING', level: 'DISTRICT', districtCode: OWN });
    ownUnit = await createdOrg({ name: '鹿城区委统战部', kind: 'JOINT_MEETING_MEMBER_UNIT', level: 'DISTRICT', districtCode: OWN, parentId: ownJoint });
    otherJoint = await createdOrg({ name: '龙湾区联席会议', kind: 'JOINT_MEETING', level: 'DISTRICT', districtCode: OTHER });
    otherUnit = await createdOrg({ name: '龙湾区委统战部', kind: 'JOINT_MEETING_MEMBER_UNIT', level: 'DISTRICT', districtCode: OTHER, parentId: otherJoint });
    ownMeeting = expectData(await sg.request(CREATE_MEETING, { input: meetingInput(ownJoint, ownUnit) })).createMeeting.meeting.id;
    otherMeeting = expectData(await sg.request(CREATE_MEETING, { input: meetingInput(otherJoint, otherUnit) })).createMeeting.meeting.id;
    const bearer = async (claims: Parameters<typeof tokenFor>[0]) => ({ authorization: `Bearer ${await tokenFor(claims)}` });
    headers.city = await bearer({ role: Role.CITY_ADMIN });
    headers.district = await bearer({ role: Role.DISTRICT_ADMIN, district: OWN });
    headers.association = await bearer({ role: Role.ASSOCIATION_ADMIN, org: ownOrg });
    headers.otherAssociation = await bearer({ role: Role.ASSOCIATION_ADMIN, org: siblingOrg });
    headers.analyst = await bearer({ role: Role.ANALYST });
    headers.person = await bearer({ role: Role.PERSON, person: P });
  });
  afterAll(async () => {
    await sg?.stop();
  });

  const root = (name: string) => (data: Record<string, any> | null | undefined) => data?.[name] ?? null;
  const orgField = (name: string) => (data: Record<string, any> | null | undefined) => data?.organization?.[name] ?? null;
  const endOf = (organizationId: () => string): Operation => ({
    action: 'endMembership',
    prepare: async () => ({ kind: 'membership', id: await added(newPerson(), organizationId()) }),
    run: (h, t) => sg.request(END, { input: { id: (t as { id: string }).id, expectedVersion: 1 } }, h),
    pick: root('endMembership'),
  });
  const addTo = (organizationId: () => string, personId: () => string | Promise<string> = () => newPerson()): Operation => ({
    action: 'addMembership',
    prepare: async () => ({ kind: 'members', organizationId: organizationId() }),
    run: async (h) => sg.request(ADD, { input: { personId: await personId(), organizationId: organizationId(), role: 'MEMBER' } }, h),
    pick: root('addMembership'),
  });
  /** A person published as registered, then as archived (registered nowhere). */
  const archivedPerson = async (): Promise<string> => {
    const id = newPerson();
    await publishArchived(sg.running.services, id);
    return id;
  };
  /** A change of role of a running membership whose person has been archived since it was added. */
  const changeRoleOfArchived: Operation = {
    action: 'changeMembershipRole',
    prepare: async () => {
      const personId = newPerson();
      const id = await added(personId, ownOrg);
      await publishArchived(sg.running.services, personId);
      return { kind: 'membership', id };
    },
    run: async (h, t) => {
      const { version } = await membershipAsCity((t as { id: string }).id);
      return sg.request(CHANGE_ROLE, { input: { id: (t as { id: string }).id, expectedVersion: version, role: 'DIRECTOR' } }, h);
    },
    pick: root('changeMembershipRole'),
  };
  const changeRoleIn = (organizationId: () => string): Operation => ({
    action: 'changeMembershipRole',
    prepare: async () => ({ kind: 'membership', id: await added(newPerson(), organizationId()) }),
    run: (h, t) => sg.request(CHANGE_ROLE, { input: { id: (t as { id: string }).id, expectedVersion: 1, role: 'DIRECTOR', termEnd: '2030-01-01' } }, h),
    pick: root('changeMembershipRole'),
  });
  const meetingOf = (bodyId: () => string, unitId: () => string): Operation => ({
    action: 'createMeeting',
    prepare: async () => ({ kind: 'meetings', bodyId: bodyId() }),
    run: (h) => sg.request(CREATE_MEETING, { input: meetingInput(bodyId(), unitId()) }, h),
    pick: root('createMeeting'),
  });
  const createIn = (input: () => Record<string, unknown>): Operation => ({
    action: 'createOrganization',
    prepare: async () => ({ kind: 'organizations' }),
    run: (h) => sg.request(CREATE_ORG, { input: input() }, h),
    pick: root('createOrganization'),
  });

  const operations: Record<string, Operation> = {
    'organization of another district, with parent and children': { run: (h) => sg.request(ORGANIZATION, { id: otherOrg }, h), pick: root('organization') },
    'organizations list': { run: (h) => sg.request(ORGANIZATIONS, {}, h), pick: root('organizations') },
    'membership of own organization (P)': { run: (h) => sg.request(MEMBERSHIP, { id: mOwn }, h), pick: root('membership') },
    'membership in another district (Q)': { run: (h) => sg.request(MEMBERSHIP, { id: mOther }, h), pick: root('membership') },
    'members of own organization': { run: (h) => sg.request(MEMBERS, { id: ownOrg }, h), pick: orgField('members') },
    'members.totalCount of own organization': { run: (h) => sg.request(MEMBERS_TOTAL, { id: ownOrg }, h), pick: orgField('members') },
    'members of an organization of another district': { run: (h) => sg.request(MEMBERS, { id: otherOrg }, h), pick: orgField('members') },
    'memberCount of another district': {
      run: async (h) => {
        const res = await sg.request(`query($id: ID!) { organization(id: $id) { id memberCount } }`, { id: otherOrg }, h);
        // Null with no error is an answer: a count under the minimum group, suppressed for those
        // who may not read the memberships (stats-disclosure.test.ts); a refusal is an error.
        if (res.errors || !res.data?.organization) return res;
        return { ...res, data: { organization: { ...res.data.organization, memberCount: res.data.organization.memberCount ?? 'suppressed' } } };
      },
      pick: orgField('memberCount'),
    },
    'createOrganization in own district': createIn(() => orgInput(OWN)),
    'createOrganization in another district': createIn(() => orgInput(OTHER)),
    'createOrganization at city level': createIn(() => orgInput('330300', 'CITY')),
    'createOrganization with invalid input': createIn(() => ({ ...orgInput(OWN), name: '协' })),
    'addMembership to own organization': addTo(() => ownOrg),
    'addMembership to another district': addTo(() => otherOrg),
    'addMembership with invalid input': addTo(
      () => ownOrg,
      () => 'nobody',
    ),
    // Issue 15: persons the register never published, and archived ones, are refused (input.personId).
    'addMembership of a person unknown to the register': addTo(
      () => ownOrg,
      () => randomIds.next(),
    ),
    'addMembership of an archived person': addTo(() => ownOrg, archivedPerson),
    'endMembership in own organization': endOf(() => ownOrg),
    'endMembership in another district': endOf(() => otherOrg),
    'changeMembershipRole in own organization': changeRoleIn(() => ownOrg),
    'changeMembershipRole in another district': changeRoleIn(() => otherOrg),
    'changeMembershipRole of an archived person': changeRoleOfArchived,
    'createMeeting of own district': meetingOf(
      () => ownJoint,
      () => ownUnit,
    ),
    'createMeeting of another district': meetingOf(
      () => otherJoint,
      () => otherUnit,
    ),
    'meeting of own district': { run: (h) => sg.request(MEETING, { id: ownMeeting }, h), pick: root('meeting') },
    'meeting of another district': { run: (h) => sg.request(MEETING, { id: otherMeeting }, h), pick: root('meeting') },
    'meetings of a body of another district': { run: (h) => sg.request(MEETINGS, { id: otherJoint }, h), pick: orgField('meetings') },
    'memberStats of another district': { run: (h) => sg.request(MEMBER_STATS, { id: otherOrg }, h), pick: orgField('memberStats') },
    organizationStats: { run: (h) => sg.request(ORGANIZATION_STATS, {}, h), pick: root('organizationStats') },
    // Issue 14: the internal question of the activities subgraph, and crossDistrictMembers under membership(id)'s rule.
    organizationScopes: { run: (h) => sg.request(ORGANIZATION_SCOPES, { ids: [ownOrg, otherOrg] }, h), pick: root('organizationScopes') },
    'crossDistrictMembers: persons of own district in organizations of another': {
      run: (h) => sg.request(CROSS_MEMBERS, { a: OWN, b: OTHER }, h),
      pick: root('crossDistrictMembers'),
    },
    "crossDistrictMembers: persons of another district in own district's organizations": {
      run: (h) => sg.request(CROSS_MEMBERS, { a: OTHER, b: OWN }, h),
      pick: root('crossDistrictMembers'),
    },
  };

  const ok = 'ok' as const;
  const no = 'FORBIDDEN' as const;
  const bad = 'BAD_USER_INPUT' as const;
  const late = 'CONFLICT' as const;
  // Columns follow `operations`, in order. cross↛ (persons of own district in another district's
  // organizations) is refused to the district administrator, as membership(id) refuses its rows
  // (issue 14: it was listed).
  const table: Record<Caller, Outcome[]> = {
    //                  org list  mOwn mOth mbrs tot  mbr↛ cnt  new  new↛ city inv  add  add↛ inv  unkn arch end  end↛ chg  chg↛ chgA mtg  mtg↛ rd   rd↛  mtgs stat ostat scope cross↛ cross
    city: /*         */ [ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok, bad, ok, ok, bad, bad, bad, ok, ok, ok, ok, late, ok, ok, ok, ok, ok, ok, ok, ok, ok, ok],
    district: /*     */ [ok, ok, ok, no, ok, ok, no, ok, ok, no, no, bad, ok, no, bad, bad, bad, ok, no, ok, no, late, ok, no, ok, no, no, ok, ok, ok, no, ok],
    association: /*  */ [ok, ok, ok, no, ok, ok, no, ok, no, no, no, no, ok, no, bad, bad, bad, ok, no, ok, no, late, no, no, no, no, no, ok, ok, ok, no, no],
    otherAssociation: [ok, ok, no, no, no, no, no, ok, no, no, no, no, no, no, no, no, no, no, no, no, no, no, no, no, no, no, no, ok, ok, ok, no, no],
    analyst: /*      */ [ok, ok, ok, ok, ok, ok, ok, ok, no, no, no, no, no, no, no, no, no, no, no, no, no, no, no, no, ok, ok, ok, ok, ok, ok, ok, ok],
    person: /*       */ [ok, ok, ok, no, no, no, no, no, no, no, no, no, no, no, no, no, no, no, no, no, no, no, no, no, no, no, no, no, no, ok, no, no],
  };
  const names = Object.keys(operations);
  const cases = CALLERS.flatMap((caller) => {
    expect(table[caller]).toHaveLength(names.length);
    return names.map((op, i) => [caller, op, table[caller][i]!] as const);
  });

  it.each(cases)('%s: %s → %s', async (caller, name, outcome) => {
    const op = operations[name]!;
    const target = op.prepare ? await op.prepare() : undefined;
    const before = target ? await snapshot(target) : undefined;
    const auditBefore = op.action ? await auditOf(op.action) : [];

    const res = await op.run(headers[caller], target);

    if (outcome === 'ok') {
      expectData(res);
      expect(op.pick(res.data)).not.toBeNull();
    } else {
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual([outcome]);
      expect(op.pick(res.data)).toBeNull();
      if (outcome === 'FORBIDDEN') expect(res.errors![0]!.message).not.toMatch(/not allowed to do this/); // says who and what
    }
    if (!op.action || !target) return;

    // Nothing written unless allowed; exactly one audit event of this action, with the outcome.
    const after = await snapshot(target);
    if (outcome !== 'ok') expect(after).toEqual(before);
    else if (target.kind === 'membership')
      expect(after).toEqual({ version: 2, active: false }); // ended, or ended by a change of role
    else expect(after).toBe((before as number) + 1);
    const auditAfter = await auditOf(op.action);
    const expected = { SUCCEEDED: 0, REFUSED: 0, FAILED: 0 };
    expected[outcome === 'ok' ? 'SUCCEEDED' : outcome === 'FORBIDDEN' ? 'REFUSED' : 'FAILED'] = 1;
    const delta = byOutcome(auditAfter);
    const was = byOutcome(auditBefore);
    expect({ SUCCEEDED: delta.SUCCEEDED - was.SUCCEEDED, REFUSED: delta.REFUSED - was.REFUSED, FAILED: delta.FAILED - was.FAILED }).toEqual(expected);
    const event = auditAfter[0]!;
    expect(event).toMatchObject({ action: op.action, role: caller === 'otherAssociation' ? 'ASSOCIATION_ADMIN' : roleOf(caller), subgraph: 'organizations' });
    if (outcome !== 'ok') expect(event.detail).toBe(auditDetailOf(res.errors![0]!));
    if (target.kind === 'membership') expect(event.entityId).toBe(target.id);
    else if (outcome === 'ok') expect(event.entityId).toBe(Object.values(res.data!)[0][{ organizations: 'organization', members: 'membership', meetings: 'meeting' }[target.kind]].id);
    else expect(event.entityId).toBeNull();
  });

  function roleOf(caller: Caller): string {
    return { city: 'CITY_ADMIN', district: 'DISTRICT_ADMIN', association: 'ASSOCIATION_ADMIN', otherAssociation: 'ASSOCIATION_ADMIN', analyst: 'ANALYST', person: 'PERSON' }[caller];
  }

  // organizationScopes of [ownOrg, siblingOrg, otherOrg, cityOrg]: which each caller may manage
  // (name as an activity's organizer). Every role may ask (profiles are public).
  const manageable: Record<Caller, [boolean, boolean, boolean, boolean]> = {
    city: [true, true, true, true],
    district: [true, true, false, false],
    association: [true, false, false, false],
    otherAssociation: [false, true, false, false],
    analyst: [false, false, false, false],
    person: [false, false, false, false],
  };
  it.each(Object.entries(manageable))('%s: organizationScopes says which organizations exist, where they are held, and %j which the caller may manage, in one statement', async (caller, expected) => {
    const ids = [ownOrg, siblingOrg, otherOrg, cityOrg];
    const unknown = randomIds.next();
    const { result, statements } = await sg.statements(() => sg.request(ORGANIZATION_SCOPES, { ids: [unknown, ...ids, ownOrg.toUpperCase()] }, headers[caller as Caller]));
    expect(statements).toBe(1);
    expect(expectData(result).organizationScopes).toEqual([
      { id: ownOrg, districtCode: OWN, level: 'DISTRICT', manageable: expected[0] },
      { id: siblingOrg, districtCode: OWN, level: 'DISTRICT', manageable: expected[1] },
      { id: otherOrg, districtCode: OTHER, level: 'DISTRICT', manageable: expected[2] },
      { id: cityOrg, districtCode: '330300', level: 'CITY', manageable: expected[3] },
    ]);
  });

  it('refuses organizationScopes with BAD_USER_INPUT for malformed or too many ids, and answers nothing for none', async () => {
    const fields = async (ids: string[]) =>
      (await sg.request(ORGANIZATION_SCOPES, { ids })).errors?.map((e) => [e.extensions?.code, (e.extensions?.fields as Array<{ field: string }>).map((f) => f.field)]);
    expect(await fields([ownOrg, 'x'])).toEqual([['BAD_USER_INPUT', ['ids[1]']]]);
    expect(await fields(Array.from({ length: 1001 }, () => randomIds.next()))).toEqual([['BAD_USER_INPUT', ['ids']]]);
    expect(expectData(await sg.request(ORGANIZATION_SCOPES, { ids: [] })).organizationScopes).toEqual([]);
  });

  it('lists in crossDistrictMembers exactly the memberships that membership(id) lets each district administrator read', async () => {
    const districtOf = { own: headers.district, other: { authorization: `Bearer ${await tokenFor({ role: Role.DISTRICT_ADMIN, district: OTHER })}` } };
    let refusedRows = 0;
    let listedRows = 0;
    for (const [a, b] of [
      [OWN, OTHER],
      [OTHER, OWN],
      [OWN, OWN],
      [OTHER, OTHER],
    ] as const) {
      const all: string[] = expectData(await sg.request(CROSS_MEMBERS, { a, b })).crossDistrictMembers.edges.map((e: any) => e.node.id);
      expect(all.length).toBeGreaterThan(0);
      for (const h of Object.values(districtOf)) {
        const listed = await sg.request(CROSS_MEMBERS, { a, b }, h);
        const reads = await Promise.all(all.map(async (id) => (await sg.request(MEMBERSHIP, { id }, h)).errors?.[0]?.extensions?.code ?? 'ok'));
        if (listed.errors) {
          // Refused as a whole: membership(id) refuses every one of its rows.
          expect(listed.errors.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
          expect(reads).toEqual(all.map(() => 'FORBIDDEN'));
          refusedRows += all.length;
        } else {
          // Listed: every row, each one membership(id) returns.
          expect(listed.data!.crossDistrictMembers.edges.map((e: any) => e.node.id)).toEqual(all);
          expect(reads).toEqual(all.map(() => 'ok'));
          listedRows += all.length;
        }
      }
    }
    expect(refusedRows).toBeGreaterThan(0);
    expect(listedRows).toBeGreaterThan(0);
    const refusal = await sg.request(CROSS_MEMBERS, { a: OWN, b: OTHER }, headers.district);
    expect(refusal.errors![0]!.message).toBe('A district administrator of 鹿城区 (330302) cannot read memberships of 龙湾区 (330303).');
  });

  it('refuses an analyst and a person a new organization before looking at the input', async () => {
    for (const caller of ['analyst', 'person', 'association'] as const) {
      const res = await sg.request(CREATE_ORG, { input: { name: '', kind: 'INDUSTRY_ASSOCIATION', level: 'CITY', districtCode: '999999', parentId: randomIds.next() } }, headers[caller]);
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      expect(res.errors![0]!.message).toMatch(/cannot set up or change organizations\.$/);
    }
  });

  it('tells a district administrator why an organization or a membership elsewhere is refused', async () => {
    const other = await sg.request(CREATE_ORG, { input: orgInput(OTHER) }, headers.district);
    expect(other.errors![0]!.message).toBe('A district administrator of 鹿城区 (330302) cannot set up or change organizations of 龙湾区 (330303).');
    const city = await sg.request(CREATE_ORG, { input: orgInput('330300', 'CITY') }, headers.district);
    expect(city.errors![0]!.message).toBe('A district administrator of 鹿城区 (330302) cannot set up or change city-level organizations.');
    const add = await sg.request(ADD, { input: { personId: randomIds.next(), organizationId: otherOrg, role: 'MEMBER' } }, headers.district);
    expect(add.errors![0]!.message).toBe('A district administrator of 鹿城区 (330302) cannot change memberships of 龙湾区 (330303).');
    const members = await sg.request(MEMBERS, { id: otherOrg }, headers.district);
    expect(members.errors![0]!.message).toBe('A district administrator of 鹿城区 (330302) cannot read the members of organizations of 龙湾区 (330303).');
    expect(members.errors![0]!.path).toEqual(['organization', 'members']);
    expect(members.data!.organization).toEqual({ id: otherOrg, members: null });
  });

  const membershipEntities: Record<Caller, [Outcome, Outcome]> = {
    city: [ok, ok],
    district: [ok, no],
    association: [ok, no],
    otherAssociation: [no, no],
    analyst: [ok, ok],
    person: [ok, no],
  };
  it.each(Object.entries(membershipEntities))('%s: _entities of a membership of ownOrg (P) and one of another district (Q) → %j, in one statement', async (caller, outcomes) => {
    const ids = [mOwn, mOther];
    const { result, statements } = await sg.statements(() => sg.request(MEMBERSHIP_ENTITIES, { r: ids.map((id) => ({ __typename: 'Membership', id })) }, headers[caller as Caller]));
    expect(statements).toBe(1);
    expectEntityOutcomes(result, outcomes, (i) => ({ id: ids[i], person: { id: i === 0 ? P : Q } }));
  });

  const meetingEntities: Record<Caller, [Outcome, Outcome]> = {
    city: [ok, ok],
    district: [ok, no],
    association: [no, no],
    otherAssociation: [no, no],
    analyst: [ok, ok],
    person: [no, no],
  };
  it.each(Object.entries(meetingEntities))('%s: _entities of a meeting of own district and one of another district → %j, in one statement', async (caller, outcomes) => {
    const ids = [ownMeeting, otherMeeting];
    const { result, statements } = await sg.statements(() => sg.request(MEETING_ENTITIES, { r: ids.map((id) => ({ __typename: 'Meeting', id })) }, headers[caller as Caller]));
    expect(statements).toBe(1);
    expectEntityOutcomes(result, outcomes, (i) => ({ id: ids[i], topic: '年度工作部署' }));
  });

  it('tells a district administrator and an association administrator why meetings are refused', async () => {
    const other = await sg.request(CREATE_MEETING, { input: meetingInput(otherJoint, otherUnit) }, headers.district);
    expect(other.errors![0]!.message).toBe('A district administrator of 鹿城区 (330302) cannot record meetings of bodies of 龙湾区 (330303).');
    const association = await sg.request(CREATE_MEETING, { input: { ...meetingInput(ownJoint, ownUnit), topic: '' } }, headers.association);
    expect(association.errors![0]!.message).toBe('An association administrator cannot change meetings.');
    // Refused before the input is looked at: a malformed body and no units are not reported.
    const analyst = await sg.request(CREATE_MEETING, { input: { bodyId: 'x', heldOn: '2999-01-01', topic: '', attendingUnitIds: [] } }, headers.analyst);
    expect(analyst.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(analyst.errors![0]!.message).toBe('An analyst can read meetings but cannot change them.');
  });

  // Organizations resolve for everyone; members per organization as the scope says; memberCount for all but a person.
  const organizationEntities: Record<Caller, { members: [boolean, boolean, boolean]; count: boolean }> = {
    city: { members: [true, true, true], count: true },
    district: { members: [true, true, false], count: true },
    association: { members: [true, false, false], count: true },
    otherAssociation: { members: [false, true, false], count: true },
    analyst: { members: [true, true, true], count: true },
    person: { members: [false, false, false], count: false },
  };
  it.each(Object.entries(organizationEntities))('%s: _entities of three organizations resolve, members and memberCount as allowed, counts batched', async (caller, expected) => {
    const ids = [ownOrg, siblingOrg, otherOrg];
    const { result, statements } = await sg.statements(() => sg.request(ORGANIZATION_ENTITIES, { r: ids.map((id) => ({ __typename: 'Organization', id })) }, headers[caller as Caller]));
    const allowedMembers = expected.members.some(Boolean);
    // The organizations; the running counts of all three (memberCount); for the members allowed,
    // their all-time counts (totalCount), and no page, since only the count is asked for.
    expect(statements).toBe(1 + (expected.count ? 1 : 0) + (allowedMembers ? 1 : 0));
    const entities = result.data!._entities;
    ids.forEach((id, i) => {
      expect(entities[i]).toMatchObject({ id });
      const errors = (result.errors ?? []).filter((e) => e.path?.[0] === '_entities' && e.path?.[1] === i);
      const codes = errors.map((e) => `${e.path![2]}:${e.extensions?.code}`).sort();
      const want = [...(expected.count ? [] : ['memberCount:FORBIDDEN']), ...(expected.members[i] ? [] : ['members:FORBIDDEN'])].sort();
      expect(codes).toEqual(want);
      // Exact for those who may read the organization's memberships; for the others suppressed
      // (null, no error) under the minimum group of 5, else rounded to a multiple of it (stats-disclosure.test.ts).
      const count = entities[i].memberCount;
      if (expected.count && expected.members[i] && caller !== 'analyst') expect(count).toEqual(expect.any(Number));
      else if (expected.count) expect(count === null || (count >= 5 && count % 5 === 0)).toBe(true);
      else expect(count).toBeNull();
      if (expected.members[i]) expect(entities[i].members.totalCount).toBeGreaterThanOrEqual(1);
      else expect(entities[i].members).toBeNull();
    });
  });

  it('counts members with memberCount as members.totalCount does', async () => {
    const org = await createdOrg(orgInput(OWN));
    await added(newPerson(), org);
    const running = await added(newPerson(), org);
    const ended = await added(newPerson(), org);
    expectData(await sg.request(END, { input: { id: ended, expectedVersion: 1 } }));
    expect(running).toBeTruthy();
    expect(expectData(await sg.request(MEMBER_COUNT, { id: org }, headers.city)).organization).toEqual({ id: org, memberCount: 2, all: 3 });
    expect(expectData(await sg.request(MEMBER_COUNT, { id: org }, headers.district)).organization).toEqual({ id: org, memberCount: 2, all: 3 });
    // Under the minimum group for those who may not read the memberships (stats-disclosure.test.ts).
    expect(expectData(await sg.request(MEMBER_COUNT, { id: org }, headers.analyst)).organization).toEqual({ id: org, memberCount: null, all: null });
    expect(expectData(await sg.request(MEMBER_COUNT, { id: org }, headers.otherAssociation)).organization).toEqual({ id: org, memberCount: null, all: null });
  });

  // Person.memberships: only those inside the caller's read scope, no error.
  const personMemberships: Record<Caller, () => [string[], string[]]> = {
    city: () => [
      [mOwn, mPSibling, mPOther],
      [mOther, mQOwn],
    ],
    district: () => [[mOwn, mPSibling], [mQOwn]],
    association: () => [[mOwn], [mQOwn]],
    otherAssociation: () => [[mPSibling], []],
    analyst: () => [
      [mOwn, mPSibling, mPOther],
      [mOther, mQOwn],
    ],
    person: () => [[mOwn, mPSibling, mPOther], []],
  };
  it.each(Object.keys(personMemberships))('%s: Person.memberships of P and Q shows only the memberships in scope, in one statement', async (caller) => {
    const { result, statements } = await sg.statements(() => sg.request(PERSON_MEMBERSHIPS, { r: [P, Q].map((id) => ({ __typename: 'Person', id })) }, headers[caller as Caller]));
    const [forP, forQ] = personMemberships[caller as Caller]();
    expect(expectData(result)._entities).toEqual([
      { id: P, memberships: forP!.map((id) => ({ id })) },
      { id: Q, memberships: forQ!.map((id) => ({ id })) },
    ]);
    expect(statements).toBe(1);
  });

  it('filters Person.memberships reached through another path (membership → person → memberships)', async () => {
    const query = `query($id: ID!) { membership(id: $id) { id person { id memberships { id } } } }`;
    expect(expectData(await sg.request(query, { id: mQOwn }, headers.association)).membership).toEqual({ id: mQOwn, person: { id: Q, memberships: [{ id: mQOwn }] } });
    expect(expectData(await sg.request(query, { id: mOwn }, headers.district)).membership.person.memberships).toEqual([{ id: mOwn }, { id: mPSibling }]);
  });

  it('refuses the audit log to everyone but a city administrator', async () => {
    expect(expectData(await sg.request(AUDIT, {}, headers.city)).organizationsAuditEvents.events.length).toBeGreaterThan(0);
    for (const caller of CALLERS.filter((c) => c !== 'city')) {
      const res = await sg.request(AUDIT, {}, headers[caller]);
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      expect(res.data?.organizationsAuditEvents ?? null).toBeNull();
    }
  });

  describe('bulk methods (demo data)', () => {
    const contextOf = (viewer: Partial<Viewer>): RequestContext<unknown> =>
      new RequestContext({
        requestId: `test-${randomIds.next()}`,
        viewer: { subject: 'test-bulk', system: false, role: null, districtCode: null, organizationId: null, personId: null, ...viewer },
        log: createLogger('test', 'silent'),
        createLoaders: () => {
          throw new Error('no loaders');
        },
      });
    const system = () => contextOf({ subject: 'system', system: true });

    it('record one event per call, with the number of records', async () => {
      const before = byOutcome(await auditOf('createMany'));
      const orgs = await sg.running.services.organizations.createMany(system(), [orgInput(OWN), orgInput(OTHER)] as OrganizationDraft[]);
      const created = await auditOf('createMany');
      expect(byOutcome(created).SUCCEEDED).toBe(before.SUCCEEDED + 1);
      expect(created[0]).toMatchObject({ outcome: 'SUCCEEDED', role: 'SYSTEM', entityType: 'Organization', entityId: null, detail: '2 records' });

      await sg.running.services.memberships.addMany(system(), [
        { personId: newPerson(), organizationId: orgs[0], role: 'MEMBER' },
        { personId: newPerson(), organizationId: orgs[1], role: 'MEMBER' },
        { personId: newPerson(), organizationId: orgs[1], role: 'DIRECTOR' },
      ]);
      expect((await auditOf('addMany'))[0]).toMatchObject({ outcome: 'SUCCEEDED', role: 'SYSTEM', entityType: 'Membership', entityId: null, detail: '3 records' });
    });

    it('apply the rules of createOrganization and addMembership row by row', async () => {
      const district = contextOf({ role: Role.DISTRICT_ADMIN, districtCode: OWN });
      const orgsBefore = await organizationCount();
      await expect(sg.running.services.organizations.createMany(district, [orgInput(OWN), orgInput(OTHER)] as OrganizationDraft[])).rejects.toMatchObject({
        extensions: { code: 'FORBIDDEN' },
        message: 'rows[1]: A district administrator of 鹿城区 (330302) cannot set up or change organizations of 龙湾区 (330303).',
      });
      expect(await organizationCount()).toBe(orgsBefore);
      expect((await auditOf('createMany'))[0]).toMatchObject({ outcome: 'REFUSED', role: 'DISTRICT_ADMIN', detail: expect.stringMatching(/^FORBIDDEN: rows\[1\]/) });
      const [mine] = await sg.running.services.organizations.createMany(district, [orgInput(OWN)] as OrganizationDraft[]);
      expect(await organizationCount()).toBe(orgsBefore + 1);

      const association = contextOf({ role: Role.ASSOCIATION_ADMIN, organizationId: ownOrg });
      const before = [await memberTotal(ownOrg), await memberTotal(mine!)];
      await expect(
        sg.running.services.memberships.addMany(association, [
          { personId: newPerson(), organizationId: ownOrg, role: 'MEMBER' },
          { personId: newPerson(), organizationId: mine, role: 'MEMBER' },
        ]),
      ).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: 'rows[1]: An association administrator can change memberships of their own organization only.' });
      expect([await memberTotal(ownOrg), await memberTotal(mine!)]).toEqual(before);
      expect((await auditOf('addMany'))[0]).toMatchObject({ outcome: 'REFUSED', role: 'ASSOCIATION_ADMIN' });

      const analyst = contextOf({ role: Role.ANALYST });
      await expect(sg.running.services.memberships.addMany(analyst, [{ personId: 'x' }])).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
      await expect(sg.running.services.organizations.createMany(analyst, [{ name: 'x' }])).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    });
  });
});

/** The audit detail of a refused or failed request: its code and message, or for a bad input the fields it named (never what was sent). */
function auditDetailOf(error: { message: string; extensions?: Record<string, any> }): string {
  const code = error.extensions?.code as string;
  if (code !== 'BAD_USER_INPUT') return `${code}: ${error.message}`;
  const fields = [...new Set(((error.extensions?.fields ?? []) as { field: string }[]).map((f) => f.field))];
  return `BAD_USER_INPUT: invalid ${fields.length ? fields.join(', ') : 'the input'}`;
}
