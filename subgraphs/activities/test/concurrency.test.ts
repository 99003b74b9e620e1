import { randomIds, systemContext, tallyDrift, TransactionalConnection } from '@tongxin/common';
import { ActivitiesServices, ActivityEntity, activitiesSubgraph } from '@tongxin/activities';
import { ACTIVITY_TALLY, ACTIVITY_TALLY_SPECS } from '../src/activity/activity-tally';
import { expectData } from '../../../test/harness/graphql-client';
import { startTestSubgraph, TestSubgraph } from '../../../test/harness/subgraph';

const READ = `query($id: ID!) { activity(id: $id) { id title } }`;

/** Resolves after `n` turns of the microtask queue. */
async function afterTicks(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await Promise.resolve();
}

/**
 * Writes outside a transaction and reads during one. On SQLite every write joins the one
 * writer's queue of transactions, and reads outside a transaction go to a second, read-only
 * connection that sees only committed rows; on MySQL the pool keeps them apart.
 */
describe('activities subgraph: concurrent writes and reads', () => {
  let sg: TestSubgraph<ActivitiesServices>;
  beforeAll(async () => {
    sg = await startTestSubgraph(activitiesSubgraph);
  });
  afterAll(async () => {
    await sg?.stop();
  });

  const activityInput = (title: string, extra: Record<string, unknown> = {}) => ({
    title,
    kind: 'SOCIAL_SERVICE',
    districtCode: '330304',
    startsAt: '2026-05-20T09:00:00+08:00',
    ...extra,
  });

  it('keeps every activity created while participations refused with CONFLICT roll back beside it', async () => {
    const ctx = systemContext({ ids: randomIds });
    const { activities, participations } = sg.running.services;
    const full = await activities.create(ctx, activityInput('满员的讲座', { capacity: 1 }) as never);
    await participations.record(ctx, { activityId: full.id, personId: randomIds.next() } as never);

    // Started together, as the requests of many users are, the creates spread over the time the
    // refused transactions are open: their statements interleave.
    const refusals: Promise<string>[] = [];
    const creates: Promise<string>[] = [];
    for (let i = 0; i < 30; i++) {
      refusals.push(
        participations.record(ctx, { activityId: full.id, personId: randomIds.next() } as never).then(
          () => 'recorded',
          (e: { extensions?: { code?: string } }) => String(e.extensions?.code),
        ),
      );
      creates.push(afterTicks(i * 7).then(async () => (await activities.create(ctx, activityInput(`并发活动 ${i}`) as never)).id));
    }
    expect(new Set(await Promise.all(refusals))).toEqual(new Set(['CONFLICT']));
    const outcomes = await Promise.all(
      creates.map((p) =>
        p.then(
          (id) => ({ id, error: null }),
          (e: Error) => ({ id: null, error: e.message }),
        ),
      ),
    );
    expect(outcomes.filter((o) => o.error !== null)).toEqual([]);
    const ids = outcomes.map((o) => o.id!);
    const stored = await activities.findByIds(ctx, ids);
    expect(stored.map((a) => a.id).sort()).toEqual([...ids].sort());
    const missing: string[] = [];
    for (const id of ids) {
      if (expectData(await sg.request(READ, { id })).activity?.id !== id) missing.push(id);
    }
    expect(missing).toEqual([]);
  });

  it('commits bulk writes side by side that add to the same tally rows in opposite orders (no deadlock), and keeps the tally exact', async () => {
    // Without inTallyOrder MariaDB rolled back about one pair in six of these with a deadlock:
    // each transaction's triggers upserted the two districts' tally rows in its rows' order.
    const { activities, participations } = sg.running.services;
    const system = systemContext();
    const a = (title: string, districtCode: string, day: number) => activityInput(title, { districtCode, startsAt: `2026-05-${day}T09:00:00+08:00`, status: 'OPEN' });
    const failures: string[] = [];
    const settle = async (work: Array<Promise<unknown>>) => {
      for (const r of await Promise.allSettled(work)) if (r.status === 'rejected') failures.push(String(r.reason));
    };
    for (let round = 0; round < 15; round++) {
      const [a1, a2, b1, b2] = (await activities.createMany(system, [a('甲一', '330302', 10), a('甲二', '330302', 11), a('乙一', '330303', 10), a('乙二', '330303', 11)])) as [
        string,
        string,
        string,
        string,
      ];
      const rows = (first: string, second: string) => [first, second].flatMap((activityId) => Array.from({ length: 30 }, () => ({ activityId, personId: randomIds.next() })));
      await settle([participations.recordMany(system, rows(a1, b1) as never), participations.recordMany(system, rows(b2, a2) as never)]);
      await settle([activities.createMany(system, [a('丙一', '330302', 12), a('丙二', '330303', 12)]), activities.createMany(system, [a('丁二', '330303', 12), a('丁一', '330302', 12)])]);
    }
    expect(failures).toEqual([]);
    const dialect = sg.running.conn.isSqlite ? 'sqlite' : 'mysql';
    expect(await tallyDrift(sg.running.dataSource, ACTIVITY_TALLY_SPECS, ACTIVITY_TALLY, dialect)).toEqual([]);
  });

  it('does not let a write outside a transaction land inside another one that then rolls back', async () => {
    const ctx = systemContext({ ids: randomIds });
    // Another connection object over the subgraph's data source, as a script's would be: on
    // SQLite its transactions wait in the same queue as the services'.
    const conn = new TransactionalConnection(sg.running.dataSource);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const inside = new Promise<void>((resolve) => (started = resolve));
    const failing = conn
      .transaction(ctx, async (tx) => {
        await conn.repo(tx, ActivityEntity).count();
        started();
        await gate;
        throw new Error('rolled back on purpose');
      })
      .catch((e: Error) => e.message);
    await inside;
    const created = sg.running.services.activities.create(ctx, activityInput('事务之外的活动') as never);
    // Let the create go as far as it can while the other transaction is open.
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    expect(await failing).toBe('rolled back on purpose');
    const activity = await created;
    expect((await sg.running.services.activities.findByIds(ctx, [activity.id])).map((a) => a.id)).toEqual([activity.id]);
  });

  it('does not show rows of a transaction that has not committed to reads outside it', async () => {
    const ctx = systemContext({ ids: randomIds });
    const conn = new TransactionalConnection(sg.running.dataSource);
    const id = randomIds.next();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const inside = new Promise<void>((resolve) => (started = resolve));
    const writing = conn.transaction(ctx, async (tx) => {
      await conn.repo(tx, ActivityEntity).insert({ id, title: '尚未提交', kind: 'SOCIAL_SERVICE', districtCode: '330304', startsAt: new Date('2026-05-20T01:00:00Z'), status: 'PLANNED' });
      started();
      await gate;
    });
    await inside;
    try {
      expect(await sg.running.services.activities.findByIds(ctx, [id])).toEqual([]);
      const res = await sg.request(READ, { id });
      expect(expectData(res).activity).toBeNull();
    } finally {
      release();
      await writing;
    }
    expect(expectData(await sg.request(READ, { id })).activity).toEqual({ id, title: '尚未提交' });
  });

  (process.env.TEST_DB === 'mysql' ? it.skip : it)('refuses, on file-based SQLite, a write that does not go through a transaction', async () => {
    const ctx = systemContext({ ids: randomIds });
    const conn = sg.running.conn;
    expect(conn.hasSeparateReader).toBe(true);
    const row = { id: randomIds.next(), title: '绕过事务', kind: 'SOCIAL_SERVICE', districtCode: '330304', startsAt: new Date('2026-05-20T01:00:00Z'), status: 'PLANNED' };
    await expect(conn.repo(ctx, ActivityEntity).insert(row)).rejects.toThrow(/readonly/);
    await conn.transaction(ctx, (tx) => conn.repo(tx, ActivityEntity).insert(row));
    expect((await conn.findByIds(ctx, ActivityEntity, [row.id])).map((a) => a.title)).toEqual(['绕过事务']);
  });
});
