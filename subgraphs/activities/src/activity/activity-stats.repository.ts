import { districtOf, RequestContext, TransactionalConnection } from '@tongxin/common';
import { ParticipationEntity } from '../participation/participation.entity';
import type { ActivityStatsRow } from './activity-stats.type';
import { ACTIVITY_TALLY, chinaMonthSql } from './activity-tally';
import { ActivityEntity } from './activity.entity';
import { ActivityKind, ActivityStatsDimension } from './activity.enums';
import { filterActivities } from './activity.filter';
import { ActivityFilter } from './activity.inputs';

/** What the tally can be filtered by: its dimensions (months as 'YYYY-MM', China time). */
export interface ActivityTallyFilter {
  readonly districtCode?: string | null;
  readonly kind?: string | null;
  readonly status?: string | null;
  /** The first month counted (activities starting at or after its first instant). */
  readonly monthFrom?: string | null;
  /** The first month not counted (activities starting before its first instant). */
  readonly monthBefore?: string | null;
}

const ALIAS: Record<ActivityStatsDimension, string> = { KIND: 'g_kind', MONTH: 'g_month', DISTRICT: 'g_district' };

/**
 * The statements of `activityStats` (ActivityService.stats decides which one answers):
 * `fromTally` sums the rows of activity_tally (a few per month, kind, district and status,
 * whatever the number of participations); `fromSources` is one GROUP BY over the activities and
 * their participations, which also counts the distinct persons of each group (disclosure
 * control needs them, and per-group sums cannot give them). Both give the groups with at least
 * one activity, ordered by the dimensions asked, in their order.
 */
export class ActivityStatsRepository {
  constructor(private readonly conn: TransactionalConnection) {}

  private get dialect(): 'mysql' | 'sqlite' {
    return this.conn.isSqlite ? 'sqlite' : 'mysql';
  }

  /** The groups from activity_tally: `persons` is null (a tally of participations cannot count distinct persons). */
  async fromTally(ctx: RequestContext<unknown>, groupBy: readonly ActivityStatsDimension[], filter: ActivityTallyFilter): Promise<ActivityStatsRow[]> {
    const dims = [...new Set(groupBy)];
    const columns: Record<ActivityStatsDimension, string> = { KIND: 't.kind', MONTH: 't.month', DISTRICT: 't.district_code' };
    const qb = this.conn
      .manager(ctx)
      .createQueryBuilder()
      .from(ACTIVITY_TALLY, 't')
      .select('SUM(t.activities)', 'activities')
      .addSelect('SUM(t.participations)', 'participations')
      .addSelect('SUM(t.attended)', 'attended')
      .addSelect('SUM(t.hours)', 'hours')
      .where('1 = 1');
    if (filter.districtCode) qb.andWhere('t.district_code = :districtCode', { districtCode: filter.districtCode });
    if (filter.kind) qb.andWhere('t.kind = :kind', { kind: filter.kind });
    if (filter.status) qb.andWhere('t.status = :status', { status: filter.status });
    if (filter.monthFrom) qb.andWhere('t.month >= :monthFrom', { monthFrom: filter.monthFrom });
    if (filter.monthBefore) qb.andWhere('t.month < :monthBefore', { monthBefore: filter.monthBefore });
    for (const d of dims) {
      qb.addSelect(columns[d], ALIAS[d]);
      qb.addGroupBy(columns[d]);
      qb.addOrderBy(columns[d], 'ASC');
    }
    // Zero rows stay in the table when their rows move away (tally.ts): a group needs an activity.
    qb.having('SUM(t.activities) > 0');
    return toRows(await qb.getRawMany(), dims, false);
  }

  /** The groups from one GROUP BY over activity LEFT JOIN participation, filtered as `activities` filters (the filter is checked here too). */
  async fromSources(ctx: RequestContext<unknown>, groupBy: readonly ActivityStatsDimension[], filter: ActivityFilter | null | undefined): Promise<ActivityStatsRow[]> {
    const dims = [...new Set(groupBy)];
    const columns: Record<ActivityStatsDimension, string> = { KIND: 'a.kind', MONTH: chinaMonthSql('a.starts_at', this.dialect), DISTRICT: 'a.district_code' };
    const qb = this.conn
      .repo(ctx, ActivityEntity)
      .createQueryBuilder('a')
      .leftJoin(ParticipationEntity, 'p', 'p.activity_id = a.id')
      .select('COUNT(DISTINCT a.id)', 'activities')
      .addSelect('COUNT(DISTINCT p.person_id)', 'persons')
      .addSelect('COUNT(p.id)', 'participations')
      .addSelect("COALESCE(SUM(CASE WHEN p.attendance = 'ATTENDED' THEN 1 ELSE 0 END), 0)", 'attended')
      .addSelect("COALESCE(SUM(CASE WHEN p.attendance = 'ATTENDED' THEN p.hours ELSE 0 END), 0)", 'hours');
    filterActivities(qb, filter);
    for (const d of dims) {
      qb.addSelect(columns[d], ALIAS[d]);
      qb.addGroupBy(columns[d]);
      qb.addOrderBy(columns[d], 'ASC');
    }
    return toRows(await qb.getRawMany(), dims, true);
  }
}

function toRows(rows: Array<Record<string, string | number | null>>, dims: readonly ActivityStatsDimension[], persons: boolean): ActivityStatsRow[] {
  return rows
    .filter((r) => Number(r.activities) > 0)
    .map((r): ActivityStatsRow => ({
      kind: dims.includes(ActivityStatsDimension.KIND) ? (r.g_kind as ActivityKind) : null,
      month: dims.includes(ActivityStatsDimension.MONTH) ? String(r.g_month) : null,
      district: dims.includes(ActivityStatsDimension.DISTRICT) ? districtOf(String(r.g_district)) : null,
      activities: Number(r.activities),
      persons: persons ? Number(r.persons) : null,
      participations: Number(r.participations),
      attended: Number(r.attended),
      hours: Number(r.hours),
    }));
}
