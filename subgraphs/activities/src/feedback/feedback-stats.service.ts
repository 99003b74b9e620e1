import { assertCanReadAggregates, districtOf, InputChecker, RequestContext, StatsDisclosure, TransactionalConnection } from '@tongxin/common';
import { FeedbackEntity } from './feedback.entity';
import { FeedbackKind, FeedbackStatus, OPEN_FEEDBACK_STATUSES } from './feedback.enums';
import { FeedbackStatsDimension, FeedbackStatsFilter, FeedbackStatsGroup } from './feedback-stats.type';

/** The instant a China date begins (UTC+8, no daylight saving). */
const chinaMidnight = (day: string): Date => new Date(`${day}T00:00:00+08:00`);

/**
 * `feedbackStats`: how much feedback was submitted, is open, overdue, and was replied to (on time
 * or not), grouped by any of district, kind, status and month of submission, in one GROUP BY
 * statement. The reply's day (`respondedOn`) is kept on the feedback when it is answered or
 * rejected, so that "replied on time" is a comparison of two columns. An aggregate: every role
 * but a person; the counts are of persons' submissions, disclosure-controlled as every count of
 * persons is (docs/SECURITY.md, "Statistics": a group's size is the persons who submitted in it).
 */
export class FeedbackStatsService {
  constructor(
    private readonly conn: TransactionalConnection,
    private readonly today: () => string,
  ) {}

  async stats(ctx: RequestContext<unknown>, groupBy: readonly FeedbackStatsDimension[], filter: FeedbackStatsFilter | null | undefined): Promise<FeedbackStatsGroup[]> {
    assertCanReadAggregates(ctx.viewer);
    const f = filter ?? {};
    const check = new InputChecker('filter');
    check.district('districtCode', f.districtCode);
    const from = check.date('submittedFrom', f.submittedFrom);
    const to = check.date('submittedTo', f.submittedTo);
    if (from && to && to < from) check.fail('submittedTo', `is before submittedFrom (${from})`);
    check.throwIfInvalid();

    const dims = [...new Set(groupBy)];
    const month = this.conn.isSqlite ? "strftime('%Y-%m', f.submitted_at, '+8 hours')" : "DATE_FORMAT(DATE_ADD(f.submitted_at, INTERVAL 8 HOUR), '%Y-%m')";
    const columns: Record<FeedbackStatsDimension, string> = { DISTRICT: 'f.district_code', KIND: 'f.kind', STATUS: 'f.status', MONTH: month };
    const open = `f.status IN (${OPEN_FEEDBACK_STATUSES.map((s) => `'${s}'`).join(', ')})`;
    const qb = this.conn
      .repo(ctx, FeedbackEntity)
      .createQueryBuilder('f')
      .select('COUNT(*)', 'count')
      .addSelect('COUNT(DISTINCT f.person_id)', 'persons')
      .addSelect(`COALESCE(SUM(CASE WHEN ${open} THEN 1 ELSE 0 END), 0)`, 'open')
      .addSelect(`COALESCE(SUM(CASE WHEN ${open} AND f.due_on < :today THEN 1 ELSE 0 END), 0)`, 'overdue')
      .addSelect('COALESCE(SUM(CASE WHEN f.responded_on IS NOT NULL THEN 1 ELSE 0 END), 0)', 'responded')
      .addSelect('COALESCE(SUM(CASE WHEN f.responded_on <= f.due_on THEN 1 ELSE 0 END), 0)', 'on_time')
      .setParameter('today', this.today());
    if (f.districtCode) qb.andWhere('f.district_code = :districtCode', { districtCode: f.districtCode });
    if (f.kind) qb.andWhere('f.kind = :kind', { kind: f.kind });
    if (from) qb.andWhere('f.submitted_at >= :from', { from: chinaMidnight(from) });
    if (to) qb.andWhere('f.submitted_at < :to', { to: new Date(chinaMidnight(to).getTime() + 86_400_000) });
    dims.forEach((d, i) => {
      qb.addSelect(columns[d], `g${i}`);
      qb.addGroupBy(columns[d]);
      qb.addOrderBy(columns[d], 'ASC');
    });
    const rows: Array<Record<string, string | number | null>> = await qb.getRawMany();
    const value = (r: Record<string, string | number | null>, d: FeedbackStatsDimension) => {
      const i = dims.indexOf(d);
      return i < 0 || r[`g${i}`] === null ? null : String(r[`g${i}`]);
    };
    const disclosure = new StatsDisclosure(ctx.viewer);
    const how = disclosure.groups(
      rows,
      (r) => Number(r.persons),
      (r) => ({ districtCode: value(r, FeedbackStatsDimension.DISTRICT) ?? f.districtCode ?? null }),
    );
    return rows.map((r, i) => {
      const district = value(r, FeedbackStatsDimension.DISTRICT);
      return Object.assign(new FeedbackStatsGroup(), {
        district: district === null ? null : districtOf(district),
        kind: value(r, FeedbackStatsDimension.KIND) as FeedbackKind | null,
        status: value(r, FeedbackStatsDimension.STATUS) as FeedbackStatus | null,
        month: value(r, FeedbackStatsDimension.MONTH),
        count: disclosure.count(Number(r.count), how[i]!),
        open: disclosure.count(Number(r.open), how[i]!),
        overdue: disclosure.count(Number(r.overdue), how[i]!),
        responded: disclosure.count(Number(r.responded), how[i]!),
        respondedOnTime: disclosure.count(Number(r.on_time), how[i]!),
        suppressed: how[i] === 'SUPPRESSED',
      });
    });
  }
}
