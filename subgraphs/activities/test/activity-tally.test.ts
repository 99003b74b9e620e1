import { CountingTypeOrmLogger, randomIds, Role, StatsDisclosure, systemContext, tallyDrift, Viewer } from '@tongxin/common';
import { ActivitiesServices, activitiesSubgraph } from '@tongxin/activities';
import { ACTIVITY_TALLY, ACTIVITY_TALLY_SPECS } from '../src/activity/activity-tally';
import { ActivityTally1796670100000 as MysqlActivityTally } from '../src/migrations/mysql/1796670100000-ActivityTally';
import { ActivityTally1796670100000 as SqliteActivityTally } from '../src/migrations/sqlite/1796670100000-ActivityTally';
import { ActivityStatsDimension as D } from '../src/activity/activity.enums';
import { checkActivityFilter } from '../src/activity/activity.filter';
import { ActivityFilter } from '../src/activity/activity.inputs';
import { provablyLarge, tallyFilter } from '../src/activity/activity.service';
import { discloseActivityStats } from '../src/activity/activity-stats.type';
import { tokenFor } from '../../../test/harness/auth';
import { expectData } from '../../../test/harness/graphql-client';
import { startTestSubgraph, TestSubgraph } from '../../../test/harness/subgraph';

/**
 * `activityStats` from activity_tally (issue 16 §4): the triggers keep it equal to a GROUP BY of
 * activities and participations after every service path that writes them; the tally's answer
 * equals the old statement's; a request it can answer reads the tally alone; the others (a text
 * filter, a bound inside a month, a viewer under disclosure control) still take the old statement.
 */

const STATS = `query($groupBy: [ActivityStatsDimension!]!, $filter: ActivityFilter) {
  activityStats(groupBy: $groupBy, filter: $filter) { kind month district { code } activities participations attended hours suppressed }
}`;

describe('activities subgraph: activity_tally', () => {
  let sg: TestSubgraph<ActivitiesServices>;
  let services: ActivitiesServices;
  const system = systemContext();
  const dialect = () => (sg.running.conn.isSqlite ? 'sqlite' : 'mysql');
  const drift = () => tallyDrift(sg.running.dataSource, ACTIVITY_TALLY_SPECS, ACTIVITY_TALLY, dialect());
  const ids: Record<string, string> = {};
  const version = async (id: string) => (await services.activities.getById(system, id)).version;
  const move = async (id: string, changes: Record<string, unknown>) => services.activities.update(system, { id, expectedVersion: await version(id), ...changes } as never);
  const persons = Array.from({ length: 12 }, () => randomIds.next());

  beforeAll(async () => {
    sg = await startTestSubgraph(activitiesSubgraph);
    services = sg.running.services;
  });
  afterAll(async () => {
    await sg?.stop();
  });

  describe('stays equal to its sources after every write', () => {
    it('starts empty and exact (the migration made it)', async () => {
      expect(await sg.running.dataSource.query(`SELECT COUNT(*) AS n FROM ${ACTIVITY_TALLY}`)).toEqual([{ n: expect.anything() }]);
      expect(await drift()).toEqual([]);
    });

    it('follows createMany and create', async () => {
      const a = (title: string, kind: string, districtCode: string, startsAt: string, status: string) => ({ title, kind, districtCode, startsAt, status });
      // 2026-05-31T15:59:59Z is 23:59:59 on 31 May in China; 16:00:00Z is 1 June.
      const made = await services.activities.createMany(system, [
        a('五月学习', 'STUDY_TRAINING', '330302', '2026-05-31T15:59:59Z', 'COMPLETED'),
        a('六月学习', 'STUDY_TRAINING', '330302', '2026-05-31T16:00:00Z', 'COMPLETED'),
        a('六月服务', 'SOCIAL_SERVICE', '330303', '2026-06-15T02:00:00Z', 'ONGOING'),
        a('七月服务', 'SOCIAL_SERVICE', '330303', '2026-07-01T01:00:00Z', 'OPEN'),
        a('无人参加', 'EDUCATION', '330300', '2026-06-10T02:00:00Z', 'PLANNED'),
        a('已取消', 'CULTURE_SPORTS', '330302', '2026-06-20T02:00:00Z', 'CANCELLED'),
      ]);
      ['may', 'june', 'service', 'july', 'empty', 'cancelled'].forEach((name, i) => (ids[name] = made[i]!));
      expect(await drift()).toEqual([]);
      ids.future = (await services.activities.create(system, { title: '将来报名', kind: 'EDUCATION', districtCode: '330303', startsAt: new Date('2099-03-01T02:00:00Z'), status: 'OPEN' } as never)).id;
      expect(await drift()).toEqual([]);
    });

    it('follows participations recorded one by one and in bulk, with attendance and hours', async () => {
      await services.participations.recordMany(system, [
        { activityId: ids.may!, personId: persons[0]!, attendance: 'ATTENDED', hours: 2 },
        { activityId: ids.may!, personId: persons[1]!, attendance: 'EXCUSED' },
        { activityId: ids.june!, personId: persons[0]!, attendance: 'ATTENDED', hours: 3.5 },
        { activityId: ids.june!, personId: persons[2]!, attendance: 'ATTENDED' },
        { activityId: ids.june!, personId: persons[3]!, attendance: 'ABSENT' },
        ...persons.slice(4).map((personId) => ({ activityId: ids.service!, personId, attendance: 'ATTENDED', hours: 0.1 })),
      ] as never);
      expect(await drift()).toEqual([]);
      await services.participations.record(system, { activityId: ids.july!, personId: persons[0]! } as never);
      await services.participations.record(system, { activityId: ids.future!, personId: persons[1]! } as never);
      await services.participations.record(system, { activityId: ids.future!, personId: persons[2]! } as never);
      expect(await drift()).toEqual([]);
    });

    it('follows attendance and hours changed, and a registration withdrawn (deleted)', async () => {
      const [p] = await sg.running.dataSource.query(`SELECT id, version FROM participation WHERE activity_id = ? AND person_id = ?`, [ids.service, persons[4]]);
      await services.participations.update(system, { id: p.id, expectedVersion: Number(p.version), hours: 6.5 } as never);
      const [q] = await sg.running.dataSource.query(`SELECT id, version FROM participation WHERE activity_id = ? AND person_id = ?`, [ids.service, persons[5]]);
      await services.participations.update(system, { id: q.id, expectedVersion: Number(q.version), attendance: 'ABSENT' } as never);
      expect(await drift()).toEqual([]);
      const [w] = await sg.running.dataSource.query(`SELECT id, version FROM participation WHERE activity_id = ? AND person_id = ?`, [ids.future, persons[1]]);
      await services.participations.withdraw(system, { id: w.id, expectedVersion: Number(w.version) } as never);
      expect(await sg.running.dataSource.query(`SELECT id FROM participation WHERE id = ?`, [w.id])).toEqual([]);
      expect(await drift()).toEqual([]);
    });

    it('moves an activity and its participations when its kind, status, month or district changes, and not otherwise', async () => {
      await move(ids.service!, { kind: 'CULTURE_SPORTS' });
      expect(await drift()).toEqual([]);
      await move(ids.service!, { status: 'COMPLETED' });
      expect(await drift()).toEqual([]);
      // Across a China-time month boundary by one second: 30 June 23:59:59 to 1 July 00:00:00.
      await move(ids.june!, { startsAt: new Date('2026-06-30T15:59:59Z') });
      await move(ids.june!, { startsAt: new Date('2026-06-30T16:00:00Z') });
      expect(await drift()).toEqual([]);
      await move(ids.july!, { districtCode: '330304' });
      await move(ids.july!, { title: '七月服务 (改名)', location: '会议室' });
      expect(await drift()).toEqual([]);
      const rows = (await sg.running.dataSource.query(`SELECT month, kind, district_code, status, activities, participations FROM ${ACTIVITY_TALLY} WHERE activities > 0`)) as Array<
        Record<string, unknown>
      >;
      expect(rows.map((r) => [r.month, r.kind, r.district_code, r.status, Number(r.activities), Number(r.participations)]).sort()).toEqual([
        ['2026-05', 'STUDY_TRAINING', '330302', 'COMPLETED', 1, 2],
        ['2026-06', 'CULTURE_SPORTS', '330302', 'CANCELLED', 1, 0],
        ['2026-06', 'CULTURE_SPORTS', '330303', 'COMPLETED', 1, 8],
        ['2026-06', 'EDUCATION', '330300', 'PLANNED', 1, 0],
        ['2026-07', 'SOCIAL_SERVICE', '330304', 'OPEN', 1, 1],
        ['2026-07', 'STUDY_TRAINING', '330302', 'COMPLETED', 1, 3],
        ['2099-03', 'EDUCATION', '330303', 'OPEN', 1, 1],
      ]);
    });
  });

  it('is made again, filled from the rows there, by its migration’s down and up', async () => {
    const table = async () => ((await sg.running.dataSource.query(`SELECT * FROM ${ACTIVITY_TALLY} WHERE activities > 0`)) as unknown[]).map((r) => JSON.stringify(r)).sort();
    const exists = sg.running.conn.isSqlite ? 'SELECT name FROM sqlite_master WHERE name = ?' : 'SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?';
    const before = await table();
    const migration = sg.running.conn.isSqlite ? new SqliteActivityTally() : new MysqlActivityTally();
    const runner = sg.running.dataSource.createQueryRunner();
    try {
      await migration.down(runner);
      expect(await runner.query(exists, [ACTIVITY_TALLY])).toEqual([]);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    expect(await sg.running.dataSource.query(exists, [ACTIVITY_TALLY])).toHaveLength(1);
    expect(await table()).toEqual(before);
    expect(before.length).toBeGreaterThan(5);
    expect(await drift()).toEqual([]);
  });

  describe('answers as the GROUP BY does', () => {
    const groupings: D[][] = [[], [D.KIND], [D.MONTH], [D.DISTRICT], [D.KIND, D.DISTRICT], [D.MONTH, D.KIND, D.DISTRICT], [D.DISTRICT, D.MONTH]];
    const filters: ActivityFilter[] = [
      {},
      { districtCode: '330302' },
      { districtCode: '330305' },
      { kind: 'CULTURE_SPORTS' as never },
      { status: 'COMPLETED' as never },
      { startsFrom: new Date('2026-06-01T00:00:00+08:00') },
      { startsBefore: new Date('2026-07-01T00:00:00+08:00') },
      { startsFrom: new Date('2026-06-01T00:00:00+08:00'), startsBefore: new Date('2026-07-01T00:00:00+08:00'), districtCode: '330303', status: 'COMPLETED' as never },
    ];
    const rounded = (rows: Array<{ hours: number; persons: number | null }>) => rows.map((r) => ({ ...r, persons: null, hours: Math.round(r.hours * 10) / 10 }));

    it.each(groupings.map((g) => [g.join('+') || 'nothing', g] as const))('grouped by %s, with each filter', async (_name, groupBy) => {
      let groups = 0;
      let answered = 0;
      for (const filter of filters) {
        const tallied = tallyFilter(checkActivityFilter(filter));
        expect(tallied).not.toBeNull();
        const fromTally = await services.activities.statistics.fromTally(system, groupBy, tallied!);
        const fromSources = await services.activities.statistics.fromSources(system, groupBy, filter);
        expect(rounded(fromTally)).toEqual(rounded(fromSources));
        // Under disclosure control (an analyst; a district administrator beyond their district),
        // wherever the tally's bound decides, it decides as the persons counted by the GROUP BY do.
        for (const viewer of [{ role: Role.ANALYST }, { role: Role.DISTRICT_ADMIN, districtCode: '330303' }] as Viewer[]) {
          const disclosure = new StatsDisclosure(viewer);
          const decided = provablyLarge(fromTally, disclosure, filter);
          if (decided) expect(discloseActivityStats(disclosure, decided, filter)).toEqual(discloseActivityStats(disclosure, fromSources, filter));
        }
        groups += fromSources.length;
        if (fromSources.length) answered++;
      }
      // Every filter but the district without activities finds some; grouped, some find several.
      expect(answered).toBe(filters.length - 1);
      if (groupBy.length) expect(groups).toBeGreaterThan(filters.length);
    });

    it('takes a bound inside a month, a text or an organizer to the GROUP BY', () => {
      expect(tallyFilter(checkActivityFilter({ startsFrom: new Date('2026-06-01T00:00:00Z') }))).toBeNull();
      expect(tallyFilter(checkActivityFilter({ startsBefore: new Date('2026-06-30T16:00:00.001Z') }))).toBeNull();
      expect(tallyFilter(checkActivityFilter({ text: '学习' }))).toBeNull();
      expect(tallyFilter(checkActivityFilter({ organizerId: randomIds.next() }))).toBeNull();
      expect(tallyFilter(checkActivityFilter({ startsFrom: new Date('2026-05-31T16:00:00Z'), text: '  ' }))).toEqual(expect.objectContaining({ monthFrom: '2026-06' }));
    });
  });

  describe('which statement answers', () => {
    let sql: string[];
    let spy: jest.SpyInstance;
    beforeEach(() => {
      sql = [];
      const original = CountingTypeOrmLogger.prototype.logQuery;
      spy = jest.spyOn(CountingTypeOrmLogger.prototype, 'logQuery').mockImplementation(function (this: CountingTypeOrmLogger, query: string, parameters?: unknown[]) {
        sql.push(query);
        return original.call(this, query, parameters);
      });
    });
    afterEach(() => spy.mockRestore());
    const headers = async (role: Role, district = '330302') => ({ authorization: `Bearer ${await tokenFor({ role, district, org: randomIds.next() })}` });
    const stats = async (groupBy: string[], filter?: Record<string, unknown>, h?: Record<string, string>) => {
      const { result, statements } = await sg.statements(() => sg.request(STATS, { groupBy, filter }, h));
      return { groups: expectData(result).activityStats as Array<Record<string, unknown>>, statements };
    };
    // The tally's columns include `participations`: the table is the word `participation` alone.
    const readsTally = () => sql.some((s) => s.includes(ACTIVITY_TALLY) && !/\bparticipation\b/.test(s));
    const readsSources = () => sql.some((s) => /\bparticipation\b/.test(s) && !s.includes(ACTIVITY_TALLY));

    it('a city administrator: the tally alone, in one statement', async () => {
      const { groups, statements } = await stats(['MONTH'], { startsFrom: '2026-06-01T00:00:00+08:00', startsBefore: '2026-08-01T00:00:00+08:00' });
      expect(statements).toBe(1);
      expect(sql).toHaveLength(1);
      expect(readsTally()).toBe(true);
      expect(readsSources()).toBe(false);
      expect(groups).toEqual([
        { kind: null, month: '2026-06', district: null, activities: 3, participations: 8, attended: 7, hours: 7.1, suppressed: false },
        { kind: null, month: '2026-07', district: null, activities: 2, participations: 4, attended: 2, hours: 3.5, suppressed: false },
      ]);
    });

    it('a text filter or a bound inside a month: the GROUP BY, still right', async () => {
      const text = await stats(['KIND'], { text: '学习' });
      expect(text.statements).toBe(1);
      expect(readsSources()).toBe(true);
      expect(sql.some((s) => s.includes(ACTIVITY_TALLY))).toBe(false);
      expect(text.groups).toEqual([{ kind: 'STUDY_TRAINING', month: null, district: null, activities: 2, participations: 5, attended: 3, hours: 5.5, suppressed: false }]);
      sql.length = 0;
      const inside = await stats([], { startsFrom: '2026-06-15T00:00:00+08:00' });
      expect(readsSources()).toBe(true);
      expect(inside.groups).toEqual([{ kind: null, month: null, district: null, activities: 5, participations: 13, attended: 9, hours: 10.6, suppressed: false }]);
    });

    it('a district administrator: the tally for their own district, the GROUP BY beyond it', async () => {
      const own = await stats(['KIND'], { districtCode: '330302' }, await headers(Role.DISTRICT_ADMIN));
      expect(own.statements).toBe(1);
      expect(readsTally()).toBe(true);
      expect(own.groups).toEqual([
        { kind: 'CULTURE_SPORTS', month: null, district: null, activities: 1, participations: 0, attended: 0, hours: 0, suppressed: false },
        { kind: 'STUDY_TRAINING', month: null, district: null, activities: 2, participations: 5, attended: 3, hours: 5.5, suppressed: false },
      ]);
      sql.length = 0;
      // Grouped by district: the tally shows other districts too, so the GROUP BY answers (with persons).
      const all = await stats(['DISTRICT'], undefined, await headers(Role.DISTRICT_ADMIN));
      expect(readsSources()).toBe(true);
      expect(all.groups.find((g) => (g.district as { code: string }).code === '330302')).toEqual({
        kind: null,
        month: null,
        district: { code: '330302' },
        activities: 3,
        participations: 5,
        attended: 3,
        hours: 5.5,
        suppressed: false,
      });
      // The others are controlled for them: 330300 (no one) and 330304 (one person) under k, and
      // 330303 (9 persons) suppressed with them so that the suppressed hold at least k.
      expect(all.groups.filter((g) => (g.district as { code: string }).code !== '330302')).toEqual(
        ['330300', '330303', '330304'].map((code) => expect.objectContaining({ district: { code }, participations: null, hours: null, suppressed: true })),
      );
    });

    it('an analyst (never exempt), where each group provably holds k persons: the tally, rounded as the persons would decide', async () => {
      const { groups, statements } = await stats(['DISTRICT'], { districtCode: '330303' }, await headers(Role.ANALYST));
      expect(statements).toBe(1);
      expect(readsTally()).toBe(true);
      expect(readsSources()).toBe(false);
      // 9 participations in 2 activities: at least 5 persons (one participation per person and
      // activity). Rounded: participations to 10, attended 7 to 5, hours 6.5 + 0.6 to 5: the GROUP BY's answer.
      expect(groups).toEqual([{ kind: null, month: null, district: { code: '330303' }, activities: 2, participations: 10, attended: 5, hours: 5, suppressed: false }]);
    });

    it('an analyst, where a group may hold fewer than k persons: the GROUP BY counts them', async () => {
      const { groups, statements } = await stats(['DISTRICT'], undefined, await headers(Role.ANALYST));
      // The tally is read first; 330302's 5 participations in 3 activities prove only 2 persons.
      expect(statements).toBe(2);
      expect(readsTally()).toBe(true);
      expect(readsSources()).toBe(true);
      // 330304 (one person) and 330300 (no one) under k; with them, enough of the others to hold k.
      expect(groups.find((g) => (g.district as { code: string }).code === '330304')).toMatchObject({ participations: null, suppressed: true });
      expect(groups.every((g) => g.suppressed || (g.participations as number) % 5 === 0)).toBe(true);
    });
  });
});
