import {
  assertInScope,
  assertScopeNotEmpty,
  AuditLog,
  ChildIdPage,
  ChildPageKey,
  chunksOf,
  countsByKey,
  FieldError,
  ForbiddenError,
  HeldRecord,
  InputChecker,
  keysetPage,
  NotFoundError,
  Page,
  pageRequest,
  readScope,
  RequestContext,
  Role,
  RowScope,
  RowScopeRule,
  scopeRefusal,
  StaleVersionError,
  todayInChina,
  TransactionalConnection,
  UserInputError,
  Viewer,
  writeScope,
} from '@tongxin/common';
import { In } from 'typeorm';
import { ActivityEntity } from '../activity/activity.entity';
import type { ActivityService } from '../activity/activity.service';
import { andWhereCondition, idPagesByParent, scopeCondition, SqlCondition, updateAtVersion } from '../db';
import { assertTransition } from '../transitions';
import { FeedbackEntity, FeedbackStepEntity } from './feedback.entity';
import { FEEDBACK_TRANSITIONS, FeedbackStatus, OPEN_FEEDBACK_STATUSES } from './feedback.enums';
import { FeedbackFilter, HandleFeedbackInput, SubmitFeedbackInput } from './feedback.inputs';
import { checkFeedbackRecord, checkStepDetail, dueDate, FeedbackDraft, FeedbackRecord, StepDetail } from './feedback.validation';

/**
 * Who reads feedback: city administrators and analysts all (analysts study opinions across
 * districts; the submitter stays a bare `person` reference, whose record they read masked
 * anyway); a district administrator those submitted in their district; an association
 * administrator, read-only, those from activities its organization organizes; a person their own.
 */
const FEEDBACK: RowScopeRule = { what: 'feedback', association: true, person: true };
/** Who handles it: city administrators all, district administrators their district's; nobody else. */
const FEEDBACK_HANDLING: RowScopeRule = { what: 'feedback', association: false, person: false };

/** One feedback as an import or the demo data gives it: submitted at a past instant, with the steps taken since. */
export interface FeedbackImport {
  draft: FeedbackDraft;
  submittedAt?: Date;
  steps?: ReadonlyArray<{ to: FeedbackStatus | string; at: Date; department?: string | null; answer?: string | null; note?: string | null }>;
}

/** The condition limiting the `feedback` table to a scope: a district holds what was submitted in it. */
const feedbackScope = (scope: RowScope): SqlCondition | undefined => scopeCondition(scope, 'district_code = ?');

const held = (f: { districtCode: string; personId: string | null }, organizerId: string | null): HeldRecord => ({
  districtCode: f.districtCode,
  organizationId: organizerId,
  personId: f.personId,
});

/**
 * Feedback and its handling workflow (`FEEDBACK_TRANSITIONS`): each step is checked against the
 * table, the version read and the viewer's district, written with its step row and audit event
 * in one transaction.
 */
export class FeedbackService {
  constructor(
    private readonly conn: TransactionalConnection,
    private readonly activities: ActivityService,
    private readonly audit: AuditLog,
    private readonly now: () => number = () => Date.now(),
  ) {}

  today(): string {
    return todayInChina(this.now());
  }

  findByIds(ctx: RequestContext<unknown>, ids: readonly string[]): Promise<FeedbackEntity[]> {
    return this.conn.findByIds(ctx, FeedbackEntity, ids);
  }

  findStepsByIds(ctx: RequestContext<unknown>, ids: readonly string[]): Promise<FeedbackStepEntity[]> {
    return this.conn.findByIds(ctx, FeedbackStepEntity, ids);
  }

  getById(ctx: RequestContext<unknown>, id: string): Promise<FeedbackEntity> {
    return this.conn.getEntityOrThrow(ctx, FeedbackEntity, id, 'Feedback');
  }

  /** May the viewer read how feedback was handled (its internal fields)? See `readsFeedbackHandling`. */
  readsHandling(ctx: RequestContext<unknown>): boolean {
    return readsFeedbackHandling(ctx.viewer);
  }

  /** Why the viewer may not read this feedback (null: they may); `activity` is the one it came from, if any. */
  readRefusal(ctx: RequestContext<unknown>, feedback: FeedbackEntity, activity: ActivityEntity | null | undefined): Error | null {
    return scopeRefusal(readScope(ctx.viewer, FEEDBACK), ctx.viewer, held(feedback, activity?.organizerId ?? null), 'read feedback');
  }

  /**
   * One page of the feedback the viewer may read, oldest first. A filter outside the viewer's
   * scope (another district, another person) is FORBIDDEN; without one the list is limited to it.
   */
  list(ctx: RequestContext<unknown>, filter: FeedbackFilter | null | undefined, args: { first?: number | null; after?: string | null }): Promise<Page<FeedbackEntity>> {
    const page = pageRequest(args);
    const f = filter ?? {};
    const scope = readScope(ctx.viewer, FEEDBACK);
    assertScopeNotEmpty(scope);
    const check = new InputChecker('filter');
    check.district('districtCode', f.districtCode);
    const personId = check.id('personId', f.personId, { required: false });
    const activityId = check.id('activityId', f.activityId, { required: false });
    check.throwIfInvalid();
    if (f.districtCode && scope.kind === 'district' && f.districtCode !== scope.districtCode) {
      assertInScope(scope, ctx.viewer, { districtCode: f.districtCode }, 'read feedback');
    }
    if (personId && scope.kind === 'person' && personId !== scope.personId) throw new ForbiddenError('A person can read only their own feedback.');

    const qb = this.conn.repo(ctx, FeedbackEntity).createQueryBuilder('f');
    andWhereCondition(qb, feedbackScope(scope));
    if (f.districtCode) qb.andWhere('f.districtCode = :districtCode', { districtCode: f.districtCode });
    if (f.kind) qb.andWhere('f.kind = :kind', { kind: f.kind });
    if (f.status) qb.andWhere('f.status = :status', { status: f.status });
    if (personId) qb.andWhere('f.personId = :personId', { personId });
    if (activityId) qb.andWhere('f.activityId = :activityId', { activityId });
    if (f.overdue != null) {
      // The same rule as Feedback.overdue, in the statement: open, and its due date (a China date) before today in China.
      const overdue = '(f.status IN (:...openStatuses) AND f.dueOn < :today)';
      qb.andWhere(f.overdue ? overdue : `NOT ${overdue}`, { openStatuses: [...OPEN_FEEDBACK_STATUSES], today: this.today() });
    }
    return keysetPage(qb, [{ expr: 'f.id', valueOf: (x) => x.id }], page);
  }

  /** For each person, one page of their feedback the viewer may read (one statement for all). */
  pagesByPerson(ctx: RequestContext<unknown>, personIds: readonly string[], key: ChildPageKey): Promise<Map<string, ChildIdPage>> {
    return idPagesByParent(this.conn, ctx, 'feedback', 'person_id', personIds, key, feedbackScope(readScope(ctx.viewer, FEEDBACK)));
  }

  countByPersons(ctx: RequestContext<unknown>, personIds: readonly string[]): Promise<Array<{ key: string; count: number }>> {
    const qb = this.conn.repo(ctx, FeedbackEntity).createQueryBuilder('f');
    andWhereCondition(qb, feedbackScope(readScope(ctx.viewer, FEEDBACK)));
    return countsByKey(qb, 'personId', personIds);
  }

  /** For each feedback, one page of its steps in the order taken (one statement for all), unchecked: the feedback was. */
  stepPages(ctx: RequestContext<unknown>, feedbackIds: readonly string[], key: ChildPageKey): Promise<Map<string, ChildIdPage>> {
    return idPagesByParent(this.conn, ctx, 'feedback_step', 'feedback_id', feedbackIds, key);
  }

  stepCounts(ctx: RequestContext<unknown>, feedbackIds: readonly string[]): Promise<Array<{ key: string; count: number }>> {
    return countsByKey(this.conn.repo(ctx, FeedbackStepEntity).createQueryBuilder('s'), 'feedbackId', feedbackIds);
  }

  /**
   * Submits a feedback. Refused first for roles that submit none (association administrators,
   * analysts); a person submits their own only (the person may be left out), an administrator
   * names the person, a district administrator in their own district only.
   */
  submit(ctx: RequestContext<unknown>, input: SubmitFeedbackInput): Promise<FeedbackEntity> {
    return this.audit.guard(ctx, { action: 'submitFeedback', entityType: 'Feedback', entityId: null }, async () => {
      const scope = submitScope(ctx.viewer);
      assertScopeNotEmpty(scope);
      const check = new InputChecker('input');
      const record = checkFeedbackRecord(check, input as FeedbackDraft);
      if (scope.kind !== 'person' && !input.personId) check.fail('personId', 'is required: name the person the feedback is from');
      if (!record || !check.ok) return check.throwIfInvalid() as never;
      if (scope.kind === 'person') {
        if (record.personId && record.personId !== scope.personId) throw new ForbiddenError('A person can submit feedback of their own only.');
        record.personId = scope.personId;
      }
      assertInScope(scope, ctx.viewer, held(record, null), 'submit feedback');
      const id = await this.conn.transaction(ctx, async (tx) => {
        if (record.activityId) {
          const [activity] = await this.activities.findByIds(tx, [record.activityId]);
          if (!activity) throw new UserInputError([{ field: 'input.activityId', message: 'is not an activity of this register' }]);
        }
        const newId = tx.ids.next();
        const at = wholeSecond(this.now());
        await this.conn.repo(tx, FeedbackEntity).insert(submittedRow(record, newId, at));
        await this.conn.repo(tx, FeedbackStepEntity).insert(stepRow(tx.ids.next(), newId, null, FeedbackStatus.SUBMITTED, tx.viewer, at, NO_DETAIL));
        await this.audit.record(tx, { action: 'submitFeedback', entityType: 'Feedback', entityId: newId });
        return newId;
      });
      return this.getById(ctx, id);
    });
  }

  /**
   * Takes one step of the workflow. Refused first for roles that handle none; then the input
   * (what the target step needs); then, with the feedback locked, the viewer's district, the
   * version read and the transition table (CONFLICT). The step is kept with who and when.
   */
  handle(ctx: RequestContext<unknown>, input: HandleFeedbackInput): Promise<FeedbackEntity> {
    const entityId = typeof input.id === 'string' ? input.id.toLowerCase() : null;
    return this.audit.guard(ctx, { action: 'handleFeedback', entityType: 'Feedback', entityId }, async () => {
      const scope = writeScope(ctx.viewer, FEEDBACK_HANDLING);
      assertScopeNotEmpty(scope);
      const check = new InputChecker('input');
      const id = check.id('id', input.id);
      check.int('expectedVersion', input.expectedVersion, { required: true, min: 1 });
      const to = check.oneOf('to', input.to, FeedbackStatus, { required: true });
      const detail = checkStepDetail(check, to, input);
      check.throwIfInvalid();

      const lost = await this.conn.transaction(ctx, async (tx) => {
        const qb = this.conn.repo(tx, FeedbackEntity).createQueryBuilder('f').where('f.id = :id', { id });
        if (!this.conn.isSqlite) qb.setLock('pessimistic_write');
        const current = await qb.getOne();
        if (!current) throw new NotFoundError('Feedback', id!);
        assertInScope(scope, tx.viewer, held(current, null), 'handle feedback');
        if (current.version !== input.expectedVersion) throw new StaleVersionError(`Feedback ${current.id}`, current.version, input.expectedVersion);
        assertTransition(`Feedback ${current.id}`, FEEDBACK_TRANSITIONS, current.status as FeedbackStatus, to!, { field: 'input.to', whenFinal: 'its handling is over' });
        const at = wholeSecond(this.now());
        if (!(await updateAtVersion(this.conn, tx, FeedbackEntity, current.id, input.expectedVersion, changesFor(to!, detail!, at)))) return true;
        await this.conn.repo(tx, FeedbackStepEntity).insert(stepRow(tx.ids.next(), current.id, current.status, to!, tx.viewer, at, detail!));
        await this.audit.record(tx, { action: 'handleFeedback', entityType: 'Feedback', entityId: current.id, detail: `${current.status} → ${to}` });
        return false;
      });
      const now = await this.getById(ctx, id!);
      if (lost) throw new StaleVersionError(`Feedback ${now.id}`, now.version, input.expectedVersion);
      return now;
    });
  }

  /**
   * Imports many feedbacks with their history (demo data, migrations from paper registers), all
   * or nothing: each row is checked as `submitFeedback` checks one (problems named `rows[i].…`),
   * each of its steps against the workflow, in time order; one transaction, one audit event.
   * Only the system and city administrators import (the history names no real handler: its steps
   * are recorded as taken by the importer).
   */
  submitMany(ctx: RequestContext<unknown>, rows: readonly FeedbackImport[]): Promise<string[]> {
    return this.audit.guard(ctx, { action: 'submitMany', entityType: 'Feedback', entityId: null }, async () => {
      if (!ctx.viewer.system && ctx.viewer.role !== Role.CITY_ADMIN) throw new ForbiddenError('Only city administrators import feedback.');
      const errors: FieldError[] = [];
      const records: Array<{ record: FeedbackRecord; submittedAt: Date; steps: Array<{ to: FeedbackStatus; at: Date; detail: StepDetail }> }> = [];
      rows.forEach((row, i) => {
        const check = new InputChecker(`rows[${i}]`);
        const record = checkFeedbackRecord(check, row.draft);
        if (record && !record.personId) check.fail('personId', 'is required');
        const submittedAt = row.submittedAt ?? new Date(this.now());
        let status: FeedbackStatus = FeedbackStatus.SUBMITTED;
        let last = submittedAt.getTime();
        const steps: Array<{ to: FeedbackStatus; at: Date; detail: StepDetail }> = [];
        (row.steps ?? []).forEach((s, j) => {
          const to = check.oneOf(`steps[${j}].to`, s.to, FeedbackStatus, { required: true });
          const stepCheck = new InputChecker(`rows[${i}].steps[${j}]`);
          const detail = checkStepDetail(stepCheck, to, s);
          errors.push(...stepCheck.errors);
          if (!to || !detail) return;
          if (!FEEDBACK_TRANSITIONS[status].includes(to)) check.fail(`steps[${j}].to`, `cannot follow ${status}`);
          if (s.at.getTime() < last) check.fail(`steps[${j}].at`, 'is before the step it follows');
          last = s.at.getTime();
          status = to;
          steps.push({ to, at: s.at, detail });
        });
        errors.push(...check.errors);
        if (record && check.ok && steps.length === (row.steps ?? []).length) records.push({ record, submittedAt, steps });
      });
      if (errors.length) throw new UserInputError(errors);
      return this.conn.transaction(ctx, async (tx) => {
        const activityIds = [...new Set(records.map((r) => r.record.activityId).filter((x): x is string => !!x))];
        const known = new Set<string>();
        for (const chunk of chunksOf(activityIds)) {
          const found = await this.conn.repo(tx, ActivityEntity).find({ select: { id: true }, where: { id: In(chunk) } });
          for (const a of found) known.add(a.id);
        }
        records.forEach((r, i) => {
          if (r.record.activityId && !known.has(r.record.activityId)) errors.push({ field: `rows[${i}].activityId`, message: 'is not an activity of this register' });
        });
        if (errors.length) throw new UserInputError(errors);
        const feedbackRows: Array<Record<string, unknown>> = [];
        const stepRows: Array<Record<string, unknown>> = [];
        for (const { record, submittedAt, steps } of records) {
          const id = tx.ids.next();
          const at = wholeSecond(submittedAt.getTime());
          let row: Record<string, unknown> = submittedRow(record, id, at);
          stepRows.push(stepRow(tx.ids.next(), id, null, FeedbackStatus.SUBMITTED, tx.viewer, at, NO_DETAIL));
          let from: FeedbackStatus = FeedbackStatus.SUBMITTED;
          for (const s of steps) {
            const stepAt = wholeSecond(s.at.getTime());
            row = { ...row, ...changesFor(s.to, s.detail, stepAt), version: (row.version as number) + 1 };
            stepRows.push(stepRow(tx.ids.next(), id, from, s.to, tx.viewer, stepAt, s.detail));
            from = s.to;
          }
          feedbackRows.push(row);
        }
        await this.conn.insertChunked(tx, FeedbackEntity, feedbackRows as never);
        await this.conn.insertChunked(tx, FeedbackStepEntity, stepRows as never);
        await this.audit.record(tx, { action: 'submitMany', entityType: 'Feedback', entityId: null, detail: `${feedbackRows.length} records` });
        return feedbackRows.map((r) => r.id as string);
      });
    });
  }
}

/**
 * Who reads how a feedback was handled, besides where it stands: the roles that handle it (city
 * administrators, district administrators) and analysts, who study the handling across
 * districts. Internal: who took each step (token subject and role), the department it was
 * forwarded to, the handlers' notes. A person reading their own feedback, and an association
 * administrator reading the feedback from its activities, read the public part only: each
 * step's status and time, and the replies meant for the person (`answer`, `rejectReason`).
 */
export function readsFeedbackHandling(viewer: Viewer): boolean {
  if (viewer.system) return true;
  return viewer.role === Role.CITY_ADMIN || viewer.role === Role.DISTRICT_ADMIN || viewer.role === Role.ANALYST;
}

/** A submission's step carries nothing besides its target. */
const NO_DETAIL: StepDetail = { department: null, answer: null, note: null };

/** The instant cut to the whole second: DATETIME keeps seconds on MySQL, so it reads back as stored. */
const wholeSecond = (ms: number): Date => new Date(Math.floor(ms / 1000) * 1000);

/** The row of a feedback just submitted. */
function submittedRow(record: FeedbackRecord, id: string, at: Date) {
  return {
    ...record,
    personId: record.personId!,
    id,
    status: FeedbackStatus.SUBMITTED,
    department: null as string | null,
    answer: null as string | null,
    rejectReason: null as string | null,
    respondedOn: null as string | null,
    submittedAt: at,
    dueOn: dueDate(record.kind, at),
    version: 1,
  };
}

/** Who may submit: a person (their own), city administrators (any), district administrators (their district). */
function submitScope(viewer: Viewer): RowScope {
  if (!viewer.system && viewer.role === Role.PERSON) {
    return viewer.personId ? { kind: 'person', personId: viewer.personId } : { kind: 'none', reason: 'A person without a record cannot submit feedback.' };
  }
  const scope = writeScope(viewer, FEEDBACK_HANDLING);
  if (scope.kind === 'none' && viewer.role === Role.ANALYST) return { kind: 'none', reason: 'An analyst can read feedback but cannot submit it.' };
  if (scope.kind === 'none' && viewer.role === Role.ASSOCIATION_ADMIN) {
    return { kind: 'none', reason: 'An association administrator can read the feedback from its activities but cannot submit or handle feedback.' };
  }
  return scope;
}

/** What a step to `to`, taken at `at`, changes in the feedback's row; an answer or a rejection records the day of the reply (China date). */
function changesFor(to: FeedbackStatus, detail: StepDetail, at: Date): Partial<FeedbackEntity> {
  switch (to) {
    case FeedbackStatus.FORWARDED:
      return { status: to, department: detail.department };
    case FeedbackStatus.ANSWERED:
      return { status: to, answer: detail.answer, respondedOn: todayInChina(at.getTime()) };
    case FeedbackStatus.REJECTED:
      return { status: to, rejectReason: detail.note, respondedOn: todayInChina(at.getTime()) };
    default:
      return { status: to };
  }
}

function stepRow(id: string, feedbackId: string, from: string | null, to: FeedbackStatus, viewer: Viewer, at: Date, detail: StepDetail) {
  return {
    id,
    feedbackId,
    fromStatus: from,
    toStatus: to,
    actorSubject: viewer.subject.slice(0, 200),
    actorRole: viewer.system ? 'SYSTEM' : viewer.role,
    at,
    department: detail.department,
    note: detail.note,
  };
}
