import { createLogger, randomIds, RequestContext, Role, systemContext, todayInChina, Viewer } from '@tongxin/common';
import { EvaluationDraft, evaluationSubgraph, EvaluationServices } from '@tongxin/evaluation';
import { tokenFor } from '../../../test/harness/auth';
import { errorCodes, expectData, expectEntityOutcomes, GraphQLResponse } from '../../../test/harness/graphql-client';
import { startTestSubgraph, TestSubgraph } from '../../../test/harness/subgraph';

/**
 * Who may read and record evaluations (docs/SECURITY.md, "evaluations, talent pool"): every role
 * against every operation. An evaluation is held by the district whose department made it; the
 * city holds its own department's and those recorded before districts were kept (NULL). An
 * allowed operation succeeds; a refused one is FORBIDDEN, writes nothing and is in the audit log.
 */

const OWN = '330302'; // 鹿城区: the district administrator's district
const OTHER = '330303'; // 龙湾区: the other district administrator's
const CITY = '330300'; // 温州市
const THIS_YEAR = Number(todayInChina().slice(0, 4));

const RECORD = `mutation($input: RecordEvaluationInput!) { recordEvaluation(input: $input) { evaluation { id district { code } } } }`;
const EVALUATION = `query($id: ID!) { evaluation(id: $id) { id district { code } scores { score } } }`;
const LIST = `query($f: EvaluationFilter) { evaluations(filter: $f, first: 1000) { totalCount edges { node { id district { code } } } } }`;
const TOTAL = `{ evaluations(first: 1) { totalCount } }`;
const EVALUATION_ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Evaluation { id composite } } }`;
const PERSON_ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id evaluations { id } latestEvaluation { id } } } }`;
const AUDIT = `query($f: AuditEventFilter, $first: Int!) {
  evaluationAuditEvents(filter: $f, first: $first) { hasMore events { id action entityType entityId outcome role subject viewerScope detail } }
}`;

const scores = (s: number) => ['POLITICAL_QUALITY', 'SOCIAL_CONTRIBUTION', 'PARTICIPATION_ABILITY', 'STRATUM_INFLUENCE'].map((dimension) => ({ dimension, score: s }));

/** A new evaluation of a new person, so that no two collide on (person, year, evaluator). */
function form(districtCode: string, overrides: Record<string, unknown> = {}) {
  return { personId: randomIds.next(), year: THIS_YEAR - 1, districtCode, evaluator: '统战部评议组', scores: scores(80), ...overrides };
}

type Outcome = 'ok' | 'FORBIDDEN' | 'BAD_USER_INPUT';
type Caller = 'city' | 'district' | 'otherDistrict' | 'analyst' | 'person' | 'association';

const ROLE_OF: Record<Caller, Role> = {
  city: Role.CITY_ADMIN,
  district: Role.DISTRICT_ADMIN,
  otherDistrict: Role.DISTRICT_ADMIN,
  analyst: Role.ANALYST,
  person: Role.PERSON,
  association: Role.ASSOCIATION_ADMIN,
};

interface AuditEventRow {
  id: string;
  action: string;
  entityType: string;
  entityId: string | null;
  outcome: string;
  role: string | null;
  subject: string;
  viewerScope: string | null;
  detail: string | null;
}

describe('roles in the evaluation subgraph', () => {
  let sg: TestSubgraph<EvaluationServices>;
  const headers = {} as Record<Caller, Record<string, string>>;
  // One person evaluated by three departments and once before districts were kept.
  const subject = randomIds.next();
  const unevaluated = randomIds.next();
  let own: string; // held by 330302, THIS_YEAR - 2
  let other: string; // held by 330303, THIS_YEAR - 1 (the latest)
  let city: string; // held by the city (330300), THIS_YEAR - 2, recorded after `own`
  let legacy: string; // district_code NULL: held by the city, THIS_YEAR - 4
  /** The SQL statements of a refusal before any input is read (an analyst's): its audit event only. */
  let refusalStatements: number;

  const record = async (input: Record<string, unknown>): Promise<string> => expectData(await sg.request(RECORD, { input })).recordEvaluation.evaluation.id;
  const total = async (): Promise<number> => expectData(await sg.request(TOTAL)).evaluations.totalCount;
  /** The audit events of an action and outcome, newest first, read as a city administrator. */
  const audited = async (action: string, outcome: string): Promise<AuditEventRow[]> => {
    const page = expectData(await sg.request(AUDIT, { f: { action, outcome }, first: 1000 })).evaluationAuditEvents;
    expect(page.hasMore).toBe(false);
    return page.events;
  };
  const auditCounts = async (action: string) => ({
    SUCCEEDED: (await audited(action, 'SUCCEEDED')).length,
    REFUSED: (await audited(action, 'REFUSED')).length,
    FAILED: (await audited(action, 'FAILED')).length,
  });

  beforeAll(async () => {
    sg = await startTestSubgraph(evaluationSubgraph);
    own = await record({ personId: subject, year: THIS_YEAR - 2, districtCode: OWN, evaluator: '鹿城区委统战部', scores: scores(70) });
    other = await record({ personId: subject, year: THIS_YEAR - 1, districtCode: OTHER, evaluator: '龙湾区委统战部', scores: scores(75) });
    city = await record({ personId: subject, year: THIS_YEAR - 2, districtCode: CITY, evaluator: '温州市委统战部', scores: scores(85) });
    legacy = randomIds.next();
    await sg.running.dataSource.query(
      "INSERT INTO evaluation (id, person_id, year, district_code, evaluator, composite, comment, created_at) VALUES (?, ?, ?, NULL, '旧评议组', 66, NULL, '2020-12-01 00:00:00')",
      [legacy, subject, THIS_YEAR - 4],
    );
    const bearer = async (claims: Parameters<typeof tokenFor>[0]) => ({ authorization: `Bearer ${await tokenFor(claims)}` });
    headers.city = await bearer({ role: Role.CITY_ADMIN });
    headers.district = await bearer({ role: Role.DISTRICT_ADMIN, district: OWN });
    headers.otherDistrict = await bearer({ role: Role.DISTRICT_ADMIN, district: OTHER });
    headers.analyst = await bearer({ role: Role.ANALYST });
    // The person evaluated: evaluations are not shown to the person themself either.
    headers.person = await bearer({ role: Role.PERSON, person: subject });
    // No organization holds evaluations, so one association administrator stands for all.
    headers.association = await bearer({ role: Role.ASSOCIATION_ADMIN, org: '01900000-0000-7000-8000-0000000000aa' });
    const refusal = await sg.statements(() => sg.request(RECORD, { input: form(OWN) }, headers.analyst));
    expect(errorCodes(refusal.result)).toEqual(['FORBIDDEN']);
    refusalStatements = refusal.statements;
  });
  afterAll(async () => {
    await sg?.stop();
  });

  const read = (query: string, variables: () => Record<string, unknown>) => ({ write: false, run: (h: Record<string, string>) => sg.request(query, variables(), h) });
  const write = (input: () => Record<string, unknown>) => ({ write: true, run: (h: Record<string, string>) => sg.request(RECORD, { input: input() }, h) });
  const operations: Record<string, { write: boolean; run: (h: Record<string, string>) => Promise<GraphQLResponse> }> = {
    'evaluation of own district': read(EVALUATION, () => ({ id: own })),
    'evaluation of another district': read(EVALUATION, () => ({ id: other })),
    'evaluation held by the city': read(EVALUATION, () => ({ id: city })),
    'evaluation recorded before districts were kept': read(EVALUATION, () => ({ id: legacy })),
    'evaluations list, unfiltered': read(LIST, () => ({})),
    'evaluations list filtered to own district': read(LIST, () => ({ f: { districtCode: OWN } })),
    'evaluations list filtered to another district': read(LIST, () => ({ f: { districtCode: OTHER } })),
    'evaluations list filtered to the city': read(LIST, () => ({ f: { districtCode: CITY } })),
    'recordEvaluation in own district': write(() => form(OWN)),
    'recordEvaluation in another district': write(() => form(OTHER)),
    'recordEvaluation for the city': write(() => form(CITY)),
    'recordEvaluation with a wrong score and no evaluator': write(() => form(OWN, { evaluator: '', scores: scores(101) })),
  };

  const ok = 'ok' as const;
  const no = 'FORBIDDEN' as const;
  const bad = 'BAD_USER_INPUT' as const;
  // Columns follow `operations`, in order.
  const table: Record<Caller, Outcome[]> = {
    //             own other city legacy | list own↓ other↓ city↓ | rec rec↛ recCity bad
    city: /*    */ [ok, ok, ok, ok, /*  */ ok, ok, ok, ok, /*   */ ok, ok, ok, bad],
    district: /**/ [ok, no, no, no, /*  */ ok, ok, no, no, /*   */ ok, no, no, bad],
    otherDistrict: [no, ok, no, no, /*  */ ok, no, ok, no, /*   */ no, ok, no, bad],
    analyst: /* */ [ok, ok, ok, ok, /*  */ ok, ok, ok, ok, /*   */ no, no, no, no],
    person: /*  */ [no, no, no, no, /*  */ no, no, no, no, /*   */ no, no, no, no],
    association: [no, no, no, no, /*  */ no, no, no, no, /*   */ no, no, no, no],
  };
  const names = Object.keys(operations);
  const cases = (Object.keys(table) as Caller[]).flatMap((caller) => {
    expect(table[caller]).toHaveLength(names.length);
    return names.map((op, i) => [caller, op, table[caller][i]!] as const);
  });

  it.each(cases)('%s: %s → %s', async (caller, op, outcome) => {
    const { write: writes, run } = operations[op]!;
    const before = writes ? { total: await total(), audit: await auditCounts('recordEvaluation') } : undefined;
    const { result: res, statements } = await sg.statements(() => run(headers[caller]));
    if (outcome === 'ok') expectData(res);
    else {
      expect(errorCodes(res)).toEqual([outcome]);
      expect(Object.values(res.data ?? {}).every((v) => v === null)).toBe(true);
      if (outcome === 'FORBIDDEN') expect(res.errors![0]!.message).not.toMatch(/not allowed to do this/); // says who and what
    }
    if (!before) return;

    // Exactly one audit event of the caller's attempt, with the outcome it had; nothing else written.
    const after = { total: await total(), audit: await auditCounts('recordEvaluation') };
    const kind = outcome === 'ok' ? 'SUCCEEDED' : outcome === 'FORBIDDEN' ? 'REFUSED' : 'FAILED';
    expect(after.total).toBe(before.total + (outcome === 'ok' ? 1 : 0));
    expect(after.audit).toEqual({ ...before.audit, [kind]: before.audit[kind] + 1 });
    const [event] = await audited('recordEvaluation', kind);
    expect(event).toMatchObject({ action: 'recordEvaluation', entityType: 'Evaluation', outcome: kind, role: ROLE_OF[caller], subject: `test-${ROLE_OF[caller].toLowerCase()}` });
    if (outcome === 'ok') {
      expect(event!.entityId).toBe(res.data!.recordEvaluation.evaluation.id);
      expect(event!.detail).toBeNull();
    } else {
      expect(event!.entityId).toBeNull();
      expect(event!.detail).toBe(auditDetailOf(res.errors![0]!));
    }
    // Refused before anything was written: no statement but those of the audit event.
    if (outcome === 'FORBIDDEN') expect(statements).toBe(refusalStatements);
  });

  it('tells a district administrator why an evaluation elsewhere is refused', async () => {
    const recording = await sg.request(RECORD, { input: form(OTHER) }, headers.district);
    expect(recording.errors![0]!.message).toBe('A district administrator of 鹿城区 (330302) cannot record evaluations of 龙湾区 (330303).');
    const reading = await sg.request(EVALUATION, { id: legacy }, headers.district);
    expect(reading.errors![0]!.message).toBe('A district administrator of 鹿城区 (330302) cannot read evaluations of 温州市 (330300).');
    const listing = await sg.request(LIST, { f: { districtCode: CITY } }, headers.district);
    expect(listing.errors![0]!.message).toBe('A district administrator of 鹿城区 (330302) cannot read evaluations of 温州市 (330300).');
    const analyst = await sg.request(RECORD, { input: form(OWN) }, headers.analyst);
    expect(analyst.errors![0]!.message).toBe('An analyst can read evaluations but cannot change them.');
    const person = await sg.request(EVALUATION, { id: own }, headers.person);
    expect(person.errors![0]!.message).toBe('A person cannot read evaluations.');
  });

  it("limits a district administrator's unfiltered list to their district in SQL, counts included", async () => {
    await record(form(OWN, { evaluator: '列表评议组' }));
    await record(form(OTHER, { evaluator: '列表评议组' }));
    await record(form(CITY, { evaluator: '列表评议组' }));
    const all = expectData(await sg.request(LIST, {})).evaluations;
    const ownRows = all.edges.filter((e: any) => e.node.district?.code === OWN);
    expect(all.edges.some((e: any) => e.node.district?.code !== OWN)).toBe(true);
    expect(all.edges.some((e: any) => e.node.district === null)).toBe(true);
    for (const [caller, district] of [
      ['district', OWN],
      ['otherDistrict', OTHER],
    ] as const) {
      const listed = expectData(await sg.request(LIST, {}, headers[caller])).evaluations;
      expect(listed.totalCount).toBeGreaterThan(0);
      expect(listed.totalCount).toBe(all.edges.filter((e: any) => e.node.district?.code === district).length);
      expect(listed.edges.every((e: any) => e.node.district.code === district)).toBe(true);
    }
    // Paging cuts the district's rows, not all rows: a page of 1 still holds one of theirs.
    const first = expectData(await sg.request(`{ evaluations(first: 1) { totalCount edges { node { district { code } } } } }`, {}, headers.district)).evaluations;
    expect(first).toEqual({ totalCount: ownRows.length, edges: [{ node: { district: { code: OWN } } }] });
    // Other filters combine with the limit: the subject's evaluations, their own district's only.
    const subjects = expectData(await sg.request(LIST, { f: { personId: subject } }, headers.district)).evaluations;
    expect(subjects.edges.map((e: any) => e.node.id)).toEqual([own]);
    expect(expectData(await sg.request(LIST, { f: { personId: subject } })).evaluations.totalCount).toBe(4);
  });

  const entityTable: Record<Caller, Outcome[]> = {
    //           own other city legacy
    city: /*  */ [ok, ok, ok, ok],
    district: /**/ [ok, no, no, no],
    otherDistrict: [no, ok, no, no],
    analyst: /**/ [ok, ok, ok, ok],
    person: /* */ [no, no, no, no],
    association: [no, no, no, no],
  };
  it.each(Object.entries(entityTable))('%s: _entities of evaluations held by own district, another, the city and none → %j, in one statement', async (caller, outcomes) => {
    const ids = [own, other, city, legacy];
    const { result, statements } = await sg.statements(() => sg.request(EVALUATION_ENTITIES, { r: ids.map((id) => ({ __typename: 'Evaluation', id })) }, headers[caller as Caller]));
    // A viewer who may read no evaluation is refused before any SQL.
    expect(statements).toBe(outcomes.every((o) => o === no) ? 0 : 1);
    expectEntityOutcomes(result, outcomes, (i) => ({ id: ids[i], composite: expect.any(Number) }));
  });

  // Newest year first, newest first within a year: other (−1), city (−2, after own), own (−2), legacy (−4).
  const personTable: Record<Caller, { evaluations: () => string[]; latest: () => string | null } | 'FORBIDDEN'> = {
    city: { evaluations: () => [other, city, own, legacy], latest: () => other },
    district: { evaluations: () => [own], latest: () => own },
    otherDistrict: { evaluations: () => [other], latest: () => other },
    analyst: { evaluations: () => [other, city, own, legacy], latest: () => other },
    person: 'FORBIDDEN',
    association: 'FORBIDDEN',
  };
  it.each(Object.keys(personTable))("%s: Person.evaluations and latestEvaluation through _entities hold the caller's scope only", async (caller) => {
    const expected = personTable[caller as Caller];
    const { result, statements } = await sg.statements(() => sg.request(PERSON_ENTITIES, { r: [subject, unevaluated].map((id) => ({ __typename: 'Person', id })) }, headers[caller as Caller]));
    if (expected === 'FORBIDDEN') {
      // The persons still resolve; each field is FORBIDDEN, and no SQL was sent.
      expect(result.data?._entities).toEqual([
        { id: subject, evaluations: null, latestEvaluation: null },
        { id: unevaluated, evaluations: null, latestEvaluation: null },
      ]);
      const paths = (result.errors ?? []).map((e) => `${e.extensions?.code} ${e.path?.join('.')}`).sort();
      expect(paths).toEqual(['_entities.0.evaluations', '_entities.0.latestEvaluation', '_entities.1.evaluations', '_entities.1.latestEvaluation'].map((p) => `FORBIDDEN ${p}`));
      expect(statements).toBe(0);
      return;
    }
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([
      { id: subject, evaluations: expected.evaluations().map((id) => ({ id })), latestEvaluation: { id: expected.latest() } },
      { id: unevaluated, evaluations: [], latestEvaluation: null },
    ]);
    expect(statements).toBe(1);
  });

  it('names an existing evaluation in a CONFLICT only to a caller who may read it', async () => {
    // `other` is held by 330303: the same evaluator, person and year recorded by 鹿城区's administrator clashes with it.
    const input = { personId: subject, year: THIS_YEAR - 1, districtCode: OWN, evaluator: '龙湾区委统战部', scores: scores(71) };
    const district = await sg.request(RECORD, { input }, headers.district);
    expect(district.errors!.map((e) => e.extensions?.code)).toEqual(['CONFLICT']);
    expect(district.errors![0]!.message).not.toContain(other);
    expect(district.errors![0]!.extensions).not.toHaveProperty('evaluationId');
    const cityAdmin = await sg.request(RECORD, { input });
    expect(cityAdmin.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', evaluationId: other });
  });

  it('refuses the audit log to everyone but city administrators', async () => {
    expectData(await sg.request(AUDIT, { first: 1 }, headers.city));
    for (const caller of ['district', 'otherDistrict', 'analyst', 'person', 'association'] as const) {
      const res = await sg.request(AUDIT, { first: 1 }, headers[caller]);
      expect(errorCodes(res)).toEqual(['FORBIDDEN']);
      expect(res.data?.evaluationAuditEvents ?? null).toBeNull();
    }
  });

  describe('recordMany (the bulk path of scripts)', () => {
    const viewerContext = (viewer: Partial<Viewer> & { role: Role }): RequestContext<unknown> =>
      new RequestContext({
        requestId: 'roles-test',
        viewer: { subject: `script-${viewer.role.toLowerCase()}`, system: false, districtCode: null, organizationId: null, personId: null, ...viewer },
        log: createLogger('roles-test', 'silent'),
        createLoaders: () => {
          throw new Error('no loaders');
        },
      });
    const draft = (districtCode: string | null, overrides: Partial<EvaluationDraft> = {}): EvaluationDraft => ({
      personId: randomIds.next(),
      year: 2021,
      districtCode,
      evaluator: '批量角色评议组',
      scores: scores(60),
      ...overrides,
    });

    it('records one SUCCEEDED event per call, inside its transaction', async () => {
      const before = await auditCounts('recordMany');
      const ids = await sg.running.services.evaluations.recordMany(systemContext(), [draft(OWN), draft(OTHER), draft(CITY)]);
      expect(ids).toHaveLength(3);
      expect(await auditCounts('recordMany')).toEqual({ ...before, SUCCEEDED: before.SUCCEEDED + 1 });
      const [event] = await audited('recordMany', 'SUCCEEDED');
      expect(event).toMatchObject({ entityType: 'Evaluation', entityId: null, role: 'SYSTEM', subject: 'system', detail: '3 records' });
    });

    it.each([
      [
        'a district administrator, one row of another district',
        { role: Role.DISTRICT_ADMIN, districtCode: OWN },
        [draft(OWN), draft(OTHER)],
        'rows[1]: A district administrator of 鹿城区 (330302) cannot record evaluations of 龙湾区 (330303).',
      ],
      ['an analyst, before the rows are checked', { role: Role.ANALYST }, [draft(null, { scores: [] })], 'An analyst can read evaluations but cannot change them.'],
      ['a person', { role: Role.PERSON, personId: randomIds.next() }, [draft(OWN)], 'A person cannot change evaluations.'],
    ] as const)('refuses %s: FORBIDDEN, nothing written, one REFUSED event', async (_label, viewer, drafts, message) => {
      const before = { total: await total(), audit: await auditCounts('recordMany') };
      await expect(sg.running.services.evaluations.recordMany(viewerContext(viewer), drafts)).rejects.toMatchObject({ message, extensions: { code: 'FORBIDDEN' } });
      expect(await total()).toBe(before.total);
      expect(await auditCounts('recordMany')).toEqual({ ...before.audit, REFUSED: before.audit.REFUSED + 1 });
      const [event] = await audited('recordMany', 'REFUSED');
      expect(event).toMatchObject({ role: viewer.role, entityId: null, detail: `FORBIDDEN: ${message}` });
    });

    it("lets a district administrator's script record their own district's, and records a batch that fails as FAILED", async () => {
      const before = { total: await total(), audit: await auditCounts('recordMany') };
      await sg.running.services.evaluations.recordMany(viewerContext({ role: Role.DISTRICT_ADMIN, districtCode: OWN }), [draft(OWN), draft(OWN)]);
      await expect(sg.running.services.evaluations.recordMany(systemContext(), [draft(OWN), draft(null)])).rejects.toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'rows[1].districtCode' }] },
      });
      expect(await total()).toBe(before.total + 2);
      expect(await auditCounts('recordMany')).toEqual({ ...before.audit, SUCCEEDED: before.audit.SUCCEEDED + 1, FAILED: before.audit.FAILED + 1 });
      const [failed] = await audited('recordMany', 'FAILED');
      expect(failed).toMatchObject({ role: 'SYSTEM', detail: expect.stringMatching(/^BAD_USER_INPUT: /) });
      const [succeeded] = await audited('recordMany', 'SUCCEEDED');
      expect(succeeded).toMatchObject({ role: Role.DISTRICT_ADMIN, viewerScope: `district:${OWN}`, detail: '2 records' });
    });
  });
});

/**
 * Schemes, the talent pool and political arrangements, role by role (the decisions are in
 * talent-pool.access.ts and arrangement.service.ts): schemes are read by whoever reads evaluations
 * and defined by city administrators; a pool entry is held by the district whose pool it is (the
 * city pool by 330300, which district administrators do not read: they see its size in
 * talentPoolCompliance); an arrangement by the district whose department arranges it.
 */
describe('roles: schemes, the talent pool and political arrangements', () => {
  let sg: TestSubgraph<EvaluationServices>;
  const headers = {} as Record<Caller, Record<string, string>>;
  const sys = () => systemContext() as RequestContext<unknown>;
  const subject = randomIds.next();
  let ownEntry: string;
  let otherEntry: string;
  let cityEntry: string;
  let ownArrangement: string;
  let otherArrangement: string;
  let schemeYear = 2011;

  const POOL = `query($f: TalentPoolFilter) { talentPool(filter: $f, first: 1000) { totalCount edges { node { id } } } }`;
  const ENTRY = `query($id: ID!) { talentPoolEntry(id: $id) { id } }`;
  const CANDIDATES = `query($d: String!) { talentPoolCandidates(year: ${THIS_YEAR - 1}, districtCode: $d) { totalCount edges { node { rank } } } }`;
  const COMPLIANCE = `{ talentPoolCompliance(year: ${THIS_YEAR}) { count } }`;
  const SCHEME = `{ evaluationScheme(year: ${THIS_YEAR}) { name } }`;
  const ARRANGEMENT = `query($id: ID!) { politicalArrangement(id: $id) { id } }`;
  const ARRANGEMENTS = `{ politicalArrangements(first: 1000) { totalCount } }`;
  const DEFINE = `mutation($input: DefineEvaluationSchemeInput!) { defineEvaluationScheme(input: $input) { scheme { year } } }`;
  const ADD = `mutation($input: AddToTalentPoolInput!) { addToTalentPool(input: $input) { entry { id } } }`;
  const REMOVE = `mutation($input: RemoveFromTalentPoolInput!) { removeFromTalentPool(input: $input) { entry { id } } }`;
  const RENEW = `mutation($input: RenewTalentPoolInput!) { renewTalentPool(input: $input) { created } }`;
  const QUOTA = `mutation($input: SetTalentPoolQuotaInput!) { setTalentPoolQuota(input: $input) { compliance { minimum } } }`;
  const RECORD_ARRANGEMENT = `mutation($input: RecordPoliticalArrangementInput!) { recordPoliticalArrangement(input: $input) { arrangement { id } } }`;
  const CHANGE = `mutation($input: ChangePoliticalArrangementStatusInput!) { changePoliticalArrangementStatus(input: $input) { arrangement { id } } }`;
  const CONFIRM = `mutation($input: ConfirmTalentPoolEntryInput!) { confirmTalentPoolEntry(input: $input) { entry { id } } }`;
  const APPLY_STATUSES = `mutation($c: [PersonStatusChangeInput!]!) { applyPersonStatuses(changes: $c) }`;
  const AUDITED = `query($f: AuditEventFilter) { evaluationAuditEvents(filter: $f, first: 1000) { events { outcome role } } }`;
  const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on TalentPoolEntry { id } ... on PoliticalArrangement { id } } }`;
  const PERSON = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { talentPool { id year } politicalArrangements { id } isRepresentative } } }`;

  const entry = async (districtCode: string | null, year = THIS_YEAR) =>
    (await sg.running.services.talentPool.add(sys(), { personId: subject, level: districtCode ? 'DISTRICT' : 'CITY', districtCode, year, reason: '角色测试' } as never)).id;
  const freshEntry = (districtCode: string) => sg.running.services.talentPool.add(sys(), { personId: randomIds.next(), level: 'DISTRICT', districtCode, year: THIS_YEAR, reason: '角色测试' } as never);
  /** An entry the renewal would have put UNDER_REVIEW, in a pool (null: the city's). */
  const reviewEntry = async (districtCode: string | null) => {
    const { id } = await sg.running.services.talentPool.add(sys(), {
      personId: randomIds.next(),
      level: districtCode ? 'DISTRICT' : 'CITY',
      districtCode,
      year: THIS_YEAR,
      reason: '角色测试',
    } as never);
    await sg.running.dataSource.query("UPDATE talent_pool_entry SET status = 'UNDER_REVIEW' WHERE id = ?", [id]);
    return id;
  };
  const arrangement = (districtCode: string, personId = randomIds.next()) =>
    sg.running.services.arrangements.record(sys(), {
      personId,
      kind: 'CPPCC_MEMBER',
      level: 'DISTRICT',
      body: '区政协',
      districtCode,
      termStart: `${THIS_YEAR - 1}-01-01`,
      termEnd: `${THIS_YEAR + 3}-12-31`,
      status: 'APPOINTED',
    } as never);
  const arrangementForm = (districtCode: string) => ({
    personId: randomIds.next(),
    kind: 'PEOPLES_CONGRESS_DEPUTY',
    level: 'DISTRICT',
    body: '区人大',
    districtCode,
    termStart: `${THIS_YEAR}-01-01`,
    termEnd: `${THIS_YEAR + 4}-12-31`,
  });

  beforeAll(async () => {
    sg = await startTestSubgraph(evaluationSubgraph);
    ownEntry = await entry(OWN);
    otherEntry = await entry(OTHER);
    cityEntry = await entry(null);
    ownArrangement = (await arrangement(OWN, subject)).id;
    otherArrangement = (await arrangement(OTHER, subject)).id;
    const scores4 = ['POLITICAL_QUALITY', 'SOCIAL_CONTRIBUTION', 'PARTICIPATION_ABILITY', 'STRATUM_INFLUENCE'].map((dimension) => ({ dimension, score: 80 }));
    await sg.running.services.evaluations.recordMany(sys(), [
      { personId: subject, year: THIS_YEAR - 1, districtCode: OWN, evaluator: '甲组', scores: scores4 },
      { personId: subject, year: THIS_YEAR - 1, districtCode: CITY, evaluator: '乙组', scores: scores4 },
    ]);
    const bearer = async (claims: Parameters<typeof tokenFor>[0]) => ({ authorization: `Bearer ${await tokenFor(claims)}` });
    headers.city = await bearer({ role: Role.CITY_ADMIN });
    headers.district = await bearer({ role: Role.DISTRICT_ADMIN, district: OWN });
    headers.otherDistrict = await bearer({ role: Role.DISTRICT_ADMIN, district: OTHER });
    headers.analyst = await bearer({ role: Role.ANALYST });
    headers.person = await bearer({ role: Role.PERSON, person: subject });
    headers.association = await bearer({ role: Role.ASSOCIATION_ADMIN, org: '01900000-0000-7000-8000-0000000000aa' });
  });
  afterAll(async () => {
    await sg?.stop();
  });

  interface Op {
    /** The audited action of a write; undefined for a read. */
    action?: string;
    /** Makes the row a change acts on (as the system), before anything is counted. */
    prepare?: () => Promise<string>;
    run: (h: Record<string, string>, id?: string) => Promise<GraphQLResponse>;
    /** What a refused write must leave unchanged. */
    state?: (id?: string) => Promise<unknown>;
  }
  const read = (query: string, variables: () => Record<string, unknown> = () => ({})): Op => ({ run: (h) => sg.request(query, variables(), h) });
  const poolState = async () => expectData(await sg.request(POOL, {})).talentPool;
  const entryState = async (id?: string) => expectData(await sg.request(`query($id: ID!) { talentPoolEntry(id: $id) { status version } }`, { id })).talentPoolEntry;
  const arrangementState = async () => expectData(await sg.request(`{ politicalArrangements(first: 1000) { edges { node { id version status } } } }`)).politicalArrangements;
  const operations: Record<string, Op> = {
    evaluationScheme: read(SCHEME),
    'talentPool, unfiltered': read(POOL),
    'talentPool of own district': read(POOL, () => ({ f: { districtCode: OWN } })),
    'talentPool of the city': read(POOL, () => ({ f: { districtCode: CITY } })),
    'talentPoolEntry of own district': read(ENTRY, () => ({ id: ownEntry })),
    'talentPoolEntry of another district': read(ENTRY, () => ({ id: otherEntry })),
    'talentPoolEntry of the city pool': read(ENTRY, () => ({ id: cityEntry })),
    'talentPoolCandidates of own district': read(CANDIDATES, () => ({ d: OWN })),
    'talentPoolCandidates of the city': read(CANDIDATES, () => ({ d: CITY })),
    talentPoolCompliance: read(COMPLIANCE),
    'politicalArrangement of own district': read(ARRANGEMENT, () => ({ id: ownArrangement })),
    'politicalArrangement of another district': read(ARRANGEMENT, () => ({ id: otherArrangement })),
    'politicalArrangements, unfiltered': read(ARRANGEMENTS),
    defineEvaluationScheme: {
      action: 'defineEvaluationScheme',
      run: (h) => sg.request(DEFINE, { input: { year: schemeYear++, weights: [{ dimension: 'PUBLIC_IMAGE', weight: 1 }] } }, h),
      state: async () => expectData(await sg.request(`{ evaluationSchemes { year } }`)).evaluationSchemes,
    },
    'addToTalentPool of own district': {
      action: 'addToTalentPool',
      run: (h) => sg.request(ADD, { input: { personId: randomIds.next(), level: 'DISTRICT', districtCode: OWN, year: THIS_YEAR, reason: '入库理由' } }, h),
      state: poolState,
    },
    'addToTalentPool of the city': {
      action: 'addToTalentPool',
      run: (h) => sg.request(ADD, { input: { personId: randomIds.next(), level: 'CITY', year: THIS_YEAR, reason: '入库理由' } }, h),
      state: poolState,
    },
    'removeFromTalentPool of own district': {
      action: 'removeFromTalentPool',
      prepare: async () => (await freshEntry(OWN)).id,
      run: (h, id) => sg.request(REMOVE, { input: { id, reason: '出库理由', expectedVersion: 1 } }, h),
      state: entryState,
    },
    'removeFromTalentPool of another district': {
      action: 'removeFromTalentPool',
      prepare: async () => (await freshEntry(OTHER)).id,
      run: (h, id) => sg.request(REMOVE, { input: { id, reason: '出库理由', expectedVersion: 1 } }, h),
      state: entryState,
    },
    'renewTalentPool of own district': {
      action: 'renewTalentPool',
      run: (h) => sg.request(RENEW, { input: { fromYear: THIS_YEAR, toYear: THIS_YEAR + 1, level: 'DISTRICT', districtCode: OWN } }, h),
      state: poolState,
    },
    'renewTalentPool of the city': {
      action: 'renewTalentPool',
      run: (h) => sg.request(RENEW, { input: { fromYear: THIS_YEAR, toYear: THIS_YEAR + 1, level: 'CITY' } }, h),
      state: poolState,
    },
    setTalentPoolQuota: {
      action: 'setTalentPoolQuota',
      run: (h) => sg.request(QUOTA, { input: { year: THIS_YEAR, level: 'DISTRICT', districtCode: OWN, minimum: 40 } }, h),
      state: async () => expectData(await sg.request(COMPLIANCE.replace('{ count }', '{ minimum }'))).talentPoolCompliance,
    },
    'recordPoliticalArrangement of own district': {
      action: 'recordPoliticalArrangement',
      run: (h) => sg.request(RECORD_ARRANGEMENT, { input: arrangementForm(OWN) }, h),
      state: arrangementState,
    },
    'recordPoliticalArrangement of another district': {
      action: 'recordPoliticalArrangement',
      run: (h) => sg.request(RECORD_ARRANGEMENT, { input: arrangementForm(OTHER) }, h),
      state: arrangementState,
    },
    'confirmTalentPoolEntry of own district': {
      action: 'confirmTalentPoolEntry',
      prepare: () => reviewEntry(OWN),
      run: (h, id) => sg.request(CONFIRM, { input: { id, expectedVersion: 1 } }, h),
      state: entryState,
    },
    'confirmTalentPoolEntry of another district': {
      action: 'confirmTalentPoolEntry',
      prepare: () => reviewEntry(OTHER),
      run: (h, id) => sg.request(CONFIRM, { input: { id, expectedVersion: 1 } }, h),
      state: entryState,
    },
    'confirmTalentPoolEntry of the city pool': {
      action: 'confirmTalentPoolEntry',
      prepare: () => reviewEntry(null),
      run: (h, id) => sg.request(CONFIRM, { input: { id, expectedVersion: 1 } }, h),
      state: entryState,
    },
    // Internal: only the persons subgraph's service identity publishes statuses; every user is refused.
    applyPersonStatuses: {
      action: 'applyPersonStatuses',
      run: (h) => sg.request(APPLY_STATUSES, { c: [{ personId: subject, status: 'ARCHIVED', version: 99 }] }, h),
      state: async () => sg.running.dataSource.query('SELECT * FROM person_status ORDER BY person_id'),
    },
    'changePoliticalArrangementStatus of own district': {
      action: 'changePoliticalArrangementStatus',
      prepare: async () => (await arrangement(OWN)).id,
      run: (h, id) => sg.request(CHANGE, { input: { id, status: 'ENDED', expectedVersion: 1 } }, h),
      state: async (id) => expectData(await sg.request(`query($id: ID!) { politicalArrangement(id: $id) { status version } }`, { id })).politicalArrangement,
    },
  };

  const ok = 'ok' as const;
  const no = 'FORBIDDEN' as const;
  // Columns follow `operations`, in order.
  const table: Record<Caller, Outcome[]> = {
    //             scheme pool own↓ city↓ | entry own other city | cand own city | compl | arr own other list | define add addCity rm rm↛ renew renewCity quota | rec rec↛ | confirm own other city | apply | change
    city: /*    */ [ok, ok, ok, ok, /*  */ ok, ok, ok, /*    */ ok, ok, /*   */ ok, /**/ ok, ok, ok, /*   */ ok, ok, ok, ok, ok, ok, ok, ok, /*   */ ok, ok, /**/ ok, ok, ok, /**/ no, /**/ ok],
    district: /**/ [ok, ok, ok, no, /*  */ ok, no, no, /*    */ ok, no, /*   */ ok, /**/ ok, no, ok, /*   */ no, ok, no, ok, no, ok, no, no, /*   */ ok, no, /**/ ok, no, no, /**/ no, /**/ ok],
    otherDistrict: [ok, ok, no, no, /*  */ no, ok, no, /*    */ no, no, /*   */ ok, /**/ no, ok, ok, /*   */ no, no, no, no, ok, no, no, no, /*   */ no, ok, /**/ no, ok, no, /**/ no, /**/ no],
    analyst: /* */ [ok, ok, ok, ok, /*  */ ok, ok, ok, /*    */ ok, ok, /*   */ ok, /**/ ok, ok, ok, /*   */ no, no, no, no, no, no, no, no, /*   */ no, no, /**/ no, no, no, /**/ no, /**/ no],
    person: /*  */ [no, no, no, no, /*  */ no, no, no, /*    */ no, no, /*   */ no, /**/ no, no, no, /*   */ no, no, no, no, no, no, no, no, /*   */ no, no, /**/ no, no, no, /**/ no, /**/ no],
    association: [no, no, no, no, /*  */ no, no, no, /*    */ no, no, /*   */ no, /**/ no, no, no, /*   */ no, no, no, no, no, no, no, no, /*   */ no, no, /**/ no, no, no, /**/ no, /**/ no],
  };
  const names = Object.keys(operations);
  const cases = (Object.keys(table) as Caller[]).flatMap((caller) => {
    expect(table[caller]).toHaveLength(names.length);
    return names.map((op, i) => [caller, op, table[caller][i]!] as const);
  });
  const auditCount = async (action: string, outcome: string) => expectData(await sg.request(AUDITED, { f: { action, outcome } })).evaluationAuditEvents.events.length;

  it.each(cases)('%s: %s → %s', async (caller, name, outcome) => {
    const op = operations[name]!;
    const id = op.prepare ? await op.prepare() : undefined;
    const before = op.action ? { state: await op.state!(id), succeeded: await auditCount(op.action, 'SUCCEEDED'), refused: await auditCount(op.action, 'REFUSED') } : undefined;
    const res = await op.run(headers[caller], id);
    if (outcome === 'ok') expectData(res);
    else {
      expect(errorCodes(res)).toEqual([outcome]);
      expect(Object.values(res.data ?? {}).every((v) => v === null)).toBe(true);
      expect(res.errors![0]!.message).not.toMatch(/not allowed to do this/);
    }
    if (!op.action) return;
    const kind = outcome === 'ok' ? 'SUCCEEDED' : 'REFUSED';
    expect(await auditCount(op.action, 'SUCCEEDED')).toBe(before!.succeeded + (kind === 'SUCCEEDED' ? 1 : 0));
    expect(await auditCount(op.action, 'REFUSED')).toBe(before!.refused + (kind === 'REFUSED' ? 1 : 0));
    // A refused write leaves everything as it was (the fresh rows some operations make first aside).
    if (outcome !== 'ok') expect(await op.state!(id)).toEqual(before!.state);
  });

  it('refuses TalentPoolEntry and PoliticalArrangement references per row', async () => {
    const r = [
      { __typename: 'TalentPoolEntry', id: ownEntry },
      { __typename: 'TalentPoolEntry', id: otherEntry },
      { __typename: 'TalentPoolEntry', id: cityEntry },
      { __typename: 'PoliticalArrangement', id: ownArrangement },
      { __typename: 'PoliticalArrangement', id: otherArrangement },
    ];
    const ids = [ownEntry, otherEntry, cityEntry, ownArrangement, otherArrangement];
    expectEntityOutcomes(await sg.request(ENTITIES, { r }, headers.district), [ok, no, no, ok, no], (i) => ({ id: ids[i] }));
    expectEntityOutcomes(await sg.request(ENTITIES, { r }, headers.analyst), [ok, ok, ok, ok, ok], (i) => ({ id: ids[i] }));
    expectEntityOutcomes(await sg.request(ENTITIES, { r }, headers.person), [no, no, no, no, no], () => null);
  });

  it("limits a person's pool entries, arrangements and isRepresentative to the caller's scope, without errors", async () => {
    const ask = async (caller: Caller) => sg.request(PERSON, { r: [{ __typename: 'Person', id: subject }] }, headers[caller]);
    const all = expectData(await ask('analyst'))._entities[0];
    // This year's (the table's renewals added next year's).
    const thisYear = (entries: any[]) => entries.filter((e) => e.year === THIS_YEAR).map((e) => e.id);
    expect(thisYear(all.talentPool).sort()).toEqual([ownEntry, otherEntry, cityEntry].sort());
    expect(all.politicalArrangements).toHaveLength(2);
    expect(all.isRepresentative).toBe(true);
    const district = expectData(await ask('district'))._entities[0];
    expect(thisYear(district.talentPool)).toEqual([ownEntry]);
    expect(district.talentPool.every((e: any) => e.year === THIS_YEAR || e.year === THIS_YEAR + 1)).toBe(true);
    expect(district.politicalArrangements.map((e: any) => e.id)).toEqual([ownArrangement]);
    const person = await ask('person');
    expect(errorCodes(person)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
  });

  it('says why: a district administrator and the city pool, an analyst and the pool', async () => {
    const city = await sg.request(POOL, { f: { districtCode: CITY } }, headers.district);
    expect(city.errors![0]!.message).toBe('A district administrator of 鹿城区 (330302) cannot read talent pool entries of 温州市 (330300).');
    const add = await sg.request(ADD, { input: { personId: randomIds.next(), level: 'DISTRICT', districtCode: OWN, year: THIS_YEAR, reason: '入库理由' } }, headers.analyst);
    expect(add.errors![0]!.message).toBe('An analyst can read talent pool entries but cannot change them.');
    const define = await sg.request(DEFINE, { input: { year: 2030, weights: [] } }, headers.district);
    expect(define.errors![0]!.message).toBe('Only city administrators can define evaluation schemes.');
  });
});

/**
 * The city's expectations of the districts (区县考核): every role that reads aggregates reads them,
 * the same answer for each; only city administrators set them (setScorecardExpectations), the others
 * are refused FORBIDDEN with nothing written and the refusal in the audit log.
 */
describe('roles: the scorecard expectations', () => {
  let sg: TestSubgraph<EvaluationServices>;
  const headers = {} as Record<Caller, Record<string, string>>;
  const GET = `query($year: Int!) { scorecardExpectations(year: $year) { year registrations activitiesPerMonth onTimeRate poolCompliant defaults version } }`;
  const SET = `mutation($input: SetScorecardExpectationsInput!) { setScorecardExpectations(input: $input) { expectations { version } } }`;
  const AUDITED = `query($f: AuditEventFilter) { evaluationAuditEvents(filter: $f, first: 1000) { events { outcome role detail } } }`;
  const rows = () => sg.running.dataSource.query('SELECT * FROM scorecard_expectation ORDER BY year');
  const events = async (outcome: string) => expectData(await sg.request(AUDITED, { f: { action: 'setScorecardExpectations', outcome } })).evaluationAuditEvents.events;

  beforeAll(async () => {
    sg = await startTestSubgraph(evaluationSubgraph);
    const bearer = async (claims: Parameters<typeof tokenFor>[0]) => ({ authorization: `Bearer ${await tokenFor(claims)}` });
    headers.city = await bearer({ role: Role.CITY_ADMIN });
    headers.district = await bearer({ role: Role.DISTRICT_ADMIN, district: OWN });
    headers.otherDistrict = await bearer({ role: Role.DISTRICT_ADMIN, district: OTHER });
    headers.analyst = await bearer({ role: Role.ANALYST });
    headers.person = await bearer({ role: Role.PERSON, person: randomIds.next() });
    headers.association = await bearer({ role: Role.ASSOCIATION_ADMIN, org: '01900000-0000-7000-8000-0000000000aa' });
  });
  afterAll(async () => {
    await sg?.stop();
  });

  const readers: Record<Caller, 'ok' | 'FORBIDDEN'> = { city: 'ok', district: 'ok', otherDistrict: 'ok', analyst: 'ok', person: 'FORBIDDEN', association: 'FORBIDDEN' };
  it.each(Object.entries(readers))('scorecardExpectations, %s → %s', async (caller, outcome) => {
    const res = await sg.request(GET, { year: THIS_YEAR }, headers[caller as Caller]);
    if (outcome === 'ok') expect(expectData(res).scorecardExpectations).toEqual(expectData(await sg.request(GET, { year: THIS_YEAR }, headers.city)).scorecardExpectations);
    else expect(errorCodes(res)).toEqual(['FORBIDDEN']);
  });

  const writers: Array<[Caller, Outcome]> = [
    ['district', 'FORBIDDEN'],
    ['otherDistrict', 'FORBIDDEN'],
    ['analyst', 'FORBIDDEN'],
    ['person', 'FORBIDDEN'],
    ['association', 'FORBIDDEN'],
    ['city', 'ok'],
  ];
  it.each(writers)('setScorecardExpectations, %s → %s', async (caller, outcome) => {
    const before = { rows: await rows(), succeeded: (await events('SUCCEEDED')).length, refused: (await events('REFUSED')).length };
    const res = await sg.request(SET, { input: { year: THIS_YEAR, registrations: 20, activitiesPerMonth: 2, onTimeRate: 0.85, poolCompliant: true } }, headers[caller]);
    if (outcome === 'ok') {
      expect(expectData(res).setScorecardExpectations.expectations.version).toBe(before.rows.length ? before.rows[0].version + 1 : 1);
      expect(await events('SUCCEEDED')).toHaveLength(before.succeeded + 1);
      return;
    }
    expect(errorCodes(res)).toEqual([outcome]);
    expect(res.data?.setScorecardExpectations ?? null).toBeNull();
    expect(res.errors![0]!.message).toBe('Only city administrators can set the scorecard expectations.');
    expect(await rows()).toEqual(before.rows);
    expect(await events('SUCCEEDED')).toHaveLength(before.succeeded);
    const refused = await events('REFUSED');
    expect(refused).toHaveLength(before.refused + 1);
    expect(refused[0]).toEqual({ outcome: 'REFUSED', role: ROLE_OF[caller], detail: auditDetailOf(res.errors![0]!) });
  });
});

/** The audit detail of a refused or failed request: its code and message, or for a bad input the fields it named (never what was sent). */
function auditDetailOf(error: { message: string; extensions?: Record<string, any> }): string {
  const code = error.extensions?.code as string;
  if (code !== 'BAD_USER_INPUT') return `${code}: ${error.message}`;
  const fields = [...new Set(((error.extensions?.fields ?? []) as { field: string }[]).map((f) => f.field))];
  return `BAD_USER_INPUT: invalid ${fields.length ? fields.join(', ') : 'the input'}`;
}
