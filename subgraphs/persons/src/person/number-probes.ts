import { AuditEventEntity, AuditLog, AuditOutcome, ForbiddenError, RequestContext, timeBoundId, TransactionalConnection, writableDistricts } from '@tongxin/common';

/** How many matches outside their own scope one caller may meet in 24 hours, unless configured (TONGXIN_OUTSIDE_MATCH_LIMIT). */
export const DEFAULT_OUTSIDE_MATCH_LIMIT = 50;

/** The audit action of one match outside the caller's scope: what the limit counts. */
export const OUTSIDE_MATCH_ACTION = 'numberMatchElsewhere';
/** The audit action of a request refused at the limit. */
export const SUSPECTED_PROBE_ACTION = 'suspectedProbe';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What a clerk is told of a number registered outside their scope: that it is, and whom to ask; never where. */
export const REGISTERED_ELSEWHERE = 'is registered in another district: ask the city department (市委统战部), which can move the person to your district';

/** A whole ID or mobile number that matched a record, and whether that record is within the caller's own scope. */
export interface NumberMatch {
  readonly personId: string;
  readonly districtCode: string;
  /** Where the number came from (`row 7`, `search`, `input.idNumber`), for the audit event. */
  readonly source: string;
}

/**
 * City-wide duplicate protection without an oracle for whole numbers (docs/SECURITY.md,
 * "Duplicate detection"): a number matched outside the caller's own scope is told only as
 * "registered in another district", and each such match is an audit event
 * (`numberMatchElsewhere`, naming the record). A caller who meets more than `limit` of them in
 * 24 hours is refused (FORBIDDEN, nothing written) and the refusal is marked `suspectedProbe` in
 * the audit log for the city department to review. The count is read from the audit log itself,
 * so it holds across requests, restarts and replicas of the subgraph.
 *
 * City administrators and the system (scripts) have the whole city as their scope: nothing is
 * outside it, nothing is limited.
 */
export class OutsideMatchLimiter {
  constructor(
    private readonly conn: TransactionalConnection,
    private readonly audit: AuditLog,
    readonly limit: number = DEFAULT_OUTSIDE_MATCH_LIMIT,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Whether the viewer's scope is the whole city (nothing lies outside it). */
  coversCity(ctx: RequestContext<unknown>): boolean {
    return writableDistricts(ctx.viewer) === 'ALL';
  }

  /** Whether a record of this district lies outside what the viewer may write. */
  isOutside(ctx: RequestContext<unknown>, districtCode: string): boolean {
    const scope = writableDistricts(ctx.viewer);
    return scope !== 'ALL' && (scope === 'NONE' || !scope.includes(districtCode));
  }

  /**
   * Admits a request that confirms whole numbers (an import, a registration, a search or export by
   * number), recording each of its matches outside the caller's scope (one transaction of its own,
   * before the answer that reveals them is sent), or refuses it whole: FORBIDDEN, a
   * `suspectedProbe` event, nothing written or answered. Call it outside the request's transaction.
   *
   * The refusal must not itself be an oracle: a caller at the limit is refused every such request,
   * whether or not its numbers matched anything, and a request refused for taking the caller past
   * the limit spends the matches it held (recorded as REFUSED, unanswered), so that what refusals
   * tell (that a batch held more matches than the caller had left) is bounded by the limit too. The
   * message never says how many numbers matched.
   */
  async admit(ctx: RequestContext<unknown>, matches: readonly NumberMatch[], what: string): Promise<void> {
    if (this.coversCity(ctx)) return;
    const outside = matches.filter((m) => this.isOutside(ctx, m.districtCode));
    const refusal = await this.conn.transaction(ctx, async (tx) => {
      const since = timeBoundId(new Date(this.now().getTime() - DAY_MS));
      const used = await this.conn
        .repo(tx, AuditEventEntity)
        .createQueryBuilder('a')
        .where('a.subject = :subject AND a.id >= :since AND a.action = :action', { subject: tx.viewer.subject.slice(0, 100), since, action: OUTSIDE_MATCH_ACTION })
        .getCount();
      const events = (note: string) => outside.map((m) => ({ action: OUTSIDE_MATCH_ACTION, entityType: 'Person', entityId: m.personId, detail: `${what}, ${m.source}${note}` }));
      if (used >= this.limit || used + outside.length > this.limit) {
        const detail = `${what}: ${outside.length} numbers registered outside the caller's scope, ${used} met in the last 24 hours, limit ${this.limit}`;
        await this.audit.record(tx, { action: SUSPECTED_PROBE_ACTION, entityType: 'Person', detail }, AuditOutcome.REFUSED);
        await this.audit.record(tx, events(', not answered'), AuditOutcome.REFUSED);
        return new ForbiddenError(
          `You have checked as many numbers registered outside your district as one person may in a day (${this.limit}): requests that look up whole ID or mobile numbers are refused until then. Nothing was written; the city department has been told. Ask it if you need to check more numbers.`,
        );
      }
      if (outside.length) await this.audit.record(tx, events(''));
      return null;
    });
    if (refusal) throw refusal;
  }
}
