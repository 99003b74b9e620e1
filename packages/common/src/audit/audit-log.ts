import { AppError, ErrorCode, UserInputError } from '../errors';
import { assertCanReadAuditLog } from '../auth/access';
import { RequestContext, Viewer } from '../context';
import { TransactionalConnection } from '../db/transactional-connection';
import { randomIds } from '../ids';
import { InputChecker, isId } from '../validation/input-checker';
import { MAX_REQUEST_ID_LENGTH } from '../bootstrap/request-ids';
import { AuditEventEntity } from './audit-event.entity';

export enum AuditOutcome {
  SUCCEEDED = 'SUCCEEDED',
  REFUSED = 'REFUSED',
  FAILED = 'FAILED',
}

/** What an audit event records beyond who and when. */
export interface AuditAction {
  /** The mutation or the sensitive read: `registerPerson`, `readIdNumber`. */
  readonly action: string;
  readonly entityType: string;
  /** The record acted on; null for a batch or when the input named none. */
  readonly entityId?: string | null;
  /** What a batch held, or why an action failed. */
  readonly detail?: string | null;
}

export interface AuditFilter {
  readonly subject?: string | null;
  readonly action?: string | null;
  readonly entityType?: string | null;
  readonly entityId?: string | null;
  readonly outcome?: AuditOutcome | null;
  /** Events at or after this time. */
  readonly from?: Date | null;
  /** Events before this time. */
  readonly before?: Date | null;
}

/** A page of one subgraph's log, newest first. */
export interface AuditPage {
  readonly events: AuditEventEntity[];
  readonly hasMore: boolean;
}

const DETAIL_MAX = 500;

function viewerScope(viewer: Viewer): string | null {
  if (viewer.districtCode) return `district:${viewer.districtCode}`;
  if (viewer.organizationId) return `organization:${viewer.organizationId}`;
  if (viewer.personId) return `person:${viewer.personId}`;
  return null;
}

/**
 * Whether a failure was a refusal (FORBIDDEN, UNAUTHENTICATED) or another failure, and its line.
 * A bad input is recorded by the fields it named, never by its messages, which quote what was
 * sent (an ID number's birth date, a mobile number); any other message is kept with every run of
 * seven digits or more (a number, a date written without separators) masked (`redactNumbers`).
 */
export function describeFailure(error: unknown): { outcome: AuditOutcome; detail: string } {
  const code = error instanceof AppError ? error.code : ErrorCode.INTERNAL_SERVER_ERROR;
  const refused = code === ErrorCode.FORBIDDEN || code === ErrorCode.UNAUTHENTICATED;
  if (error instanceof UserInputError) {
    const fields = [...new Set(error.fields.map((f) => f.field))];
    const named = fields.length ? `${fields.slice(0, 20).join(', ')}${fields.length > 20 ? ` and ${fields.length - 20} more` : ''}` : 'the input';
    return { outcome: AuditOutcome.FAILED, detail: `${code}: invalid ${named}` };
  }
  const message = error instanceof AppError ? redactNumbers(error.message) : 'internal error';
  return { outcome: refused ? AuditOutcome.REFUSED : AuditOutcome.FAILED, detail: `${code}: ${message}` };
}

/**
 * The text with every run of seven or more digits (or an ID number with its X) replaced by as
 * many `*`; a run inside a hyphenated id (a UUID's groups) is left alone.
 */
export function redactNumbers(text: string): string {
  return text.replace(/(?<![0-9A-Za-z-])[0-9]{7,}[Xx]?(?![0-9A-Za-z-])/g, (run) => '*'.repeat(run.length));
}

/**
 * A subgraph's append-only audit log. Services record a change's success inside the change's
 * transaction (`record(tx, …)`), so the two commit or roll back together, and run each mutation
 * inside `guard`, which records a refusal or failure on its own and rethrows it.
 */
export class AuditLog {
  constructor(
    private readonly conn: TransactionalConnection,
    readonly subgraph: string,
  ) {}

  /** Appends events inside the caller's transaction. */
  async record(tx: RequestContext<unknown>, actions: AuditAction | readonly AuditAction[], outcome: AuditOutcome = AuditOutcome.SUCCEEDED): Promise<void> {
    const list = Array.isArray(actions) ? (actions as readonly AuditAction[]) : [actions as AuditAction];
    if (list.length === 0) return;
    if (!tx.manager) throw new Error('AuditLog.record runs inside conn.transaction');
    const now = new Date();
    const rows = list.map((a) => this.row(tx, a, outcome, now));
    await this.conn.insertChunked(tx, AuditEventEntity, rows);
  }

  /**
   * Runs a mutation. When it throws, the refusal (FORBIDDEN) or failure (any other error, with
   * its code and message) is appended in a transaction of its own, after the mutation's own was
   * rolled back, and the error is rethrown unchanged. Success is the work's to record, in its
   * transaction.
   */
  async guard<T>(ctx: RequestContext<unknown>, action: AuditAction, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const { outcome, detail } = describeFailure(error);
      try {
        await this.conn.transaction(ctx, (tx) => this.record(tx, { ...action, detail }, outcome));
      } catch (auditError) {
        ctx.log.error({ err: auditError, action: action.action }, 'could not record a refused or failed action in the audit log');
      }
      throw error;
    }
  }

  /** Appends a refusal on its own (a sensitive read refused field by field). */
  async refused(ctx: RequestContext<unknown>, action: AuditAction, error: AppError): Promise<void> {
    await this.conn.transaction(ctx, (tx) => this.record(tx, { ...action, detail: `${error.code}: ${error.message}` }, AuditOutcome.REFUSED));
  }

  /** One page of this subgraph's log, newest first, before the event `beforeId` (city administrators only). */
  async page(ctx: RequestContext<unknown>, filter: AuditFilter | null | undefined, first: number, beforeId: string | null): Promise<AuditPage> {
    assertCanReadAuditLog(ctx.viewer);
    const f = checkAuditFilter(filter);
    const qb = this.conn.repo(ctx, AuditEventEntity).createQueryBuilder('a');
    if (f.subject) qb.andWhere('a.subject = :subject', { subject: f.subject });
    if (f.action) qb.andWhere('a.action = :action', { action: f.action });
    if (f.entityType) qb.andWhere('a.entityType = :entityType', { entityType: f.entityType });
    if (f.entityId) qb.andWhere('a.entityId = :entityId', { entityId: f.entityId.toLowerCase() });
    if (f.outcome) qb.andWhere('a.outcome = :outcome', { outcome: f.outcome });
    // UUIDv7 ids begin with the time: a time bound is a bound on the id, served by every index.
    if (f.from) qb.andWhere('a.id >= :fromId', { fromId: timeBoundId(f.from) });
    if (f.before) qb.andWhere('a.id < :beforeTimeId', { beforeTimeId: timeBoundId(f.before) });
    if (beforeId) qb.andWhere('a.id < :beforeId', { beforeId });
    const rows = await qb
      .orderBy('a.id', 'DESC')
      .limit(first + 1)
      .getMany();
    const hasMore = rows.length > first;
    if (hasMore) rows.pop();
    return { events: rows, hasMore };
  }

  private row(ctx: RequestContext<unknown>, a: AuditAction, outcome: AuditOutcome, now: Date): AuditEventEntity {
    // The id a caller sent may be anything: stored only as a record id (lower case), otherwise named
    // in the detail, so that no input can make the event fail to be written or hide from a search.
    const raw = a.entityId ?? null;
    const entityId = raw !== null && isId(raw) ? raw.toLowerCase() : null;
    const named = raw !== null && entityId === null ? `entity id given: ${JSON.stringify(raw.slice(0, 60))}` : null;
    const detail = [a.detail ?? null, named].filter((d) => d !== null).join('; ') || null;
    return Object.assign(new AuditEventEntity(), {
      // Not the request's id generator: audit rows must not shift the ids of seeded demo data.
      id: randomIds.next(),
      occurredAt: now,
      subject: ctx.viewer.subject.slice(0, 100),
      role: ctx.viewer.system ? 'SYSTEM' : ctx.viewer.role,
      viewerScope: viewerScope(ctx.viewer),
      action: a.action,
      entityType: a.entityType,
      entityId,
      outcome,
      detail: detail && detail.length > DETAIL_MAX ? `${detail.slice(0, DETAIL_MAX - 1)}…` : detail,
      requestId: ctx.requestId.slice(0, MAX_REQUEST_ID_LENGTH),
      clientRequestId: ctx.clientRequestId?.slice(0, MAX_REQUEST_ID_LENGTH) ?? null,
    });
  }
}

/** The smallest UUIDv7 of a moment: its 48-bit millisecond time, then zeros. */
export function timeBoundId(at: Date): string {
  const hex = Math.max(0, Math.floor(at.getTime())).toString(16).padStart(12, '0').slice(-12);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-0000-0000-000000000000`;
}

/** The filter checked at the edge: every field named by its path when wrong. */
export function checkAuditFilter(filter: AuditFilter | null | undefined): AuditFilter {
  const f = filter ?? {};
  const check = new InputChecker('filter');
  check.text('subject', f.subject, { max: 100 });
  check.text('action', f.action, { max: 40 });
  check.text('entityType', f.entityType, { max: 30 });
  check.id('entityId', f.entityId, { required: false });
  if (f.from && f.before && f.from.getTime() >= f.before.getTime()) check.fail('before', 'must be later than from');
  check.throwIfInvalid();
  return f;
}
