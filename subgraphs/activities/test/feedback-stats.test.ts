import { createLogger, openDatabase, randomIds, Role, systemContext } from '@tongxin/common';
import { activitiesSubgraph, ActivitiesServices, FeedbackImport } from '@tongxin/activities';
import { tokenFor } from '../../../test/harness/auth';
import { freshDatabase } from '../../../test/harness/database';
import { expectData } from '../../../test/harness/graphql-client';
import { startTestSubgraph, TestSubgraph } from '../../../test/harness/subgraph';

/**
 * feedbackStats (issue 16 §3: the dashboard's feedback by state and kind, overdue ones by
 * district, answered on time for the district scorecard), over feedback with a history the test
 * imports, so that due dates and reply days are known.
 */
const STATS = `query($g: [FeedbackStatsDimension!]!, $f: FeedbackStatsFilter) {
  feedbackStats(groupBy: $g, filter: $f) { district { code } kind status month count open overdue responded respondedOnTime suppressed }
}`;
const HANDLE = `mutation($input: HandleFeedbackInput!) { handleFeedback(input: $input) { feedback { id version status } } }`;

const at = (iso: string) => new Date(iso);
const draft = (districtCode: string, kind: string) => ({ kind, title: '关于营商环境', content: '希望简化审批流程。', personId: randomIds.next(), districtCode });

describe('feedbackStats', () => {
  let sg: TestSubgraph<ActivitiesServices>;
  let fresh: string;

  beforeAll(async () => {
    sg = await startTestSubgraph(activitiesSubgraph);
    const rows: FeedbackImport[] = [
      // 鹿城区: answered on time (due 01-25), answered late (due 01-27), rejected on time (due 02-08), open and overdue (due 02-12).
      {
        draft: draft('330302', 'OPINION'),
        submittedAt: at('2026-01-10T02:00:00Z'),
        steps: [
          { to: 'ACCEPTED', at: at('2026-01-11T02:00:00Z') },
          { to: 'ANSWERED', at: at('2026-01-20T02:00:00Z'), answer: '已答复。' },
        ],
      },
      {
        draft: draft('330302', 'OPINION'),
        submittedAt: at('2026-01-12T02:00:00Z'),
        steps: [
          { to: 'ACCEPTED', at: at('2026-01-13T02:00:00Z') },
          { to: 'ANSWERED', at: at('2026-02-10T02:00:00Z'), answer: '已答复。' },
        ],
      },
      { draft: draft('330302', 'CONSULTATION'), submittedAt: at('2026-02-01T02:00:00Z'), steps: [{ to: 'REJECTED', at: at('2026-02-03T02:00:00Z'), note: '不属于受理范围' }] },
      { draft: draft('330302', 'CONSULTATION'), submittedAt: at('2026-02-05T02:00:00Z') },
      // 龙湾区: submitted at 01:00 on 1 February in China (still January in UTC): open and overdue.
      { draft: draft('330303', 'OPINION'), submittedAt: at('2026-01-31T17:00:00Z') },
    ];
    await sg.running.services.feedback.submitMany(systemContext(), rows);
    // Submitted now, through the API: open, not yet due.
    fresh = expectData(await sg.request(`mutation($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { feedback { id version } } }`, { input: draft('330303', 'OPINION') })).submitFeedback
      .feedback.id;
  });
  afterAll(async () => {
    await sg?.stop();
  });

  const stats = async (groupBy: string[], filter?: Record<string, unknown>, headers?: Record<string, string>) =>
    expectData(await sg.request(STATS, { g: groupBy, f: filter ?? null }, headers)).feedbackStats as Array<Record<string, any>>;

  it('counts submitted, open, overdue, replied and replied on time by district', async () => {
    const rows = await stats(['DISTRICT']);
    expect(rows.map((r) => [r.district.code, r.count, r.open, r.overdue, r.responded, r.respondedOnTime, r.suppressed])).toEqual([
      ['330302', 4, 1, 1, 3, 2, false],
      ['330303', 2, 2, 1, 0, 0, false],
    ]);
  });

  it('groups by kind and status, and by the month of submission in China time', async () => {
    expect((await stats(['KIND', 'STATUS'])).map((r) => [r.kind, r.status, r.count])).toEqual([
      ['CONSULTATION', 'REJECTED', 1],
      ['CONSULTATION', 'SUBMITTED', 1],
      ['OPINION', 'ANSWERED', 2],
      ['OPINION', 'SUBMITTED', 2],
    ]);
    const months = (await stats(['MONTH'])).map((r) => [r.month, r.count]);
    expect(months.slice(0, 2)).toEqual([
      ['2026-01', 2],
      ['2026-02', 3],
    ]);
    expect(months).toHaveLength(3); // and the month of the one submitted now
  });

  it('filters by district, kind and the days of submission (China dates, both ends included)', async () => {
    expect((await stats([], { districtCode: '330302', kind: 'OPINION' })).map((r) => r.count)).toEqual([2]);
    expect((await stats([], { submittedFrom: '2026-02-01', submittedTo: '2026-02-05' })).map((r) => r.count)).toEqual([3]);
    expect((await stats([], { submittedTo: '2026-01-31' })).map((r) => r.count)).toEqual([2]);
  });

  it('records the day of the reply when feedback is answered through the API', async () => {
    const accepted = expectData(await sg.request(HANDLE, { input: { id: fresh, expectedVersion: 1, to: 'ACCEPTED' } })).handleFeedback.feedback;
    expectData(await sg.request(HANDLE, { input: { id: fresh, expectedVersion: accepted.version, to: 'ANSWERED', answer: '已答复，谢谢。' } }));
    const [longwan] = await stats(['DISTRICT'], { districtCode: '330303' });
    expect([longwan!.open, longwan!.responded, longwan!.respondedOnTime]).toEqual([1, 1, 1]);
  });

  it('suppresses groups of fewer than five persons below exact access, and is refused to a person', async () => {
    const analyst = { authorization: `Bearer ${await tokenFor({ role: Role.ANALYST })}` };
    const rows = await stats(['DISTRICT'], undefined, analyst);
    expect(rows.every((r) => r.suppressed && r.count === null && r.overdue === null)).toBe(true);
    // A district administrator sees their own district exactly, another controlled.
    const district = { authorization: `Bearer ${await tokenFor({ role: Role.DISTRICT_ADMIN, district: '330302' })}` };
    expect((await stats(['DISTRICT'], undefined, district)).map((r) => [r.district?.code ?? null, r.count, r.suppressed])).toEqual([
      ['330302', 4, false],
      ['330303', null, true],
    ]);
    const person = { authorization: `Bearer ${await tokenFor({ role: Role.PERSON, person: randomIds.next() })}` };
    expect((await sg.request(STATS, { g: ['DISTRICT'] }, person)).errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });

  it('refuses a range that ends before it starts and a malformed district with BAD_USER_INPUT', async () => {
    const res = await sg.request(STATS, { g: [], f: { submittedFrom: '2026-03-01', submittedTo: '2026-02-01', districtCode: '33' } });
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect((res.errors![0]!.extensions!.fields as Array<{ field: string }>).map((f) => f.field).sort()).toEqual(['filter.districtCode', 'filter.submittedTo']);
  });
});

describe('the FeedbackRespondedOn migration', () => {
  it('takes the day of the reply from the first step to ANSWERED or REJECTED, as a China date; open feedback has none', async () => {
    const db = freshDatabase();
    const log = createLogger('activities', 'silent');
    const migrations = activitiesSubgraph.migrations;
    const dialect = db.config.type;
    const index = migrations[dialect].findIndex((m) => m.name.startsWith('FeedbackRespondedOn'));
    expect(index).toBeGreaterThan(0);
    const ids = ['01900000-0000-7000-8000-000000000001', '01900000-0000-7000-8000-000000000002', '01900000-0000-7000-8000-000000000003'];
    try {
      const before = await openDatabase(db.config, { ...activitiesSubgraph, migrations: { ...migrations, [dialect]: migrations[dialect].slice(0, index) } }, log);
      for (const [i, id] of ids.entries()) {
        const status = ['ANSWERED', 'REJECTED', 'ACCEPTED'][i];
        await before.dataSource.query(
          "INSERT INTO feedback (id, kind, title, content, person_id, district_code, status, submitted_at, due_on, version, created_at, updated_at) VALUES (?, 'OPINION', '标题', '内容内容内容', ?, '330302', ?, '2026-01-10 02:00:00', '2026-01-25', 2, '2026-01-10 02:00:00', '2026-01-10 02:00:00')",
          [id, randomIds.next(), status],
        );
      }
      const step = (feedbackId: string, to: string, at: string) =>
        before.dataSource.query("INSERT INTO feedback_step (id, feedback_id, from_status, to_status, actor_subject, actor_role, at) VALUES (?, ?, NULL, ?, 'importer', 'SYSTEM', ?)", [
          randomIds.next(),
          feedbackId,
          to,
          at,
        ]);
      await step(ids[0]!, 'ACCEPTED', '2026-01-11 02:00:00');
      await step(ids[0]!, 'ANSWERED', '2026-01-25 16:30:00'); // 00:30 on 26 January in China: one day late
      await step(ids[1]!, 'REJECTED', '2026-01-12 03:00:00');
      await step(ids[2]!, 'ACCEPTED', '2026-01-12 03:00:00');
      await before.close();
      const after = await openDatabase(db.config, activitiesSubgraph, log);
      const rows: Array<{ id: string; responded_on: string | Date | null }> = await after.dataSource.query('SELECT id, responded_on FROM feedback ORDER BY id');
      const day = (v: string | Date | null) =>
        v === null ? null : v instanceof Date ? `${v.getFullYear()}-${String(v.getMonth() + 1).padStart(2, '0')}-${String(v.getDate()).padStart(2, '0')}` : String(v).slice(0, 10);
      expect(rows.map((r) => [r.id, day(r.responded_on)])).toEqual([
        [ids[0], '2026-01-26'],
        [ids[1], '2026-01-12'],
        [ids[2], null],
      ]);
      await after.close();
    } finally {
      await db.drop(['activities']);
    }
  });
});
