import { makeIdNumber, Role } from '@tongxin/common';
import { tokenFor } from './harness/auth';
import { expectData, GraphQLResponse } from './harness/graphql-client';
import { startTestPlatform, TestPlatform } from './harness/platform';

/**
 * Who may see and change what, through the gateway as users meet it (issue 3, docs/SECURITY.md):
 * every role against every mutation of the four subgraphs and the sensitive queries. An allowed
 * operation succeeds and leaves one SUCCEEDED audit event; a refused one is FORBIDDEN, changes
 * nothing, and leaves one REFUSED audit event. Each subgraph's own `roles.test.ts` covers its
 * operations in more detail; this table checks the platform as one.
 */

const OWN = '330302'; // 鹿城区: the district administrator's district
const OTHER = '330303'; // 龙湾区

type Caller = 'city' | 'district' | 'association' | 'analyst' | 'person';
const ok = 'ok' as const;
const no = 'FORBIDDEN' as const;
type Outcome = typeof ok | typeof no;

const SCORES = [
  { dimension: 'POLITICAL_QUALITY', score: 80 },
  { dimension: 'SOCIAL_CONTRIBUTION', score: 82 },
  { dimension: 'PARTICIPATION_ABILITY', score: 78 },
  { dimension: 'STRATUM_INFLUENCE', score: 85 },
];

let seq = 0;
const form = (districtCode: string) => {
  seq += 1;
  return {
    name: '林晓',
    idNumber: makeIdNumber(districtCode, '1982-06-07', 500 + seq * 2),
    mobile: '13912345678',
    politicalAffiliation: 'NON_PARTY',
    category: 'INTERMEDIARY',
    profession: 'LAWYER',
    districtCode,
  };
};

const Q = {
  register: `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id } } }`,
  update: `mutation($input: UpdatePersonInput!) { updatePerson(input: $input) { person { id } } }`,
  archive: `mutation($input: ArchivePersonInput!) { archivePerson(input: $input) { person { id } } }`,
  createOrganization: `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { id } } }`,
  addMembership: `mutation($input: AddMembershipInput!) { addMembership(input: $input) { membership { id version } } }`,
  endMembership: `mutation($input: EndMembershipInput!) { endMembership(input: $input) { membership { id } } }`,
  createActivity: `mutation($input: CreateActivityInput!) { createActivity(input: $input) { activity { id } } }`,
  recordParticipation: `mutation($input: RecordParticipationInput!) { recordParticipation(input: $input) { participation { id } } }`,
  recordEvaluation: `mutation($input: RecordEvaluationInput!) { recordEvaluation(input: $input) { evaluation { id } } }`,
  audit: `query($f: AuditEventFilter, $first: Int, $after: String) {
    auditEvents(filter: $f, first: $first, after: $after) {
      edges { cursor node { id subgraph action outcome entityId subject role detail } }
      pageInfo { hasNextPage endCursor }
    }
  }`,
};

interface World {
  own: { id: string; idNumber: string };
  other: { id: string; idNumber: string };
  orgOwn: string;
  orgOther: string;
  actOwn: string;
}

describe('who may see and change what, through the gateway', () => {
  let p: TestPlatform;
  let w: World;
  const headers = {} as Record<Caller, Record<string, string>>;
  const as = (caller: Caller, query: string, variables: Record<string, unknown> = {}) => p.request(query, variables, headers[caller]);
  const city = async (query: string, variables: Record<string, unknown>) => expectData(await p.request(query, variables));

  const newPerson = async (districtCode: string) => {
    const input = form(districtCode);
    return { id: (await city(Q.register, { input })).registerPerson.person.id as string, idNumber: input.idNumber };
  };
  const newMembership = async () =>
    (await city(Q.addMembership, { input: { personId: (await newPerson(OWN)).id, organizationId: w.orgOwn, role: 'MEMBER', startDate: '2024-01-01' } })).addMembership.membership as {
      id: string;
      version: number;
    };
  /** Audit events of an action and outcome across the four subgraphs, as a city administrator reads them. */
  const audited = async (action: string, outcome: string): Promise<number> => (await city(Q.audit, { f: { action, outcome }, first: 1000 })).auditEvents.edges.length;

  beforeAll(async () => {
    p = await startTestPlatform();
    const own = await newPerson(OWN);
    const other = await newPerson(OTHER);
    const org = async (districtCode: string) =>
      (await city(Q.createOrganization, { input: { name: `${districtCode}新的社会阶层人士联谊会`, kind: 'FRIENDSHIP_ASSOCIATION', level: 'DISTRICT', districtCode } })).createOrganization.organization
        .id as string;
    const orgOwn = await org(OWN);
    const orgOther = await org(OTHER);
    await city(Q.addMembership, { input: { personId: own.id, organizationId: orgOwn, role: 'MEMBER', startDate: '2024-01-01' } });
    await city(Q.addMembership, { input: { personId: other.id, organizationId: orgOther, role: 'MEMBER', startDate: '2024-01-01' } });
    const actOwn = (await city(Q.createActivity, { input: { title: '年度学习培训', kind: 'STUDY_TRAINING', districtCode: OWN, organizerId: orgOwn, startsAt: '2026-03-01T01:00:00Z' } })).createActivity
      .activity.id as string;
    await city(Q.recordParticipation, { input: { activityId: actOwn, personId: own.id, attendance: 'ATTENDED', hours: 2 } });
    await city(Q.recordEvaluation, { input: { personId: own.id, year: 2025, evaluator: '鹿城区委统战部', districtCode: OWN, scores: SCORES } });
    w = { own, other, orgOwn, orgOther, actOwn };
    const bearer = async (claims: Parameters<typeof tokenFor>[0]) => ({ authorization: `Bearer ${await tokenFor(claims)}` });
    headers.city = await bearer({ role: Role.CITY_ADMIN });
    headers.district = await bearer({ role: Role.DISTRICT_ADMIN, district: OWN });
    headers.association = await bearer({ role: Role.ASSOCIATION_ADMIN, org: orgOwn });
    headers.analyst = await bearer({ role: Role.ANALYST });
    headers.person = await bearer({ role: Role.PERSON, person: own.id });
  });
  afterAll(async () => {
    await p?.stop();
  });

  /** Each mutation, aimed at the district administrator's district and the association's organization. */
  const mutations: Record<string, (caller: Caller) => Promise<GraphQLResponse>> = {
    registerPerson: (c) => as(c, Q.register, { input: form(OWN) }),
    updatePerson: async (c) => as(c, Q.update, { input: { id: (await newPerson(OWN)).id, expectedVersion: 1, employer: '温州律师事务所' } }),
    archivePerson: async (c) => as(c, Q.archive, { input: { id: (await newPerson(OWN)).id, expectedVersion: 1 } }),
    createOrganization: (c) => as(c, Q.createOrganization, { input: { name: '五马街道统战工作领导小组', kind: 'STREET_LEADING_GROUP', level: 'STREET', districtCode: OWN, streetCode: '330302006' } }),
    addMembership: async (c) => as(c, Q.addMembership, { input: { personId: (await newPerson(OWN)).id, organizationId: w.orgOwn, role: 'MEMBER', startDate: '2024-01-01' } }),
    endMembership: async (c) => {
      const m = await newMembership();
      return as(c, Q.endMembership, { input: { id: m.id, expectedVersion: m.version, endDate: '2025-01-01' } });
    },
    createActivity: (c) => as(c, Q.createActivity, { input: { title: '考察调研', kind: 'INSPECTION_RESEARCH', districtCode: OWN, organizerId: w.orgOwn, startsAt: '2026-05-01T01:00:00Z' } }),
    recordParticipation: async (c) => as(c, Q.recordParticipation, { input: { activityId: w.actOwn, personId: (await newPerson(OWN)).id, attendance: 'ATTENDED', hours: 1 } }),
    recordEvaluation: async (c) => as(c, Q.recordEvaluation, { input: { personId: (await newPerson(OWN)).id, year: 2025, evaluator: '鹿城区委统战部', districtCode: OWN, scores: SCORES } }),
  };

  // Columns follow `mutations`, in order.
  const mutationTable: Record<Caller, Outcome[]> = {
    //                 reg upd arch org addM endM act part eval
    city: /*       */ [ok, ok, ok, ok, ok, ok, ok, ok, ok],
    district: /*   */ [ok, ok, ok, ok, ok, ok, ok, ok, ok],
    association: /**/ [no, no, no, no, ok, ok, ok, ok, no],
    analyst: /*    */ [no, no, no, no, no, no, no, no, no],
    person: /*     */ [no, no, no, no, no, no, no, no, no],
  };
  const mutationCases = (Object.keys(mutationTable) as Caller[]).flatMap((caller) => {
    const names = Object.keys(mutations);
    expect(mutationTable[caller]).toHaveLength(names.length);
    return names.map((action, i) => [caller, action, mutationTable[caller][i]!] as const);
  });

  it.each(mutationCases)('%s: %s → %s, audited', async (caller, action, outcome) => {
    const before = { ok: await audited(action, 'SUCCEEDED'), refused: await audited(action, 'REFUSED') };
    const res = await mutations[action]!(caller);
    // A case's setup (a person or membership the city administrator makes) is audited under another action.
    const after = { ok: await audited(action, 'SUCCEEDED'), refused: await audited(action, 'REFUSED') };
    if (outcome === 'ok') {
      expectData(res);
      expect(after).toEqual({ ok: before.ok + 1, refused: before.refused });
    } else {
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      expect(res.data?.[action] ?? null).toBeNull();
      expect(after).toEqual({ ok: before.ok, refused: before.refused + 1 });
      const [latest] = (await city(Q.audit, { f: { action, outcome: 'REFUSED' }, first: 1 })).auditEvents.edges;
      expect(latest.node).toMatchObject({
        outcome: 'REFUSED',
        role: Role[caller === 'city' ? 'CITY_ADMIN' : caller === 'district' ? 'DISTRICT_ADMIN' : caller === 'association' ? 'ASSOCIATION_ADMIN' : caller === 'analyst' ? 'ANALYST' : 'PERSON'],
      });
      expect(latest.node.detail).toMatch(/^FORBIDDEN: /);
    }
  });

  /** The sensitive queries: personal records across subgraphs, full numbers, the audit log. */
  const queries: Record<string, (caller: Caller) => Promise<GraphQLResponse>> = {
    'a member of the association (own district)': (c) => as(c, `query($id: ID!) { person(id: $id) { name idNumber } }`, { id: w.own.id }),
    'a person of another district': (c) => as(c, `query($id: ID!) { person(id: $id) { name } }`, { id: w.other.id }),
    'the full ID number of the member': (c) => as(c, `query($id: ID!) { person(id: $id) { idNumberFull } }`, { id: w.own.id }),
    'the register as a list': (c) => as(c, `{ persons(first: 5) { edges { node { id } } } }`),
    "the association's members": (c) => as(c, `query($id: ID!) { organization(id: $id) { members { edges { node { person { id } } } } } }`, { id: w.orgOwn }),
    "another district's organization's members": (c) => as(c, `query($id: ID!) { organization(id: $id) { members { edges { node { id } } } } }`, { id: w.orgOther }),
    "the association's activity's participations": (c) => as(c, `query($id: ID!) { activity(id: $id) { participations { edges { node { id } } } } }`, { id: w.actOwn }),
    evaluations: (c) => as(c, `{ evaluations(first: 5) { edges { node { id } } } }`),
    'the audit log': (c) => as(c, Q.audit, { first: 1 }),
  };
  const queryTable: Record<Caller, Outcome[]> = {
    //                 member other full  list  mem  mem↛ part eval audit
    city: /*       */ [ok, ok, ok, ok, ok, ok, ok, ok, ok],
    district: /*   */ [ok, no, ok, ok, ok, no, ok, ok, no],
    association: /**/ [ok, no, no, no, ok, no, ok, no, no],
    analyst: /*    */ [ok, ok, no, ok, ok, ok, ok, ok, no],
    person: /*     */ [ok, no, ok, no, no, no, no, no, no],
  };
  const queryCases = (Object.keys(queryTable) as Caller[]).flatMap((caller) => {
    const names = Object.keys(queries);
    expect(queryTable[caller]).toHaveLength(names.length);
    return names.map((name, i) => [caller, name, queryTable[caller][i]!] as const);
  });

  it.each(queryCases)('%s: %s → %s', async (caller, name, outcome) => {
    const res = await queries[name]!(caller);
    if (outcome === 'ok') {
      expectData(res);
      return;
    }
    expect(res.errors?.length).toBeGreaterThan(0);
    expect(res.errors!.map((e) => e.extensions?.code)).toEqual(res.errors!.map(() => 'FORBIDDEN'));
  });

  it('shows every role the ID number masked, and the full number only to those who may see it', async () => {
    const masked = `${w.own.idNumber.slice(0, 2)}${'*'.repeat(16)}`;
    for (const caller of ['city', 'district', 'association', 'analyst', 'person'] as const) {
      const person = expectData(await as(caller, `query($id: ID!) { person(id: $id) { idNumber mobile } }`, { id: w.own.id })).person;
      expect(person).toEqual({ idNumber: masked, mobile: '139******78' });
    }
    for (const caller of ['city', 'district', 'person'] as const) {
      expect(expectData(await as(caller, `query($id: ID!) { person(id: $id) { idNumberFull } }`, { id: w.own.id })).person.idNumberFull).toBe(w.own.idNumber);
    }
  });

  it("limits what a district administrator sees of a person's memberships across subgraphs to their district", async () => {
    await city(Q.addMembership, { input: { personId: w.own.id, organizationId: w.orgOther, role: 'MEMBER', startDate: '2024-02-01' } });
    const query = `query($id: ID!) { person(id: $id) { memberships { organization { id } } } }`;
    const all = expectData(await as('city', query, { id: w.own.id })).person.memberships.map((m: any) => m.organization.id);
    const district = expectData(await as('district', query, { id: w.own.id })).person.memberships.map((m: any) => m.organization.id);
    expect(all.sort()).toEqual([w.orgOwn, w.orgOther].sort());
    expect(district).toEqual([w.orgOwn]);
  });

  it('keeps the internal fields out of the public API', async () => {
    for (const query of [
      `mutation { applyMembershipChanges(changes: []) }`,
      `{ organizationsAuditEvents(first: 1) { hasMore } }`,
      `{ activitiesAuditEvents(first: 1) { hasMore } }`,
      `{ evaluationAuditEvents(first: 1) { hasMore } }`,
      `query($o: ID!) { organizationScopes(ids: [$o]) { id manageable } }`,
    ]) {
      const res = await p.request(query, { o: w.orgOwn });
      expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    }
  });

  describe('organizers, districts, cross-district lists and feedback handling (issue 14)', () => {
    const UPDATE_ACTIVITY = `mutation($input: UpdateActivityInput!) { updateActivity(input: $input) { activity { id organizer { id } } } }`;
    const PARTICIPATIONS = `query($id: ID!) { activity(id: $id) { id participations { totalCount edges { node { id } } } } }`;
    const ACTIVITY_ROW = `query($id: ID!) { activity(id: $id) { version district { code } organizer { id } } }`;
    const activityInput = (districtCode: string, organizerId: string) => ({ title: '联谊交流会', kind: 'CULTURE_SPORTS', districtCode, organizerId, startsAt: '2026-06-01T01:00:00Z' });
    /** A fresh activity of own district organized by own district's association, with one participation. */
    const newActivity = async (): Promise<string> => {
      const id = (await city(Q.createActivity, { input: activityInput(OWN, w.orgOwn) })).createActivity.activity.id as string;
      await city(Q.recordParticipation, { input: { activityId: id, personId: w.own.id, attendance: 'ATTENDED', hours: 2 } });
      return id;
    };
    const roleOf: Record<Caller, string> = { city: 'CITY_ADMIN', district: 'DISTRICT_ADMIN', association: 'ASSOCIATION_ADMIN', analyst: 'ANALYST', person: 'PERSON' };
    const code = (res: GraphQLResponse): string => res.errors?.[0]?.extensions?.code ?? 'ok';

    // Each asked of the organizations subgraph through its internal organizationScopes, with the caller's token.
    const cases: Record<string, { action: string; run: (c: Caller) => Promise<GraphQLResponse>; outcomes: Record<Caller, string> }> = {
      "changing an activity's organizer to another district's association": {
        action: 'updateActivity',
        run: async (c) => as(c, UPDATE_ACTIVITY, { input: { id: await newActivity(), expectedVersion: 1, organizerId: w.orgOther } }),
        outcomes: { city: ok, district: no, association: no, analyst: no, person: no },
      },
      "creating an activity of own district organized by another district's association": {
        action: 'createActivity',
        run: (c) => as(c, Q.createActivity, { input: activityInput(OWN, w.orgOther) }),
        outcomes: { city: ok, district: no, association: no, analyst: no, person: no },
      },
      "creating an activity of the association in another district than the association's": {
        action: 'createActivity',
        run: (c) => as(c, Q.createActivity, { input: activityInput(OTHER, w.orgOwn) }),
        outcomes: { city: ok, district: no, association: no, analyst: no, person: no },
      },
      'creating an activity organized by an organization that does not exist': {
        action: 'createActivity',
        run: (c) => as(c, Q.createActivity, { input: activityInput(OWN, '01900000-0000-7000-8000-00000000dead') }),
        outcomes: { city: 'BAD_USER_INPUT', district: 'BAD_USER_INPUT', association: no, analyst: no, person: no },
      },
    };
    const table = Object.entries(cases).flatMap(([name, c]) => (Object.keys(c.outcomes) as Caller[]).map((caller) => [caller, name, c.outcomes[caller]] as const));

    it.each(table)('%s: %s → %s, audited, nothing written unless allowed', async (caller, name, outcome) => {
      const { action, run } = cases[name]!;
      const before = { ok: await audited(action, 'SUCCEEDED'), refused: await audited(action, 'REFUSED'), failed: await audited(action, 'FAILED') };
      const activities = async () => (await city(`{ activities(first: 1) { totalCount } }`, {})).activities.totalCount as number;
      const count = action === 'createActivity' ? await activities() : null;
      const res = await run(caller);
      expect(code(res)).toBe(outcome);
      const after = { ok: await audited(action, 'SUCCEEDED'), refused: await audited(action, 'REFUSED'), failed: await audited(action, 'FAILED') };
      expect(after).toEqual({
        ok: before.ok + (outcome === ok ? 1 : 0),
        refused: before.refused + (outcome === no ? 1 : 0),
        failed: before.failed + (outcome !== ok && outcome !== no ? 1 : 0),
      });
      if (action === 'createActivity') expect(await activities()).toBe(count! + (outcome === ok ? 1 : 0));
      if (outcome === no) {
        const [latest] = (await city(Q.audit, { f: { action, outcome: 'REFUSED' }, first: 1 })).auditEvents.edges;
        expect(latest.node).toMatchObject({ subgraph: 'activities', role: roleOf[caller], detail: expect.stringMatching(/^FORBIDDEN: /) });
      }
    });

    it("keeps another district's association from the participations of an activity a district administrator tried to hand it", async () => {
      const id = await newActivity();
      const res = await as('district', UPDATE_ACTIVITY, { input: { id, expectedVersion: 1, organizerId: w.orgOther } });
      expect(res.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
        ['FORBIDDEN', 'A district administrator of 鹿城区 (330302) can name only organizations of their own district as organizers.'],
      ]);
      expect((await city(ACTIVITY_ROW, { id })).activity).toEqual({ version: 1, district: { code: OWN }, organizer: { id: w.orgOwn } });
      const otherAssociation = { authorization: `Bearer ${await tokenFor({ role: Role.ASSOCIATION_ADMIN, org: w.orgOther })}` };
      const read = await p.request(PARTICIPATIONS, { id }, otherAssociation);
      expect(read.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      expect(read.data?.activity).toEqual({ id, participations: null });
      // Within their district the district administrator still changes the organizer.
      const ownStreetGroup = (
        await city(Q.createOrganization, {
          input: { name: '五马街道新阶层人士联谊小组', kind: 'FRIENDSHIP_ASSOCIATION', level: 'DISTRICT', districtCode: OWN },
        })
      ).createOrganization.organization.id as string;
      expect(expectData(await as('district', UPDATE_ACTIVITY, { input: { id, expectedVersion: 1, organizerId: ownStreetGroup } })).updateActivity.activity.organizer).toEqual({ id: ownStreetGroup });
    });

    it("lists crossDistrictMembers to a district administrator only for their own district's organizations, as membership(id) reads them", async () => {
      const membership = (await city(Q.addMembership, { input: { personId: (await newPerson(OWN)).id, organizationId: w.orgOther, role: 'MEMBER', startDate: '2024-03-01' } })).addMembership.membership
        .id as string;
      const MEMBERS = `query($a: String!, $b: String!) { crossDistrictMembers(personDistrictCode: $a, organizationDistrictCode: $b, first: 100) { edges { node { id } } } }`;
      expect((await city(MEMBERS, { a: OWN, b: OTHER })).crossDistrictMembers.edges.map((e: any) => e.node.id)).toContain(membership);
      const listed = await as('district', MEMBERS, { a: OWN, b: OTHER });
      const read = await as('district', `query($id: ID!) { membership(id: $id) { id } }`, { id: membership });
      expect(listed.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      expect(read.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      expectData(await as('district', MEMBERS, { a: OTHER, b: OWN }));
    });

    it('shows a person their own feedback with the public steps only, and the handling to the staff', async () => {
      const SUBMIT = `mutation($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { feedback { id } } }`;
      const HANDLE = `mutation($input: HandleFeedbackInput!) { handleFeedback(input: $input) { feedback { version } } }`;
      const READ = `query($id: ID!) { feedback(id: $id) { status department answer steps { edges { node { to at actor actorRole department note } } } } }`;
      const id = expectData(await as('person', SUBMIT, { input: { kind: 'CONSULTATION', title: '政策咨询', content: '想了解人才引进政策。', districtCode: OWN } })).submitFeedback.feedback.id;
      for (const [i, step] of [
        { to: 'ACCEPTED', note: '内部备注' },
        { to: 'FORWARDED', department: '区人力社保局' },
        { to: 'ANSWERED', answer: '已答复政策要点。' },
      ].entries()) {
        expectData(await as('district', HANDLE, { input: { id, expectedVersion: i + 1, ...step } }));
      }
      const staff = expectData(await as('district', READ, { id })).feedback;
      expect(staff.department).toBe('区人力社保局');
      expect(staff.steps.edges.map((e: any) => [e.node.to, e.node.actorRole, e.node.department, e.node.note])).toEqual([
        ['SUBMITTED', 'PERSON', null, null],
        ['ACCEPTED', 'DISTRICT_ADMIN', null, '内部备注'],
        ['FORWARDED', 'DISTRICT_ADMIN', '区人力社保局', null],
        ['ANSWERED', 'DISTRICT_ADMIN', null, null],
      ]);
      const own = expectData(await as('person', READ, { id })).feedback;
      expect(own).toMatchObject({ status: 'ANSWERED', department: null, answer: '已答复政策要点。' });
      expect(own.steps.edges.map((e: any) => e.node)).toEqual(
        ['SUBMITTED', 'ACCEPTED', 'FORWARDED', 'ANSWERED'].map((to) => ({ to, at: expect.any(String), actor: null, actorRole: null, department: null, note: null })),
      );
    });
  });

  it('merges the four audit logs newest first, in pages that neither skip nor repeat an event', async () => {
    const all = (await city(Q.audit, { first: 1000 })).auditEvents;
    const ids: string[] = all.edges.map((e: any) => e.node.id);
    expect(new Set(all.edges.map((e: any) => e.node.subgraph))).toEqual(new Set(['persons', 'organizations', 'activities', 'evaluation']));
    expect([...ids].sort().reverse()).toEqual(ids);
    const paged: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = (await city(Q.audit, { first: 7, after })).auditEvents;
      paged.push(...page.edges.map((e: any) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(paged.slice(0, ids.length)).toEqual(ids);
    const evaluationOnly = (await city(Q.audit, { f: { subgraph: 'evaluation' }, first: 1000 })).auditEvents.edges;
    expect(evaluationOnly.length).toBeGreaterThan(0);
    expect(evaluationOnly.every((e: any) => e.node.subgraph === 'evaluation')).toBe(true);
    const bad = await p.request(Q.audit, { f: { subgraph: 'payroll' }, first: 1 });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.subgraph' });
  });
});
