import { randomIds, Role, systemContext } from '@tongxin/common';
import { ActivitiesServices, activitiesSubgraph, FeedbackImport } from '@tongxin/activities';
import { tokenFor } from '../../../test/harness/auth';
import { errorCodes, expectData } from '../../../test/harness/graphql-client';
import { startTestSubgraph, TestSubgraph } from '../../../test/harness/subgraph';

const FIELDS = `id kind title content person { id } district { code } status department answer rejectReason submittedAt dueOn overdue version activity { id }`;
const SUBMIT = `mutation($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { feedback { ${FIELDS} } } }`;
const HANDLE = `mutation($input: HandleFeedbackInput!) { handleFeedback(input: $input) { feedback { ${FIELDS} } } }`;
const READ = `query($id: ID!) { feedback(id: $id) { ${FIELDS} steps(first: 20) { totalCount edges { node { from to actor actorRole at department note } } } } }`;
const LIST = `query($filter: FeedbackFilter, $first: Int, $after: String) {
  feedbacks(filter: $filter, first: $first, after: $after) { totalCount edges { node { id overdue status steps(first: 10) { totalCount edges { node { to } } } } } pageInfo { hasNextPage endCursor } }
}`;
const PERSON_FEEDBACK = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id feedback(first: 5) { totalCount edges { node { id steps(first: 5) { edges { node { to } } } } } } } } }`;

const STATUSES = ['SUBMITTED', 'ACCEPTED', 'FORWARDED', 'ANSWERED', 'CLOSED', 'REJECTED'] as const;
type Status = (typeof STATUSES)[number];
const ALLOWED: Record<Status, Status[]> = {
  SUBMITTED: ['ACCEPTED', 'REJECTED'],
  ACCEPTED: ['FORWARDED', 'ANSWERED', 'REJECTED'],
  FORWARDED: ['ANSWERED'],
  ANSWERED: ['CLOSED'],
  CLOSED: [],
  REJECTED: [],
};
const PATH: Record<Status, Status[]> = {
  SUBMITTED: [],
  ACCEPTED: ['ACCEPTED'],
  FORWARDED: ['ACCEPTED', 'FORWARDED'],
  ANSWERED: ['ACCEPTED', 'ANSWERED'],
  CLOSED: ['ACCEPTED', 'ANSWERED', 'CLOSED'],
  REJECTED: ['REJECTED'],
};
/** What each step needs. */
const detail = (to: string) => ({
  department: to === 'FORWARDED' ? '市人力社保局' : null,
  answer: to === 'ANSWERED' ? '已协调解决' : null,
  note: to === 'REJECTED' ? '不属于受理范围' : null,
});

describe('activities subgraph: feedback and its handling workflow', () => {
  let sg: TestSubgraph<ActivitiesServices>;
  let activityId: string;
  const personP = randomIds.next();
  let personHeaders: Record<string, string>;
  const count = async (table: string): Promise<number> => Number((await sg.running.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
  const base = { kind: 'RIGHTS_PROTECTION', title: '劳动合同纠纷求助', content: '公司拖欠三个月工资，请求帮助协调。', districtCode: '330302' };
  const importOne = async (row: Partial<FeedbackImport> & { draft?: Record<string, unknown> }): Promise<string> =>
    (await sg.running.services.feedback.submitMany(systemContext(), [{ ...row, draft: { ...base, personId: randomIds.next(), ...row.draft } } as FeedbackImport]))[0]!;
  const atStatus = (status: Status, districtCode = '330302') => {
    let t = Date.now() - 3600_000;
    return importOne({ draft: { districtCode }, submittedAt: new Date(t), steps: PATH[status].map((to) => ({ to, at: new Date((t += 60_000)), ...detail(to) })) });
  };
  const read = async (id: string) => expectData(await sg.request(READ, { id })).feedback;

  beforeAll(async () => {
    sg = await startTestSubgraph(activitiesSubgraph);
    [activityId] = (await sg.running.services.activities.createMany(systemContext(), [
      { title: '律师志愿服务日', kind: 'SOCIAL_SERVICE', districtCode: '330302', startsAt: '2026-05-20T09:00:00+08:00' },
    ])) as [string];
    personHeaders = { authorization: `Bearer ${await tokenFor({ role: Role.PERSON, person: personP })}` };
  });
  afterAll(async () => {
    await sg?.stop();
  });

  it('takes a submission on behalf of a person, with its first step and due date', async () => {
    const { feedback } = expectData(await sg.request(SUBMIT, { input: { ...base, personId: personP, activityId } })).submitFeedback;
    const { districtCode: _d, ...shown } = base;
    expect(feedback).toMatchObject({ ...shown, district: { code: '330302' }, person: { id: personP }, status: 'SUBMITTED', version: 1, overdue: false, activity: { id: activityId } });
    const submitted = new Date(feedback.submittedAt).getTime();
    const chinaDay = new Date(submitted + 8 * 3600_000).toISOString().slice(0, 10);
    expect(feedback.dueOn).toBe(new Date(Date.parse(`${chinaDay}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10));
    const steps = (await read(feedback.id)).steps;
    expect(steps.totalCount).toBe(1);
    expect(steps.edges[0].node).toMatchObject({ from: null, to: 'SUBMITTED', actorRole: 'CITY_ADMIN', actor: expect.any(String) });
  });

  it("lets a person submit their own (the person left out), never somebody else's", async () => {
    const own = expectData(await sg.request(SUBMIT, { input: { ...base, kind: 'SUGGESTION' } }, personHeaders)).submitFeedback.feedback;
    expect(own).toMatchObject({ person: { id: personP }, kind: 'SUGGESTION' });
    const before = await count('feedback');
    const other = await sg.request(SUBMIT, { input: { ...base, personId: randomIds.next() } }, personHeaders);
    expect(errorCodes(other)).toEqual(['FORBIDDEN']);
    expect(await count('feedback')).toBe(before);
  });

  it('names every bad field (BAD_USER_INPUT) and writes nothing', async () => {
    const before = [await count('feedback'), await count('feedback_step')];
    const res = await sg.request(SUBMIT, { input: { kind: 'OPINION', title: 'x', content: '短', districtCode: '330300', activityId: 'nope' } });
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect((res.errors![0]!.extensions!.fields as Array<{ field: string }>).map((f) => f.field).sort()).toEqual(
      ['input.activityId', 'input.content', 'input.districtCode', 'input.personId', 'input.title'].sort(),
    );
    const long = await sg.request(SUBMIT, { input: { ...base, personId: personP, content: '长'.repeat(4001) } });
    expect(long.errors![0]!.extensions!.fields).toEqual([expect.objectContaining({ field: 'input.content' })]);
    const unknownActivity = await sg.request(SUBMIT, { input: { ...base, personId: personP, activityId: randomIds.next() } });
    expect(unknownActivity.errors![0]!.extensions!.fields).toEqual([expect.objectContaining({ field: 'input.activityId' })]);
    expect([await count('feedback'), await count('feedback_step')]).toEqual(before);
  });

  const pairs = STATUSES.flatMap((from) => STATUSES.map((to) => [from, to, ALLOWED[from].includes(to)] as const));
  it.each(pairs)('%s → %s: allowed %s', async (from, to, allowed) => {
    const id = await atStatus(from);
    const version = PATH[from].length + 1;
    expect(await read(id)).toMatchObject({ status: from, version });
    const steps = await count('feedback_step');
    const res = await sg.request(HANDLE, { input: { id, expectedVersion: version, to, ...detail(to) } });
    if (allowed) {
      expect(expectData(res).handleFeedback.feedback).toMatchObject({ status: to, version: version + 1 });
      expect(await count('feedback_step')).toBe(steps + 1);
    } else {
      expect(errorCodes(res)).toEqual(['CONFLICT']);
      expect(res.errors![0]!.extensions).toMatchObject({ field: 'input.to', currentStatus: from });
      expect(await read(id)).toMatchObject({ status: from, version });
      expect(await count('feedback_step')).toBe(steps);
    }
  });

  it('runs the whole workflow and keeps every step with who, when and what', async () => {
    const { feedback } = expectData(await sg.request(SUBMIT, { input: { ...base, personId: personP } })).submitFeedback;
    const district = { authorization: `Bearer ${await tokenFor({ role: Role.DISTRICT_ADMIN, district: '330302', sub: 'clerk-lucheng' })}` };
    const step = async (version: number, to: string, extra: Record<string, unknown> = {}) =>
      expectData(await sg.request(HANDLE, { input: { id: feedback.id, expectedVersion: version, to, ...extra } }, district)).handleFeedback.feedback;
    await step(1, 'ACCEPTED', { note: '已登记' });
    expect(await step(2, 'FORWARDED', { department: '鹿城区人力社保局' })).toMatchObject({ department: '鹿城区人力社保局' });
    expect(await step(3, 'ANSWERED', { answer: '已责令企业补发工资。' })).toMatchObject({ answer: '已责令企业补发工资。' });
    expect(await step(4, 'CLOSED')).toMatchObject({ status: 'CLOSED', version: 5, overdue: false });
    const { steps } = await read(feedback.id);
    expect(steps.edges.map((e: any) => [e.node.from, e.node.to, e.node.actorRole, e.node.department, e.node.note])).toEqual([
      [null, 'SUBMITTED', 'CITY_ADMIN', null, null],
      ['SUBMITTED', 'ACCEPTED', 'DISTRICT_ADMIN', null, '已登记'],
      ['ACCEPTED', 'FORWARDED', 'DISTRICT_ADMIN', '鹿城区人力社保局', null],
      ['FORWARDED', 'ANSWERED', 'DISTRICT_ADMIN', null, null],
      ['ANSWERED', 'CLOSED', 'DISTRICT_ADMIN', null, null],
    ]);
    expect(steps.edges[1].node.actor).toBe('clerk-lucheng');
    const times = steps.edges.map((e: any) => Date.parse(e.node.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('refuses a stale version (CONFLICT) and a step without what it needs (BAD_USER_INPUT, by field)', async () => {
    const id = await atStatus('ACCEPTED');
    const stale = await sg.request(HANDLE, { input: { id, expectedVersion: 1, to: 'REJECTED', note: '重复提交' } });
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
    expect(stale.errors![0]!.extensions).toMatchObject({ currentVersion: 2 });
    for (const [to, field] of [
      ['FORWARDED', 'input.department'],
      ['ANSWERED', 'input.answer'],
      ['REJECTED', 'input.note'],
    ]) {
      const res = await sg.request(HANDLE, { input: { id, expectedVersion: 2, to } });
      expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
      expect(res.errors![0]!.extensions!.fields).toEqual([expect.objectContaining({ field })]);
    }
    const wrongExtra = await sg.request(HANDLE, { input: { id, expectedVersion: 2, to: 'ACCEPTED', department: '某局', answer: '答复' } });
    expect((wrongExtra.errors![0]!.extensions!.fields as Array<{ field: string }>).map((f) => f.field)).toEqual(['input.department', 'input.answer']);
    expect(errorCodes(await sg.request(HANDLE, { input: { id: randomIds.next(), expectedVersion: 1, to: 'ACCEPTED' } }))).toEqual(['NOT_FOUND']);
    expect(await read(id)).toMatchObject({ status: 'ACCEPTED', version: 2 });
  });

  it('shows overdue items: open past their due date (China time), in the list filter as on the field', async () => {
    const longAgo = new Date(Date.now() - 30 * 86_400_000);
    const late = await importOne({ submittedAt: longAgo, draft: { districtCode: '330381' } });
    const lateForwarded = await importOne({
      submittedAt: longAgo,
      draft: { districtCode: '330381', kind: 'OPINION' },
      steps: [
        { to: 'ACCEPTED', at: new Date(longAgo.getTime() + 1000) },
        { to: 'FORWARDED', at: new Date(longAgo.getTime() + 2000), department: '市发改委' },
      ],
    });
    const answered = await importOne({
      submittedAt: longAgo,
      draft: { districtCode: '330381' },
      steps: [
        { to: 'ACCEPTED', at: new Date(longAgo.getTime() + 1000) },
        { to: 'ANSWERED', at: new Date(longAgo.getTime() + 2000), answer: '已答复' },
      ],
    });
    const recent = await importOne({ draft: { districtCode: '330381' } });
    const list = async (overdue: boolean) => expectData(await sg.request(LIST, { filter: { districtCode: '330381', overdue }, first: 50 })).feedbacks.edges.map((e: any) => e.node);
    expect((await list(true)).map((n: any) => n.id)).toEqual([late, lateForwarded]);
    expect((await list(true)).every((n: any) => n.overdue)).toBe(true);
    expect((await list(false)).map((n: any) => n.id)).toEqual([answered, recent]);
    expect((await read(late)).overdue).toBe(true);
    // An opinion submitted at 01:00 on 1 June in China (31 May in UTC) is due 15 China days later.
    const june = await importOne({ submittedAt: new Date('2026-05-31T17:00:00Z'), draft: { kind: 'OPINION' } });
    expect((await read(june)).dueOn).toBe('2026-06-16');
  });

  it('refuses an import whose steps break the workflow, naming the row and step', async () => {
    const before = await count('feedback');
    const now = new Date();
    const earlier = new Date(now.getTime() - 60_000);
    await expect(
      sg.running.services.feedback.submitMany(systemContext(), [
        { draft: { ...base, personId: randomIds.next() }, submittedAt: earlier, steps: [{ to: 'CLOSED', at: now }] },
        {
          draft: { ...base, personId: randomIds.next() },
          submittedAt: earlier,
          steps: [
            { to: 'ACCEPTED', at: now },
            { to: 'FORWARDED', at: now },
          ],
        },
        { draft: { ...base, personId: randomIds.next() }, submittedAt: now, steps: [{ to: 'ACCEPTED', at: earlier }] },
      ]),
    ).rejects.toMatchObject({
      extensions: {
        code: 'BAD_USER_INPUT',
        fields: [
          { field: 'rows[0].steps[0].to', message: 'cannot follow SUBMITTED' },
          { field: 'rows[1].steps[1].department', message: 'is required' },
          { field: 'rows[2].steps[0].at', message: 'is before the step it follows' },
        ],
      },
    });
    expect(await count('feedback')).toBe(before);
  });

  it("refuses a list filter outside the caller's scope (FORBIDDEN) rather than narrowing it, and limits an unfiltered list to it", async () => {
    const district = { authorization: `Bearer ${await tokenFor({ role: Role.DISTRICT_ADMIN, district: '330302' })}` };
    expect(errorCodes(await sg.request(LIST, { filter: { districtCode: '330303' } }, district))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await sg.request(LIST, { filter: { personId: randomIds.next() } }, personHeaders))).toEqual(['FORBIDDEN']);
    const own = expectData(await sg.request(LIST, { first: 100 }, personHeaders)).feedbacks;
    expect(own.totalCount).toBeGreaterThan(0);
    for (const e of own.edges) expect((await read(e.node.id)).person).toEqual({ id: personP });
    const inDistrict = expectData(await sg.request(LIST, { first: 1000 }, district)).feedbacks;
    for (const e of inDistrict.edges.slice(0, 5)) expect((await read(e.node.id)).district).toEqual({ code: '330302' });
    const bad = await sg.request(LIST, { filter: { districtCode: '33', personId: 'x', activityId: 'y' } });
    expect((bad.errors![0]!.extensions!.fields as Array<{ field: string }>).map((f) => f.field)).toEqual(['filter.districtCode', 'filter.personId', 'filter.activityId']);
    for (const role of [Role.ANALYST, Role.ASSOCIATION_ADMIN]) {
      const h = { authorization: `Bearer ${await tokenFor({ role, org: randomIds.next() })}` };
      expect(errorCodes(await sg.request(SUBMIT, { input: { ...base, personId: personP } }, h))).toEqual(['FORBIDDEN']);
    }
  });

  it('lists feedback with their steps in as many statements for 20 as for 2', async () => {
    for (let i = 0; i < 20; i++) await atStatus('ANSWERED', '330383');
    const measure = async (first: number) => {
      const { result, statements } = await sg.statements(() => sg.request(LIST, { filter: { status: 'ANSWERED', districtCode: '330383' }, first }));
      const edges = expectData(result).feedbacks.edges;
      expect(edges).toHaveLength(first);
      for (const e of edges) expect(e.node.steps.totalCount).toBe(3);
      return statements;
    };
    const two = await measure(2);
    expect(await measure(20)).toBe(two);
    expect(two).toBe(5); // page, totalCount, step id pages, step rows, step counts
  });

  it('resolves Person.feedback for 20 persons with as many statements as for 2', async () => {
    const persons = Array.from({ length: 20 }, () => randomIds.next());
    await sg.running.services.feedback.submitMany(
      systemContext(),
      persons.flatMap((personId) => [0, 1].map(() => ({ draft: { ...base, personId } }))),
    );
    const measure = async (n: number) => {
      const { result, statements } = await sg.statements(() => sg.request(PERSON_FEEDBACK, { r: persons.slice(0, n).map((id) => ({ __typename: 'Person', id })) }));
      for (const e of expectData(result)._entities) {
        expect(e.feedback.totalCount).toBe(2);
        expect(e.feedback.edges[0].node.steps.edges).toEqual([{ node: { to: 'SUBMITTED' } }]);
      }
      return statements;
    };
    const two = await measure(2);
    expect(await measure(20)).toBe(two);
    expect(two).toBe(5); // feedback id pages, rows, counts, step id pages, step rows
  });
});
