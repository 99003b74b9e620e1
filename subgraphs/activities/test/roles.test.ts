import { createLogger, IdGenerator, randomIds, RequestContext, Role, systemContext, Viewer } from '@tongxin/common';
import { ActivitiesServices, activitiesSubgraph } from '@tongxin/activities';
import { organizationsSubgraph, OrganizationsServices } from '@tongxin/organizations';
import { tokenFor } from '../../../test/harness/auth';
import { expectData, expectEntityOutcomes, GraphQLResponse } from '../../../test/harness/graphql-client';
import { startTestSubgraph, TestSubgraph } from '../../../test/harness/subgraph';

/**
 * Who may read and change activities and participations (docs/SECURITY.md, "1. Roles in the
 * services"): every role against every operation of the activities subgraph. Activity profiles
 * are public; participations are personal, held by their activity's district and organizer. An
 * allowed mutation leaves one SUCCEEDED audit event; a refused one is FORBIDDEN, writes nothing
 * and leaves exactly one REFUSED event. An activity's organizer is checked with a real
 * organizations subgraph (`organizationScopes`), which holds the organizations named below.
 */

const OWN = '330302'; // 鹿城区: the district administrator's district
const OTHER = '330303'; // 龙湾区: the other district administrator's
const ORG = '01900000-0000-7000-8000-0000000000aa'; // the association administrator's organization, of OWN
const OTHER_ORG = '01900000-0000-7000-8000-0000000000bb'; // the other association administrator's, of OTHER
const CITY_ORG = '01900000-0000-7000-8000-0000000000cc'; // a city-level association (330300)
const UNKNOWN_ORG = '01900000-0000-7000-8000-0000000000dd'; // no organization of the register

/** The organizations subgraph's ids for the organizations created first, then random ones. */
const idsStartingWith = (first: readonly string[]): IdGenerator => {
  const queue = [...first];
  return { next: () => queue.shift() ?? randomIds.next() };
};

const CREATE = `mutation($input: CreateActivityInput!) { createActivity(input: $input) { activity { id } } }`;
const RECORD = `mutation($input: RecordParticipationInput!) { recordParticipation(input: $input) { participation { id } } }`;
const ACTIVITY = `query($id: ID!) { activity(id: $id) { id title district { code } organizer { id } } }`;
const ACTIVITIES = `query { activities(first: 100) { totalCount edges { node { id } } } }`;
const ACTIVITY_ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Activity { id title } } }`;
const ORG_ACTIVITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { id activities(first: 10) { totalCount edges { node { id } } } } } }`;
const PARTICIPATION = `query($id: ID!) { participation(id: $id) { id person { id } activity { id } } }`;
const ACTIVITY_PARTICIPATIONS = `query($id: ID!) { activity(id: $id) { id participations(first: 10) { totalCount edges { node { id } } } } }`;
const PARTICIPANT_COUNT = `query($id: ID!) { activity(id: $id) { id participantCount } }`;
const PERSON_PARTICIPATIONS = `query($r: [_Any!]!, $first: Int, $after: String) {
  _entities(representations: $r) {
    ... on Person { id participations(first: $first, after: $after) { totalCount edges { node { id person { id } activity { id } } } pageInfo { hasNextPage endCursor } } }
  }
}`;
const PARTICIPATION_ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Participation { id person { id } } } }`;
const AUDIT = `query($f: AuditEventFilter, $first: Int!) {
  activitiesAuditEvents(filter: $f, first: $first) { events { id action outcome role viewerScope entityType entityId detail } hasMore }
}`;

type Caller = 'city' | 'district' | 'districtOther' | 'association' | 'associationOther' | 'analyst' | 'person';
/** 'ok', or the code of the one error the operation must end with. */
type Outcome = 'ok' | 'FORBIDDEN' | 'BAD_USER_INPUT' | 'CONFLICT' | 'NOT_FOUND';

interface AuditRow {
  id: string;
  action: string;
  outcome: string;
  role: string | null;
  viewerScope: string | null;
  entityType: string;
  entityId: string | null;
  detail: string | null;
}

interface Operation {
  /** A mutation: its audit action and how to read the id it created from the response. */
  readonly write?: {
    readonly action: string;
    readonly entityType: string;
    readonly createdId: (data: any) => string;
    /** For a change to a record: its id, which the audit event names even when refused. */
    readonly entityId?: () => string;
  };
  /** Makes the records the operation works on (before anything is counted). */
  readonly prepare?: () => Promise<void>;
  /** What must be unchanged after a refusal, besides the row counts. */
  readonly snapshot?: () => Promise<unknown>;
  /** Where a refusal shows: the error's path (default: the root field). */
  readonly refusedAt?: ReadonlyArray<string | number>;
  readonly run: (h: Record<string, string>) => Promise<GraphQLResponse>;
}

const valueAt = (data: any, path: ReadonlyArray<string | number>): unknown => path.reduce((v, k) => (v == null ? v : v[k]), data);

describe('roles in the activities subgraph', () => {
  let sg: TestSubgraph<ActivitiesServices>;
  let orgs: TestSubgraph<OrganizationsServices>;
  const headers = {} as Record<Caller, Record<string, string>>;
  const roleOf: Record<Caller, Role> = {
    city: Role.CITY_ADMIN,
    district: Role.DISTRICT_ADMIN,
    districtOther: Role.DISTRICT_ADMIN,
    association: Role.ASSOCIATION_ADMIN,
    associationOther: Role.ASSOCIATION_ADMIN,
    analyst: Role.ANALYST,
    person: Role.PERSON,
  };
  const personP = randomIds.next(); // the PERSON caller
  const personQ = randomIds.next(); // somebody else
  // a1: own district, own organization; a2: other district, other organization; a3: other
  // district, own organization; a4: own district, other organization; cancelled: like a2.
  let a1: string, a2: string, a3: string, a4: string, cancelled: string;
  let qInA1: string; // a participation of somebody else in an activity of own district and organization
  let pInA2: string; // the person's own participation, in an activity of another district and organization

  const count = async (table: 'activity' | 'participation' | 'feedback' | 'feedback_step'): Promise<number> => {
    const rows: Array<{ n: number | string }> = await sg.running.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`);
    return Number(rows[0]!.n);
  };
  const auditLog = async (): Promise<AuditRow[]> => {
    const page = expectData(await sg.request(AUDIT, { first: 1000 })).activitiesAuditEvents;
    expect(page.hasMore).toBe(false);
    return page.events;
  };
  /** The events recorded while `work` ran. */
  const auditedDuring = async <T>(work: () => Promise<T>): Promise<{ result: T; events: AuditRow[] }> => {
    const before = new Set((await auditLog()).map((e) => e.id));
    const result = await work();
    return { result, events: (await auditLog()).filter((e) => !before.has(e.id)) };
  };
  const activityInput = (districtCode: string, organizerId: string | null, extra: Record<string, unknown> = {}) => ({
    title: '律师志愿服务日',
    kind: 'SOCIAL_SERVICE',
    districtCode,
    organizerId,
    startsAt: '2026-05-20T09:00:00+08:00',
    ...extra,
  });

  beforeAll(async () => {
    orgs = await startTestSubgraph(organizationsSubgraph);
    await orgs.running.services.organizations.createMany(systemContext({ ids: idsStartingWith([ORG, OTHER_ORG, CITY_ORG]) }), [
      { name: '鹿城区新的社会阶层人士联谊会', kind: 'FRIENDSHIP_ASSOCIATION', level: 'DISTRICT', districtCode: OWN },
      { name: '龙湾区新的社会阶层人士联谊会', kind: 'FRIENDSHIP_ASSOCIATION', level: 'DISTRICT', districtCode: OTHER },
      { name: '温州市新的社会阶层人士联谊会', kind: 'FRIENDSHIP_ASSOCIATION', level: 'CITY', districtCode: '330300' },
    ]);
    sg = await startTestSubgraph(activitiesSubgraph, { peerUrls: { organizations: orgs.running.url } });
    const system = systemContext();
    [a1, a2, a3, a4, cancelled] = (await sg.running.services.activities.createMany(system, [
      activityInput(OWN, ORG, { title: '鹿城律师服务日' }),
      activityInput(OTHER, OTHER_ORG, { title: '龙湾学习培训' }),
      activityInput(OTHER, ORG, { title: '龙湾考察调研' }),
      activityInput(OWN, OTHER_ORG, { title: '鹿城文娱活动' }),
      activityInput(OTHER, OTHER_ORG, { title: '已取消的活动', status: 'CANCELLED' }),
    ])) as [string, string, string, string, string];
    const ids = await sg.running.services.participations.recordMany(system, [
      { activityId: a1, personId: personQ },
      { activityId: a2, personId: personP },
      { activityId: a1, personId: personP },
      { activityId: a3, personId: personP },
      { activityId: a4, personId: personP },
      { activityId: a2, personId: personQ },
    ]);
    [qInA1, pInA2] = ids as [string, string];
    const bearer = async (claims: Parameters<typeof tokenFor>[0]) => ({ authorization: `Bearer ${await tokenFor(claims)}` });
    headers.city = await bearer({ role: Role.CITY_ADMIN });
    headers.district = await bearer({ role: Role.DISTRICT_ADMIN, district: OWN });
    headers.districtOther = await bearer({ role: Role.DISTRICT_ADMIN, district: OTHER });
    headers.association = await bearer({ role: Role.ASSOCIATION_ADMIN, org: ORG });
    headers.associationOther = await bearer({ role: Role.ASSOCIATION_ADMIN, org: OTHER_ORG });
    headers.analyst = await bearer({ role: Role.ANALYST });
    headers.person = await bearer({ role: Role.PERSON, person: personP });
    [future] = (await sg.running.services.activities.createMany(system, [activityInput(OWN, ORG, { title: '明年的学习会', startsAt: '2099-05-20T09:00:00+08:00', status: 'OPEN' })])) as [string];
    [feedbackOwn, feedbackP] = (await sg.running.services.feedback.submitMany(system, [
      { draft: { kind: 'SUGGESTION', title: '建言献策', content: '关于优化营商环境的几点建议。', districtCode: OWN, personId: personQ, activityId: a1 } },
      { draft: { kind: 'CONSULTATION', title: '政策咨询', content: '想了解人才引进政策。', districtCode: OTHER, personId: personP } },
    ])) as [string, string];
  });
  afterAll(async () => {
    await sg?.stop();
    await orgs?.stop();
  });

  const create = (input: Record<string, unknown>): Operation => ({
    write: { action: 'createActivity', entityType: 'Activity', createdId: (d) => d.createActivity.activity.id },
    run: (h) => sg.request(CREATE, { input }, h),
  });
  const record = (activityId: () => string): Operation => ({
    write: { action: 'recordParticipation', entityType: 'Participation', createdId: (d) => d.recordParticipation.participation.id },
    run: (h) => sg.request(RECORD, { input: { activityId: activityId(), personId: randomIds.next() } }, h),
  });

  const operations: Record<string, Operation> = {
    'activity(id)': { run: (h) => sg.request(ACTIVITY, { id: a1 }, h) },
    activities: { run: (h) => sg.request(ACTIVITIES, {}, h) },
    '_entities Activity': { run: (h) => sg.request(ACTIVITY_ENTITIES, { r: [a1, a2].map((id) => ({ __typename: 'Activity', id })) }, h) },
    'Organization.activities': { run: (h) => sg.request(ORG_ACTIVITIES, { r: [ORG, OTHER_ORG].map((id) => ({ __typename: 'Organization', id })) }, h) },
    'participation(id) of somebody else, in an activity of own district and organization': {
      run: (h) => sg.request(PARTICIPATION, { id: qInA1 }, h),
    },
    "participation(id): the person's own, in an activity of another district and organization": {
      run: (h) => sg.request(PARTICIPATION, { id: pInA2 }, h),
    },
    'Activity.participations of own district and organization': {
      refusedAt: ['activity', 'participations'],
      run: (h) => sg.request(ACTIVITY_PARTICIPATIONS, { id: a1 }, h),
    },
    'Activity.participations of another district and organization': {
      refusedAt: ['activity', 'participations'],
      run: (h) => sg.request(ACTIVITY_PARTICIPATIONS, { id: a2 }, h),
    },
    'Activity.participantCount': { refusedAt: ['activity', 'participantCount'], run: (h) => sg.request(PARTICIPANT_COUNT, { id: a2 }, h) },
    'Person.participations': { run: (h) => sg.request(PERSON_PARTICIPATIONS, { r: [{ __typename: 'Person', id: personP }], first: 10 }, h) },
    activitiesAuditEvents: { run: (h) => sg.request(AUDIT, { first: 10 }, h) },
    'createActivity in own district, by own organization': create(activityInput(OWN, ORG)),
    'createActivity in another district, by another organization': create(activityInput(OTHER, OTHER_ORG)),
    'createActivity in another district, by own organization': create(activityInput(OTHER, ORG)),
    'createActivity city-wide, without organizer': create(activityInput('330300', null)),
    'createActivity with invalid input': create(activityInput('999999', ORG, { title: 'x' })),
    'recordParticipation in own district and organization': record(() => a1),
    'recordParticipation in another district and organization': record(() => a2),
    'recordParticipation in another district, by own organization': record(() => a3),
    'recordParticipation in a cancelled activity of another district and organization': record(() => cancelled),
    'recordParticipation in an activity that does not exist': record(() => randomIds.next()),
  };

  // Records the issue-5 operations work on, made in `prepare` so that every run finds them as the
  // table expects: a future activity of own district and organization with a registration in it,
  // a feedback of own district (submitted) and one from an activity of own organization.
  let future: string;
  let registration: string;
  let feedbackOwn: string; // personQ's, submitted in own district, from a1 (own organization)
  let feedbackP: string; // the person's own, submitted in the other district, no activity
  let fresh: string; // a feedback made afresh for each run of handleFeedback
  const version = async (table: string, id: string): Promise<number> => Number((await sg.running.dataSource.query(`SELECT version AS v FROM ${table} WHERE id = ?`, [id]))[0].v);
  const rowOf = (table: string, id: () => string) => async () => JSON.stringify(await sg.running.dataSource.query(`SELECT * FROM ${table} WHERE id = ?`, [id()]));
  const SUMMARY = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id activitySummary { joined hours } } } }`;
  const STATS = `query { activityStats(groupBy: [KIND, DISTRICT]) { kind activities } }`;
  const FEEDBACK = `query($id: ID!) { feedback(id: $id) { id status person { id } } }`;
  const FEEDBACKS = `query { feedbacks(first: 100) { totalCount edges { node { id } } } }`;
  const PERSON_FEEDBACK = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id feedback(first: 10) { totalCount edges { node { id } } } } } }`;
  const UPDATE_ACTIVITY = `mutation($input: UpdateActivityInput!) { updateActivity(input: $input) { activity { id version } } }`;
  const UPDATE_P = `mutation($input: UpdateParticipationInput!) { updateParticipation(input: $input) { participation { id version } } }`;
  const WITHDRAW = `mutation($input: WithdrawParticipationInput!) { withdrawParticipation(input: $input) { participationId } }`;
  const SUBMIT = `mutation($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { feedback { id } } }`;
  const HANDLE = `mutation($input: HandleFeedbackInput!) { handleFeedback(input: $input) { feedback { id status } } }`;
  const feedbackInput = { kind: 'OPINION', title: '关于停车难的建议', content: '建议在社区增设公共停车位。', districtCode: OWN };

  const issue5Operations = (): Record<string, Operation> => ({
    activityStats: { run: (h) => sg.request(STATS, {}, h) },
    'Person.activitySummary of somebody else': {
      refusedAt: ['_entities', 0, 'activitySummary'],
      run: (h) => sg.request(SUMMARY, { r: [{ __typename: 'Person', id: personQ }] }, h),
    },
    'Person.activitySummary of the person': { run: (h) => sg.request(SUMMARY, { r: [{ __typename: 'Person', id: personP }] }, h) },
    'updateActivity in own district, by own organization': {
      write: { action: 'updateActivity', entityType: 'Activity', createdId: () => a1, entityId: () => a1 },
      snapshot: rowOf('activity', () => a1),
      run: async (h) => sg.request(UPDATE_ACTIVITY, { input: { id: a1, expectedVersion: await version('activity', a1), location: `会议室 ${randomIds.next().slice(-4)}` } }, h),
    },
    'updateActivity in another district, by another organization': {
      write: { action: 'updateActivity', entityType: 'Activity', createdId: () => a2, entityId: () => a2 },
      snapshot: rowOf('activity', () => a2),
      run: async (h) => sg.request(UPDATE_ACTIVITY, { input: { id: a2, expectedVersion: await version('activity', a2), location: `会议室 ${randomIds.next().slice(-4)}` } }, h),
    },
    'updateParticipation in own district and organization': {
      write: { action: 'updateParticipation', entityType: 'Participation', createdId: () => qInA1, entityId: () => qInA1 },
      snapshot: rowOf('participation', () => qInA1),
      run: async (h) => sg.request(UPDATE_P, { input: { id: qInA1, expectedVersion: await version('participation', qInA1), role: 'VOLUNTEER' } }, h),
    },
    'updateParticipation in another district and organization': {
      write: { action: 'updateParticipation', entityType: 'Participation', createdId: () => pInA2, entityId: () => pInA2 },
      snapshot: rowOf('participation', () => pInA2),
      run: async (h) => sg.request(UPDATE_P, { input: { id: pInA2, expectedVersion: await version('participation', pInA2), role: 'VOLUNTEER' } }, h),
    },
    'withdrawParticipation before the start, own district and organization': {
      prepare: async () => {
        [registration] = (await sg.running.services.participations.recordMany(systemContext(), [{ activityId: future, personId: randomIds.next() }])) as [string];
      },
      write: { action: 'withdrawParticipation', entityType: 'Participation', createdId: () => registration, entityId: () => registration },
      run: (h) => sg.request(WITHDRAW, { input: { id: registration, expectedVersion: 1 } }, h),
    },
    'feedback(id) of somebody else, own district, from an activity of own organization': { run: (h) => sg.request(FEEDBACK, { id: feedbackOwn }, h) },
    "feedback(id): the person's own, in another district": { run: (h) => sg.request(FEEDBACK, { id: feedbackP }, h) },
    feedbacks: { run: (h) => sg.request(FEEDBACKS, {}, h) },
    'Person.feedback': { run: (h) => sg.request(PERSON_FEEDBACK, { r: [{ __typename: 'Person', id: personQ }] }, h) },
    'submitFeedback on behalf of somebody, in own district': {
      write: { action: 'submitFeedback', entityType: 'Feedback', createdId: (d) => d.submitFeedback.feedback.id },
      run: (h) => sg.request(SUBMIT, { input: { ...feedbackInput, personId: randomIds.next() } }, h),
    },
    'submitFeedback naming nobody (a person: their own)': {
      write: { action: 'submitFeedback', entityType: 'Feedback', createdId: (d) => d.submitFeedback.feedback.id },
      run: (h) => sg.request(SUBMIT, { input: { ...feedbackInput, districtCode: OTHER } }, h),
    },
    'handleFeedback of own district': {
      prepare: async () => {
        [fresh] = (await sg.running.services.feedback.submitMany(systemContext(), [{ draft: { ...feedbackInput, personId: personQ } }])) as [string];
      },
      write: { action: 'handleFeedback', entityType: 'Feedback', createdId: () => fresh, entityId: () => fresh },
      snapshot: rowOf('feedback', () => fresh),
      run: (h) => sg.request(HANDLE, { input: { id: fresh, expectedVersion: 1, to: 'ACCEPTED' } }, h),
    },
  });

  const ok = 'ok' as const;
  const no = 'FORBIDDEN' as const;
  const bad = 'BAD_USER_INPUT' as const;
  const full = 'CONFLICT' as const;
  const none = 'NOT_FOUND' as const;
  // Columns follow `operations`, in order: reads of profiles; participation(id); Activity
  // fields; Person.participations; the audit log; createActivity ×5; recordParticipation ×5.
  // c↛org (in OTHER, organized by ORG of OWN): refused to districtOther, who may not name another
  // district's organization, and to association, whose activities are held in its own district
  // (issue 14: both were allowed).
  const table: Record<Caller, Outcome[]> = {
    //                 act  list ent  org   p(Q) p(P)  parts parts↛ count pers audit  c    c↛   c↛org city inval  r    r↛   r↛org canc unknown
    city: /*        */ [ok, ok, ok, ok, /**/ ok, ok, /**/ ok, ok, ok, /**/ ok, ok, /**/ ok, ok, ok, ok, bad, /**/ ok, ok, ok, full, none],
    district: /*    */ [ok, ok, ok, ok, /**/ ok, no, /**/ ok, no, ok, /**/ ok, no, /**/ ok, no, no, no, bad, /**/ ok, no, no, no, none],
    districtOther: /**/ [ok, ok, ok, ok, /**/ no, ok, /**/ no, ok, ok, /**/ ok, no, /**/ no, ok, no, no, bad, /**/ no, ok, ok, full, none],
    association: /* */ [ok, ok, ok, ok, /**/ ok, no, /**/ ok, no, ok, /**/ ok, no, /**/ ok, no, no, no, bad, /**/ ok, no, ok, no, none],
    associationOther: [ok, ok, ok, ok, /**/ no, ok, /**/ no, ok, ok, /**/ ok, no, /**/ no, ok, no, no, bad, /**/ no, ok, no, full, none],
    analyst: /*     */ [ok, ok, ok, ok, /**/ ok, ok, /**/ ok, ok, ok, /**/ ok, no, /**/ no, no, no, no, no, /* */ no, no, no, no, no],
    person: /*      */ [ok, ok, ok, ok, /**/ no, ok, /**/ no, no, no, /**/ ok, no, /**/ no, no, no, no, no, /* */ no, no, no, no, no],
  };

  // Columns follow `issue5Operations`: activityStats; activitySummary of Q, of P; updateActivity
  // ×2; updateParticipation ×2; withdraw; feedback(id) ×2; feedbacks; Person.feedback; submit ×2; handle.
  const issue5Table: Record<Caller, Outcome[]> = {
    //                 stats sumQ sumP  uA  uA↛  uP  uP↛  wd   fb  fbP  list pfb  sub  own  handle
    city: /*        */ [ok, ok, ok, /**/ ok, ok, /**/ ok, ok, ok, /**/ ok, ok, ok, ok, /**/ ok, bad, ok],
    district: /*    */ [ok, ok, ok, /**/ ok, no, /**/ ok, no, ok, /**/ ok, no, ok, ok, /**/ ok, bad, ok],
    districtOther: /**/ [ok, ok, ok, /**/ no, ok, /**/ no, ok, no, /**/ no, ok, ok, ok, /**/ no, bad, no],
    association: /* */ [ok, ok, ok, /**/ ok, no, /**/ ok, no, ok, /**/ ok, no, ok, ok, /**/ no, no, no],
    associationOther: [ok, ok, ok, /**/ no, ok, /**/ no, ok, no, /**/ no, no, ok, ok, /**/ no, no, no],
    analyst: /*     */ [ok, ok, ok, /**/ no, no, /**/ no, no, no, /**/ ok, ok, ok, ok, /**/ no, no, no],
    person: /*      */ [no, no, ok, /**/ no, no, /**/ no, no, no, /**/ no, ok, ok, ok, /**/ no, ok, no],
  };
  // Issue 14: the organizer must be an organization the caller may manage (asked of the
  // organizations subgraph), and an association administrator's activities are held in its
  // organization's district. Each update works on an activity made afresh (`placed`).
  let placed: string;
  const placeActivity = (districtCode: string, organizerId: string) => async () => {
    [placed] = (await sg.running.services.activities.createMany(systemContext(), [activityInput(districtCode, organizerId, { title: '新设的活动' })])) as [string];
  };
  const updatePlaced = (districtCode: string, organizerId: string, change: Record<string, unknown>): Operation => ({
    prepare: placeActivity(districtCode, organizerId),
    write: { action: 'updateActivity', entityType: 'Activity', createdId: () => placed, entityId: () => placed },
    snapshot: rowOf('activity', () => placed),
    run: (h) => sg.request(UPDATE_ACTIVITY, { input: { id: placed, expectedVersion: 1, ...change } }, h),
  });
  const issue14Operations = (): Record<string, Operation> => ({
    'createActivity in own district, by an organization of another district': create(activityInput(OWN, OTHER_ORG)),
    'createActivity in own district, by a city-level organization': create(activityInput(OWN, CITY_ORG)),
    'createActivity by an organization that does not exist': create(activityInput(OWN, UNKNOWN_ORG)),
    "updateActivity: the organizer changed to another district's organization": updatePlaced(OWN, ORG, { organizerId: OTHER_ORG }),
    'updateActivity: the organizer changed to an organization that does not exist': updatePlaced(OWN, ORG, { organizerId: UNKNOWN_ORG }),
    "updateActivity: moved to another district than its organizer's": updatePlaced(OWN, ORG, { districtCode: OTHER }),
    'updateActivity: the title of an activity a city administrator gave an organizer of another district': updatePlaced(OWN, OTHER_ORG, { title: '改名的活动' }),
  });
  const issue14Table: Record<Caller, Outcome[]> = {
    //                 c:org↛ c:city c:unknown  u:org↛ u:unknown u:moved u:kept
    city: /*        */ [ok, ok, bad, /*      */ ok, bad, ok, ok],
    district: /*    */ [no, no, bad, /*      */ no, bad, no, ok],
    districtOther: /**/ [no, no, no, /*      */ no, no, no, no],
    association: /* */ [no, no, no, /*      */ no, no, no, no],
    associationOther: [no, no, no, /*      */ no, no, no, ok],
    analyst: /*     */ [no, no, no, /*      */ no, no, no, no],
    person: /*      */ [no, no, no, /*      */ no, no, no, no],
  };
  // Issue 5: updates of activities and participations, summaries, feedback and its workflow.
  Object.assign(operations, issue5Operations());
  for (const caller of Object.keys(table) as Caller[]) table[caller].push(...issue5Table[caller]);
  Object.assign(operations, issue14Operations());
  for (const caller of Object.keys(table) as Caller[]) table[caller].push(...issue14Table[caller]);
  const names = Object.keys(operations);
  const cases = (Object.keys(table) as Caller[]).flatMap((caller) => {
    expect(table[caller]).toHaveLength(names.length);
    return names.map((op, i) => [caller, op, table[caller][i]!] as const);
  });

  it.each(cases)('%s: %s → %s', async (caller, op, outcome) => {
    const { write, refusedAt, run, prepare, snapshot } = operations[op]!;
    if (prepare) await prepare();
    const rows = async () => ({
      activities: await count('activity'),
      participations: await count('participation'),
      feedback: await count('feedback'),
      steps: await count('feedback_step'),
      snapshot: snapshot ? await snapshot() : null,
    });
    const before = write ? await rows() : undefined;
    const { result: res, events } = await auditedDuring(() => run(headers[caller]));

    if (outcome === 'ok') {
      const data = expectData(res);
      if (write) {
        expect(events).toEqual([expect.objectContaining({ action: write.action, outcome: 'SUCCEEDED', role: roleOf[caller], entityType: write.entityType, entityId: write.createdId(data) })]);
      } else {
        expect(events).toEqual([]);
      }
      return;
    }

    expect(res.errors?.map((e) => e.extensions?.code)).toEqual([outcome]);
    if (outcome === 'FORBIDDEN') {
      expect(res.errors![0]!.message).not.toMatch(/not allowed to do this/); // says who and what
      const at = refusedAt ?? [res.errors![0]!.path![0]!];
      expect(res.errors![0]!.path).toEqual(at);
      expect(valueAt(res.data, at) ?? null).toBeNull();
      // A field refused on its own leaves the activity around it.
      if (refusedAt) expect(valueAt(res.data, refusedAt.slice(0, -1))).toMatchObject({ id: expect.any(String) });
      else expect(Object.values(res.data ?? {}).every((v) => v === null)).toBe(true);
    }
    if (write) {
      expect(await rows()).toEqual(before);
      expect(events).toEqual([
        expect.objectContaining({
          action: write.action,
          outcome: outcome === 'FORBIDDEN' ? 'REFUSED' : 'FAILED',
          role: roleOf[caller],
          entityType: write.entityType,
          entityId: write.entityId ? write.entityId() : null,
          detail: expect.stringMatching(new RegExp(`^${outcome}: `)),
        }),
      ]);
    } else {
      expect(events).toEqual([]);
    }
  });

  it('tells a district administrator why a change elsewhere is refused, and records who asked', async () => {
    const { result: res, events } = await auditedDuring(() => sg.request(RECORD, { input: { activityId: a2, personId: randomIds.next() } }, headers.district));
    expect(res.errors![0]!.message).toBe('A district administrator of 鹿城区 (330302) cannot record participations of 龙湾区 (330303).');
    expect(events).toEqual([
      expect.objectContaining({
        action: 'recordParticipation',
        outcome: 'REFUSED',
        role: 'DISTRICT_ADMIN',
        viewerScope: `district:${OWN}`,
        detail: 'FORBIDDEN: A district administrator of 鹿城区 (330302) cannot record participations of 龙湾区 (330303).',
      }),
    ]);
    const analyst = await sg.request(CREATE, { input: activityInput(OWN, null) }, headers.analyst);
    expect(analyst.errors![0]!.message).toBe('An analyst can read activities but cannot change them.');
    const association = await sg.request(CREATE, { input: activityInput(OWN, OTHER_ORG) }, headers.association);
    expect(association.errors![0]!.message).toBe('An association administrator can create activities of their own organization only.');
  });

  // _entities Participation: [somebody else's in own district and organization, the person's own elsewhere].
  const entityTable: Record<Caller, [Outcome, Outcome]> = {
    city: [ok, ok],
    district: [ok, no],
    districtOther: [no, ok],
    association: [ok, no],
    associationOther: [no, ok],
    analyst: [ok, ok],
    person: [no, ok],
  };
  it.each(Object.entries(entityTable))('%s: _entities of two participations → %j, the participations and their activities in one statement each', async (caller, outcomes) => {
    const ids = [qInA1, pInA2];
    const { result, statements } = await sg.statements(() => sg.request(PARTICIPATION_ENTITIES, { r: ids.map((id) => ({ __typename: 'Participation', id })) }, headers[caller as Caller]));
    expect(statements).toBe(2);
    expectEntityOutcomes(result, outcomes, (i) => ({ id: ids[i], person: { id: i === 0 ? personQ : personP } }));
  });

  // _entities Feedback: [somebody else's in own district from an activity of own organization, the person's own elsewhere].
  const feedbackEntityTable: Record<Caller, [Outcome, Outcome]> = {
    city: [ok, ok],
    district: [ok, no],
    districtOther: [no, ok],
    association: [ok, no],
    associationOther: [no, no],
    analyst: [ok, ok],
    person: [no, ok],
  };
  it.each(Object.entries(feedbackEntityTable))('%s: _entities of two feedbacks → %j, the feedback and their activities in one statement each', async (caller, outcomes) => {
    const ids = [feedbackOwn, feedbackP];
    const { result, statements } = await sg.statements(() =>
      sg.request(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Feedback { id person { id } } } }`,
        { r: ids.map((id) => ({ __typename: 'Feedback', id })) },
        headers[caller as Caller],
      ),
    );
    expect(statements).toBe(2);
    expectEntityOutcomes(result, outcomes, (i) => ({ id: ids[i], person: { id: i === 0 ? personQ : personP } }));
  });

  // Person.feedback of a person R with three: in own district; in the other district from a1 (own
  // organization's activity); in the other district without activity. What each caller sees.
  const personR = randomIds.next();
  let rFeedback: string[] = [];
  const personFeedbackTable: Record<Caller, (ids: string[]) => string[]> = {
    city: (f) => f,
    district: (f) => [f[0]!],
    districtOther: (f) => [f[1]!, f[2]!],
    association: (f) => [f[1]!],
    associationOther: () => [],
    analyst: (f) => f,
    person: () => [],
  };
  it.each(Object.keys(personFeedbackTable))('%s: Person.feedback holds only what the caller may read, with a matching totalCount', async (caller) => {
    if (rFeedback.length === 0) {
      rFeedback = await sg.running.services.feedback.submitMany(systemContext(), [
        { draft: { kind: 'OPINION', title: '意见一', content: '关于社区治理的意见。', districtCode: OWN, personId: personR } },
        { draft: { kind: 'OPINION', title: '意见二', content: '关于活动安排的意见。', districtCode: OTHER, personId: personR, activityId: a1 } },
        { draft: { kind: 'OPINION', title: '意见三', content: '关于交通出行的意见。', districtCode: OTHER, personId: personR } },
      ]);
    }
    const res = await sg.request(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { feedback(first: 10) { totalCount edges { node { id } } } } } }`,
      { r: [{ __typename: 'Person', id: personR }] },
      headers[caller as Caller],
    );
    const { feedback } = expectData(res)._entities[0];
    const expected = personFeedbackTable[caller as Caller](rFeedback);
    expect(feedback.edges.map((e: any) => e.node.id)).toEqual(expected);
    expect(feedback.totalCount).toBe(expected.length);
  });

  // Person.participations: the activities whose participations each caller sees, for P and Q.
  const personTable: Record<Caller, [() => string[], () => string[]]> = {
    city: [() => [a1, a2, a3, a4], () => [a1, a2]],
    district: [() => [a1, a4], () => [a1]],
    districtOther: [() => [a2, a3], () => [a2]],
    association: [() => [a1, a3], () => [a1]],
    associationOther: [() => [a2, a4], () => [a2]],
    analyst: [() => [a1, a2, a3, a4], () => [a1, a2]],
    person: [() => [a1, a2, a3, a4], () => []],
  };
  it.each(Object.keys(personTable))('%s: Person.participations holds only what the caller may read, in full pages with a matching totalCount', async (caller) => {
    const expected = personTable[caller as Caller].map((f) => f());
    for (const [i, personId] of [personP, personQ].entries()) {
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const res: GraphQLResponse = await sg.request(PERSON_PARTICIPATIONS, { r: [{ __typename: 'Person', id: personId }], first: 1, after }, headers[caller as Caller]);
        const { participations }: any = expectData(res)._entities[0];
        expect(participations.totalCount).toBe(expected[i]!.length);
        // Filtered in the statement: every page but the last is full.
        if (participations.pageInfo.hasNextPage) expect(participations.edges).toHaveLength(1);
        for (const e of participations.edges) {
          expect(e.node.person.id).toBe(personId);
          seen.push(e.node.activity.id);
        }
        if (!participations.pageInfo.hasNextPage) break;
        after = participations.pageInfo.endCursor;
      }
      expect(seen.sort()).toEqual([...expected[i]!].sort());
    }
  });

  it("resolves a district administrator's Person.participations for 20 persons with as many statements as for 2", async () => {
    const persons = Array.from({ length: 20 }, () => randomIds.next());
    await sg.running.services.participations.recordMany(
      systemContext(),
      persons.flatMap((personId) => [a1, a2, a4].map((activityId) => ({ activityId, personId }))),
    );
    const measure = async (n: number) => {
      const r = persons.slice(0, n).map((id) => ({ __typename: 'Person', id }));
      const { result, statements } = await sg.statements(() => sg.request(PERSON_PARTICIPATIONS, { r, first: 1 }, headers.district));
      const entities = expectData(result)._entities;
      expect(entities).toHaveLength(n);
      for (const e of entities) {
        expect(e.participations.totalCount).toBe(2); // a1 and a4, not a2 of 龙湾区
        expect(e.participations.edges.map((x: any) => x.node.activity.id)).toEqual([a1]);
        expect(e.participations.pageInfo.hasNextPage).toBe(true);
      }
      return statements;
    };
    const two = await measure(2);
    const twenty = await measure(20);
    // id pages, participation rows, totals, activity rows: one statement each.
    expect(two).toBe(4);
    expect(twenty).toBe(two);
  });

  it('tells why an organizer or a district is refused, and refuses an unknown organizer at input.organizerId', async () => {
    const district = await sg.request(CREATE, { input: activityInput(OWN, OTHER_ORG) }, headers.district);
    expect(district.errors![0]!.message).toBe('A district administrator of 鹿城区 (330302) can name only organizations of their own district as organizers.');
    const city = await sg.request(CREATE, { input: activityInput(OWN, CITY_ORG) }, headers.district);
    expect(city.errors![0]!.message).toBe('A district administrator of 鹿城区 (330302) can name only organizations of their own district as organizers.');
    const moved = await sg.request(CREATE, { input: activityInput(OWN, OTHER_ORG) }, headers.associationOther);
    expect(moved.errors![0]!.message).toBe("An association administrator can hold activities only in their organization's district, 龙湾区 (330303).");
    for (const caller of ['city', 'district'] as const) {
      const unknown = await sg.request(CREATE, { input: activityInput(OWN, UNKNOWN_ORG.toUpperCase()) }, headers[caller]);
      expect(unknown.errors?.map((e) => e.extensions)).toEqual([
        expect.objectContaining({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.organizerId', message: 'is not an organization of the register' }] }),
      ]);
    }
    // A city-wide activity of the city-level association, by a city administrator; an activity without organizer asks nobody.
    expectData(await sg.request(CREATE, { input: activityInput('330300', CITY_ORG) }, headers.city));
    expectData(await sg.request(CREATE, { input: activityInput(OWN, null) }, headers.district));
  });

  it('fails closed when the organizations subgraph cannot be reached: nothing written but the FAILED event', async () => {
    const gone = await startTestSubgraph(organizationsSubgraph);
    const url = gone.running.url;
    await gone.stop();
    const down = await startTestSubgraph(activitiesSubgraph, { peerUrls: { organizations: url } });
    try {
      const res = await down.request(CREATE, { input: activityInput(OWN, ORG) }, headers.district);
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['INTERNAL_SERVER_ERROR']);
      expect(await down.running.dataSource.query('SELECT id FROM activity')).toEqual([]);
      const events = expectData(await down.request(AUDIT, { first: 10 })).activitiesAuditEvents.events;
      expect(events).toEqual([expect.objectContaining({ action: 'createActivity', outcome: 'FAILED', role: 'DISTRICT_ADMIN' })]);
    } finally {
      await down.stop();
    }
  });

  // Feedback of P, submitted in OTHER from a3 (OTHER, organized by ORG), handled by OTHER's
  // district administrator: accepted with an internal note, forwarded to a department, answered.
  // What each caller reads of its handling: every field, the public ones only, or nothing.
  const handlingTable: Record<Caller, 'internal' | 'public' | 'FORBIDDEN'> = {
    city: 'internal',
    district: 'FORBIDDEN',
    districtOther: 'internal',
    association: 'public',
    associationOther: 'FORBIDDEN',
    analyst: 'internal',
    person: 'public',
  };
  let handled: string | undefined;
  it.each(Object.entries(handlingTable))('%s: reads the handling of a feedback → %s', async (caller, expected) => {
    if (!handled) {
      [handled] = (await sg.running.services.feedback.submitMany(systemContext(), [
        { draft: { kind: 'RIGHTS_PROTECTION', title: '劳动纠纷', content: '单位拖欠工资，请求协调。', districtCode: OTHER, personId: personP, activityId: a3 } },
      ])) as [string];
      const HANDLE_STEP = `mutation($input: HandleFeedbackInput!) { handleFeedback(input: $input) { feedback { version } } }`;
      for (const [i, step] of [
        { to: 'ACCEPTED', note: '内部备注：先核实单位情况' },
        { to: 'FORWARDED', department: '龙湾区人力社保局', note: '转办说明：涉及劳动监察' },
        { to: 'ANSWERED', answer: '已协调单位支付欠薪。' },
      ].entries()) {
        expectData(await sg.request(HANDLE_STEP, { input: { id: handled, expectedVersion: i + 1, ...step } }, headers.districtOther));
      }
    }
    const READ_HANDLING = `query($id: ID!) { feedback(id: $id) { id status department answer steps { totalCount edges { node { from to at actor actorRole department note } } } } }`;
    const res = await sg.request(READ_HANDLING, { id: handled }, headers[caller as Caller]);
    if (expected === 'FORBIDDEN') {
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      return;
    }
    const feedback = expectData(res).feedback;
    const internal = expected === 'internal';
    expect(feedback).toMatchObject({ status: 'ANSWERED', answer: '已协调单位支付欠薪。', department: internal ? '龙湾区人力社保局' : null });
    expect(feedback.steps.totalCount).toBe(4);
    const handler = internal ? { actor: 'test-district_admin', actorRole: 'DISTRICT_ADMIN' } : { actor: null, actorRole: null };
    expect(feedback.steps.edges.map((e: any) => e.node)).toEqual([
      { from: null, to: 'SUBMITTED', at: expect.any(String), actor: internal ? 'system' : null, actorRole: internal ? 'SYSTEM' : null, department: null, note: null },
      { from: 'SUBMITTED', to: 'ACCEPTED', at: expect.any(String), ...handler, department: null, note: internal ? '内部备注：先核实单位情况' : null },
      { from: 'ACCEPTED', to: 'FORWARDED', at: expect.any(String), ...handler, department: internal ? '龙湾区人力社保局' : null, note: internal ? '转办说明：涉及劳动监察' : null },
      { from: 'FORWARDED', to: 'ANSWERED', at: expect.any(String), ...handler, department: null, note: null },
    ]);
  });

  describe('bulk methods (demo data, scripts)', () => {
    const viewerContext = (viewer: Partial<Viewer> & { role: Role }, authorization?: Record<string, string>): RequestContext<unknown> =>
      new RequestContext({
        requestId: 'roles-test',
        viewer: { subject: 'test-script', system: false, districtCode: null, organizationId: null, personId: null, ...viewer },
        authorization: authorization?.authorization,
        log: createLogger('roles-test', 'silent'),
        createLoaders: () => {
          throw new Error('no loaders');
        },
      });

    it('createMany records one event for the batch', async () => {
      const { result: ids, events } = await auditedDuring(() => sg.running.services.activities.createMany(systemContext(), [activityInput(OWN, ORG), activityInput('330300', null)]));
      expect(ids).toHaveLength(2);
      expect(events).toEqual([expect.objectContaining({ action: 'createMany', outcome: 'SUCCEEDED', role: 'SYSTEM', entityType: 'Activity', entityId: null, detail: '2 records' })]);
    });

    it('createMany applies the rule to every row, and writes nothing when one is refused', async () => {
      const before = await count('activity');
      const { result, events } = await auditedDuring(() =>
        sg.running.services.activities.createMany(viewerContext({ role: Role.DISTRICT_ADMIN, districtCode: OWN }), [activityInput(OWN, ORG), activityInput(OTHER, ORG)]).then(
          () => null,
          (e: { extensions?: { code?: string }; message: string }) => e,
        ),
      );
      expect(result).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: 'rows[1]: A district administrator of 鹿城区 (330302) cannot create activities of 龙湾区 (330303).' });
      expect(await count('activity')).toBe(before);
      expect(events).toEqual([expect.objectContaining({ action: 'createMany', outcome: 'REFUSED', role: 'DISTRICT_ADMIN', entityId: null })]);

      await expect(sg.running.services.activities.createMany(viewerContext({ role: Role.ANALYST }), [activityInput(OWN, null)])).rejects.toMatchObject({
        extensions: { code: 'FORBIDDEN' },
      });
      expect(await count('activity')).toBe(before);
    });

    it("createMany checks every row's organizer with one question to the organizations subgraph, except when the system runs it", async () => {
      const district = viewerContext({ role: Role.DISTRICT_ADMIN, districtCode: OWN }, headers.district);
      const before = await count('activity');
      const { result, events } = await auditedDuring(async () => [
        await sg.running.services.activities.createMany(district, [activityInput(OWN, ORG), activityInput(OWN, OTHER_ORG), activityInput(OWN, CITY_ORG)]).catch((e) => e),
        await sg.running.services.activities.createMany(district, [activityInput(OWN, UNKNOWN_ORG), activityInput(OWN, ORG), activityInput(OWN, UNKNOWN_ORG)]).catch((e) => e),
      ]);
      expect(result[0]).toMatchObject({
        extensions: { code: 'FORBIDDEN' },
        message: 'rows[1]: A district administrator of 鹿城区 (330302) can name only organizations of their own district as organizers.',
      });
      expect(result[1]).toMatchObject({
        extensions: {
          code: 'BAD_USER_INPUT',
          fields: [
            { field: 'rows[0].organizerId', message: 'is not an organization of the register' },
            { field: 'rows[2].organizerId', message: 'is not an organization of the register' },
          ],
        },
      });
      expect(await count('activity')).toBe(before);
      expect(events.map((e) => [e.action, e.outcome])).toEqual([
        ['createMany', 'FAILED'],
        ['createMany', 'REFUSED'],
      ]);
      // Allowed rows pass; the system (the demo loader, with no token) is not asked and names any organizer.
      expect(await sg.running.services.activities.createMany(district, [activityInput(OWN, ORG), activityInput(OWN, null)])).toHaveLength(2);
      expect(await sg.running.services.activities.createMany(systemContext(), [activityInput(OTHER, UNKNOWN_ORG)])).toHaveLength(1);
    });

    it('recordMany records one event for the batch', async () => {
      const { result: ids, events } = await auditedDuring(() =>
        sg.running.services.participations.recordMany(systemContext(), [
          { activityId: a1, personId: randomIds.next() },
          { activityId: a2, personId: randomIds.next() },
          { activityId: a3, personId: randomIds.next() },
        ]),
      );
      expect(ids).toHaveLength(3);
      expect(events).toEqual([expect.objectContaining({ action: 'recordMany', outcome: 'SUCCEEDED', role: 'SYSTEM', entityType: 'Participation', entityId: null, detail: '3 records' })]);
    });

    it('recordMany applies the rule to every row, and writes nothing when one is refused', async () => {
      const before = await count('participation');
      const { result, events } = await auditedDuring(() =>
        sg.running.services.participations
          .recordMany(viewerContext({ role: Role.ASSOCIATION_ADMIN, organizationId: ORG }), [
            { activityId: a1, personId: randomIds.next() },
            { activityId: a3, personId: randomIds.next() },
            { activityId: a4, personId: randomIds.next() },
          ])
          .then(
            () => null,
            (e: { extensions?: { code?: string }; message: string }) => e,
          ),
      );
      expect(result).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: 'rows[2]: An association administrator can record participations of their own organization only.' });
      expect(await count('participation')).toBe(before);
      expect(events).toEqual([expect.objectContaining({ action: 'recordMany', outcome: 'REFUSED', role: 'ASSOCIATION_ADMIN', entityId: null })]);

      await expect(sg.running.services.participations.recordMany(viewerContext({ role: Role.PERSON, personId: personP }), [{ activityId: a1, personId: personP }])).rejects.toMatchObject({
        extensions: { code: 'FORBIDDEN' },
      });
      expect(await count('participation')).toBe(before);
    });
  });
});
