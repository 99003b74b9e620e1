import {
  aggregateRefusal,
  assertCanReadAggregates,
  Disclosure,
  StatsDisclosure,
  assertInScope,
  assertScopeNotEmpty,
  AuditLog,
  ChildIdPage,
  ChildPageKey,
  chunksOf,
  ConflictError,
  countsByKey,
  FieldError,
  ForbiddenError,
  HeldRecord,
  InputChecker,
  isUniqueViolation,
  NotFoundError,
  readScope,
  RequestContext,
  Role,
  RowScope,
  RowScopeRule,
  scopeRefusal,
  StaleVersionError,
  TransactionalConnection,
  UserInputError,
  writeScope,
} from '@tongxin/common';
import { In } from 'typeorm';
import { inTallyOrder } from '../activity/activity-tally';
import { ActivityEntity } from '../activity/activity.entity';
import { ActivityStatus } from '../activity/activity.enums';
import { activityHolder, ActivityService } from '../activity/activity.service';
import { andWhereCondition, idPagesByParent, scopeCondition, SqlCondition, updateAtVersion } from '../db';
import { ParticipationEntity } from './participation.entity';
import { SummaryRow } from '../activity/activity-stats.type';
import { Attendance } from './participation.enums';
import { RecordParticipationInput, UpdateParticipationInput, WithdrawParticipationInput } from './participation.inputs';
import { checkParticipationRecord, ParticipationDraft, ParticipationRecord } from './participation.validation';

/**
 * Participations are personal records (docs/SECURITY.md, "1. Roles in the services"): city
 * administrators and analysts read all; a district administrator those in activities of their
 * district; an association administrator those in activities their organization organizes; a
 * person their own. The same roles but analysts and persons record them.
 */
const PARTICIPATIONS: RowScopeRule = { what: 'participations', association: true, person: true };

/** A participation as the scope rules see it: held by its activity's district and organizer. */
function participationHolder(activity: ActivityEntity, personId: string): HeldRecord {
  return { ...activityHolder(activity), personId };
}

/** The condition limiting the `participation` table to a scope: a district holds those of its activities. */
const participationScope = (scope: RowScope): SqlCondition | undefined => scopeCondition(scope, 'activity_id IN (SELECT id FROM activity WHERE district_code = ?)');

/**
 * Who takes part in which activity. A person takes part in an activity at most once; a
 * cancelled activity takes no one; a full one (as many participations as its capacity) takes
 * no one more. Who may read and record which participations (`PARTICIPATIONS`) is decided
 * here, before anything is written; every recording, refusal and failure goes to the audit log.
 */
export class ParticipationService {
  constructor(
    private readonly conn: TransactionalConnection,
    private readonly activities: ActivityService,
    private readonly audit: AuditLog,
  ) {}

  /** The rows of these ids, unchecked: the `participationById` loader checks each with `readRefusal`. */
  findByIds(ctx: RequestContext<unknown>, ids: readonly string[]): Promise<ParticipationEntity[]> {
    return this.conn.findByIds(ctx, ParticipationEntity, ids);
  }

  /** One row, unchecked (NOT_FOUND when there is none): for internal use after a check. */
  getById(ctx: RequestContext<unknown>, id: string): Promise<ParticipationEntity> {
    return this.conn.getEntityOrThrow(ctx, ParticipationEntity, id, 'Participation');
  }

  /**
   * Why the viewer may not read this participation, or null when they may: the rule of
   * participation(id) and `_entities`, applied per row after a batch and its activities are
   * loaded (see the `participationById` loader).
   */
  readRefusal(ctx: RequestContext<unknown>, participation: ParticipationEntity, activity: ActivityEntity | undefined): Error | null {
    // The foreign key keeps every participation's activity.
    if (!activity) return new Error(`Activity ${participation.activityId} of participation ${participation.id} is missing`);
    return scopeRefusal(readScope(ctx.viewer, PARTICIPATIONS), ctx.viewer, participationHolder(activity, participation.personId), 'read participations');
  }

  /**
   * `Activity.participations` (its edges and totalCount): who takes part in an activity is
   * readable by those who hold the activity's participations. A person is refused (their own
   * are on `Person.participations`).
   */
  assertCanReadParticipationsOf(ctx: RequestContext<unknown>, activity: { readonly districtCode: string; readonly organizerId: string | null }): void {
    const scope = readScope(ctx.viewer, PARTICIPATIONS);
    if (scope.kind === 'person') {
      throw new ForbiddenError('A person cannot read who takes part in an activity: their own participations are on Person.participations.');
    }
    assertInScope(scope, ctx.viewer, activityHolder(activity), 'read who takes part in activities');
  }

  /** `Activity.participantCount`: an aggregate, for every role but a person. */
  assertCanReadParticipantCounts(ctx: RequestContext<unknown>): void {
    assertCanReadAggregates(ctx.viewer);
  }

  /**
   * `Activity.participantCount` as the viewer may see it (docs/SECURITY.md, "Statistics"): exact
   * for those who may read the activity's participations (its district's administrators, its
   * organizer's association administrator: their own data), otherwise null under k and rounded
   * to a multiple of k.
   */
  participantCount(ctx: RequestContext<unknown>, activity: { readonly districtCode: string; readonly organizerId: string | null }, count: number): number | null {
    const disclosure = new StatsDisclosure(ctx.viewer);
    return disclosure.count(count, disclosure.single(count, { districtCode: activity.districtCode, organizationId: activity.organizerId }));
  }

  /**
   * How `Person.activitySummary` is shown: a statistic of one person over every activity, so it
   * is exact only for those exempt for that person (city administrators, the person themself)
   * and suppressed for everyone else (a district's administrators included: it spans activities
   * of other districts).
   */
  summaryDisclosure(ctx: RequestContext<unknown>, personId: string): Disclosure {
    return new StatsDisclosure(ctx.viewer).single(1, { personId });
  }

  /** For each activity, the ids of one page of its participations (one statement for all), unchecked. */
  pagesByActivity(ctx: RequestContext<unknown>, activityIds: readonly string[], key: ChildPageKey): Promise<Map<string, ChildIdPage>> {
    return idPagesByParent(this.conn, ctx, 'participation', 'activity_id', activityIds, key);
  }

  /**
   * For each person, the ids of one page of their participations that the viewer may read (one
   * statement for all): the scope is a condition of the statement, so pages stay full.
   */
  pagesByPerson(ctx: RequestContext<unknown>, personIds: readonly string[], key: ChildPageKey): Promise<Map<string, ChildIdPage>> {
    return idPagesByParent(this.conn, ctx, 'participation', 'person_id', personIds, key, participationScope(readScope(ctx.viewer, PARTICIPATIONS)));
  }

  /** How many participations each activity has, unchecked (the callers check the viewer first). */
  countByActivities(ctx: RequestContext<unknown>, activityIds: readonly string[]): Promise<Array<{ key: string; count: number }>> {
    return this.counts(ctx, 'activityId', activityIds);
  }

  /** How many participations of each person the viewer may read: the same condition as `pagesByPerson`. */
  countByPersons(ctx: RequestContext<unknown>, personIds: readonly string[]): Promise<Array<{ key: string; count: number }>> {
    const where = participationScope(readScope(ctx.viewer, PARTICIPATIONS));
    return this.counts(ctx, 'personId', personIds, where);
  }

  /**
   * Records one participation. Refused first when the viewer may record none at all (before the
   * input is looked at); then, once the activity is locked and read, when it is outside the
   * viewer's scope. The activity stays locked while its participations are counted and the new
   * one is written, so two requests cannot both take its last place.
   */
  record(ctx: RequestContext<unknown>, input: RecordParticipationInput): Promise<ParticipationEntity> {
    return this.audit.guard(ctx, { action: 'recordParticipation', entityType: 'Participation', entityId: null }, async () => {
      const scope = writeScope(ctx.viewer, PARTICIPATIONS);
      assertScopeNotEmpty(scope);
      const check = new InputChecker('input');
      const record = checkParticipationRecord(check, input as ParticipationDraft);
      if (!record) return check.throwIfInvalid() as never;
      const id = await this.conn.transaction(ctx, async (tx) => {
        const [activity] = await this.activities.lockByIds(tx, [record.activityId]);
        if (!activity) throw new NotFoundError('Activity', record.activityId);
        assertInScope(scope, tx.viewer, participationHolder(activity, record.personId), 'record participations');
        if (activity.status === ActivityStatus.CANCELLED || activity.status === ActivityStatus.COMPLETED) {
          const state = activity.status === ActivityStatus.CANCELLED ? 'cancelled' : 'finished';
          throw new ConflictError(`Activity ${activity.id} is ${state}: it takes no new participations.`, { field: 'input.activityId' });
        }
        const repo = this.conn.repo(tx, ParticipationEntity);
        const existing = await repo.findOne({ select: { id: true }, where: { activityId: record.activityId, personId: record.personId } });
        if (existing) throw duplicate(existing.id);
        if (activity.capacity !== null) {
          const taken = await repo.countBy({ activityId: activity.id });
          if (taken >= activity.capacity) throw full(activity, taken);
        }
        const newId = tx.ids.next();
        try {
          await repo.insert({ ...record, id: newId });
        } catch (error) {
          if (isUniqueViolation(error)) throw duplicate(null);
          throw error;
        }
        await this.audit.record(tx, { action: 'recordParticipation', entityType: 'Participation', entityId: newId });
        return newId;
      });
      return this.getById(ctx, id);
    });
  }

  /**
   * Records many participations at once, all or nothing: every row is checked first (each
   * problem named `rows[i].field`); then, in one transaction with the activities locked, each
   * row's activity against the viewer's scope (FORBIDDEN naming the row), then unknown and
   * cancelled activities, repeats within the batch and of recorded participations, and
   * overfull activities are refused before the rows are inserted in chunks, with one audit
   * event for the batch.
   */
  recordMany(ctx: RequestContext<unknown>, drafts: readonly ParticipationDraft[]): Promise<string[]> {
    return this.audit.guard(ctx, { action: 'recordMany', entityType: 'Participation', entityId: null }, async () => {
      const scope = writeScope(ctx.viewer, PARTICIPATIONS);
      assertScopeNotEmpty(scope);
      const errors: FieldError[] = [];
      const records: Array<{ row: number; record: ParticipationRecord }> = [];
      const seen = new Map<string, number>();
      drafts.forEach((draft, i) => {
        const check = new InputChecker(`rows[${i}]`);
        const record = checkParticipationRecord(check, draft);
        errors.push(...check.errors);
        if (!record) return;
        const pair = pairKey(record.activityId, record.personId);
        const first = seen.get(pair);
        if (first !== undefined) errors.push({ field: `rows[${i}].personId`, message: `repeats the person and activity of rows[${first}]` });
        else seen.set(pair, i);
        records.push({ row: i, record });
      });
      if (errors.length) throw new UserInputError(errors);

      return this.conn.transaction(ctx, async (tx) => {
        const activityIds = [...new Set(records.map((r) => r.record.activityId))];
        const activities = new Map<string, ActivityEntity>();
        const taken = new Map<string, number>();
        for (const chunk of chunksOf(activityIds)) {
          for (const a of await this.activities.lockByIds(tx, chunk)) activities.set(a.id, a);
          for (const c of await this.counts(tx, 'activityId', chunk)) taken.set(c.key, Number(c.count));
        }
        for (const { row, record } of records) {
          const activity = activities.get(record.activityId);
          const refusal = activity && scopeRefusal(scope, tx.viewer, participationHolder(activity, record.personId), 'record participations');
          if (refusal) throw new ForbiddenError(`rows[${row}]: ${refusal.message}`);
        }
        const recorded = await this.recordedPairs(
          tx,
          records.map((r) => r.record),
        );
        for (const { row, record } of records) {
          const activity = activities.get(record.activityId);
          if (!activity) errors.push({ field: `rows[${row}].activityId`, message: 'is not an activity of this register' });
          else if (activity.status === ActivityStatus.CANCELLED) errors.push({ field: `rows[${row}].activityId`, message: 'is a cancelled activity' });
          else if (recorded.has(pairKey(record.activityId, record.personId))) {
            errors.push({ field: `rows[${row}].personId`, message: 'takes part in this activity already' });
          } else {
            const count = (taken.get(activity.id) ?? 0) + 1;
            taken.set(activity.id, count);
            if (activity.capacity !== null && count > activity.capacity) {
              errors.push({ field: `rows[${row}].activityId`, message: `is full: it takes at most ${activity.capacity} participations` });
            }
          }
        }
        if (errors.length) throw new UserInputError(errors);

        const rows = records.map(({ record }) => ({ ...record, id: tx.ids.next() }));
        // Inserted in the order of their activities' tally rows (see inTallyOrder); the ids are answered in the rows' order.
        await this.conn.insertChunked(
          tx,
          ParticipationEntity,
          inTallyOrder(rows, (r) => activities.get(r.activityId)!),
        );
        await this.audit.record(tx, { action: 'recordMany', entityType: 'Participation', entityId: null, detail: `${rows.length} records` });
        return rows.map((r) => r.id);
      });
    });
  }

  /**
   * Changes attendance, hours or role of a participation. Refused first when the viewer may
   * change none; then, with its activity locked, outside the viewer's scope; CONFLICT when it
   * changed since read, its activity is cancelled, or ATTENDED/ABSENT is given before the
   * activity is under way.
   */
  update(ctx: RequestContext<unknown>, input: UpdateParticipationInput): Promise<ParticipationEntity> {
    const entityId = typeof input.id === 'string' ? input.id.toLowerCase() : null;
    return this.audit.guard(ctx, { action: 'updateParticipation', entityType: 'Participation', entityId }, async () => {
      const scope = writeScope(ctx.viewer, PARTICIPATIONS);
      assertScopeNotEmpty(scope);
      const check = new InputChecker('input');
      const id = check.id('id', input.id);
      check.int('expectedVersion', input.expectedVersion, { required: true, min: 1 });
      if (input.role === null) check.fail('role', 'cannot be cleared: leave it out to keep it');
      if (input.attendance === null) check.fail('attendance', 'cannot be cleared: leave it out to keep it');
      const hours = check.number('hours', input.hours, { min: 0, max: 24, decimals: 1 });
      if (hours !== undefined && input.attendance && input.attendance !== Attendance.ATTENDED) {
        check.fail('hours', `may only be given with attendance ATTENDED, not ${input.attendance}`);
      }
      check.throwIfInvalid();

      const lost = await this.conn.transaction(ctx, async (tx) => {
        const current = await this.conn.repo(tx, ParticipationEntity).findOneBy({ id: id! });
        if (!current) throw new NotFoundError('Participation', id!);
        const [activity] = await this.activities.lockByIds(tx, [current.activityId]);
        assertInScope(scope, tx.viewer, participationHolder(activity!, current.personId), 'change participations');
        if (current.version !== input.expectedVersion) throw new StaleVersionError(`Participation ${current.id}`, current.version, input.expectedVersion);
        if (activity!.status === ActivityStatus.CANCELLED) {
          throw new ConflictError(`Activity ${activity!.id} is cancelled: its participations do not change.`, { field: 'input.id' });
        }
        const attendance = (input.attendance ?? current.attendance) as Attendance;
        const begun = activity!.status === ActivityStatus.ONGOING || activity!.status === ActivityStatus.COMPLETED;
        if ((attendance === Attendance.ATTENDED || attendance === Attendance.ABSENT) && attendance !== current.attendance && !begun) {
          throw new ConflictError(`Activity ${activity!.id} is ${activity!.status}: attendance ${attendance} is recorded once it is under way or finished.`, {
            field: 'input.attendance',
          });
        }
        let newHours = input.hours === undefined ? current.hours : input.hours;
        if (attendance !== Attendance.ATTENDED) {
          if (input.hours !== undefined && input.hours !== null) {
            throw new UserInputError([{ field: 'input.hours', message: `may only be given with attendance ATTENDED, not ${attendance}` }]);
          }
          newHours = null;
        }
        const changes = { role: input.role ?? current.role, attendance, hours: newHours };
        if (!(await updateAtVersion(this.conn, tx, ParticipationEntity, current.id, input.expectedVersion, changes))) return true;
        await this.audit.record(tx, { action: 'updateParticipation', entityType: 'Participation', entityId: current.id });
        return false;
      });
      const now = await this.getById(ctx, id!);
      if (lost) throw new StaleVersionError(`Participation ${now.id}`, now.version, input.expectedVersion);
      return now;
    });
  }

  /**
   * Withdraws a registration: the row is deleted (the audit log keeps who withdrew it and when),
   * freeing its place. Only before the activity starts (PLANNED or OPEN, start still ahead) and
   * while the attendance is REGISTERED or EXCUSED; the same roles as recording.
   */
  withdraw(ctx: RequestContext<unknown>, input: WithdrawParticipationInput): Promise<ActivityEntity> {
    const now = Date.now();
    const entityId = typeof input.id === 'string' ? input.id.toLowerCase() : null;
    return this.audit.guard(ctx, { action: 'withdrawParticipation', entityType: 'Participation', entityId }, async () => {
      const scope = writeScope(ctx.viewer, PARTICIPATIONS);
      assertScopeNotEmpty(scope);
      const check = new InputChecker('input');
      const id = check.id('id', input.id);
      check.int('expectedVersion', input.expectedVersion, { required: true, min: 1 });
      check.throwIfInvalid();
      const activityId = await this.conn.transaction(ctx, async (tx) => {
        const current = await this.conn.repo(tx, ParticipationEntity).findOneBy({ id: id! });
        if (!current) throw new NotFoundError('Participation', id!);
        const [activity] = await this.activities.lockByIds(tx, [current.activityId]);
        assertInScope(scope, tx.viewer, participationHolder(activity!, current.personId), 'withdraw participations');
        if (current.version !== input.expectedVersion) throw new StaleVersionError(`Participation ${current.id}`, current.version, input.expectedVersion);
        const open = activity!.status === ActivityStatus.PLANNED || activity!.status === ActivityStatus.OPEN;
        if (!open || activity!.startsAt.getTime() <= now) {
          throw new ConflictError(`Activity ${activity!.id} has started or is ${activity!.status}: a registration is withdrawn only before it starts.`, { field: 'input.id' });
        }
        if (current.attendance !== Attendance.REGISTERED && current.attendance !== Attendance.EXCUSED) {
          throw new ConflictError(`Participation ${current.id} is ${current.attendance}: only a registration can be withdrawn.`, { field: 'input.id' });
        }
        const result = await this.conn
          .repo(tx, ParticipationEntity)
          .createQueryBuilder()
          .delete()
          .from(ParticipationEntity)
          .where('id = :id AND version = :version', { id: current.id, version: input.expectedVersion })
          .execute();
        if (result.affected === 0) throw new StaleVersionError(`Participation ${current.id}`, current.version, input.expectedVersion);
        await this.audit.record(tx, { action: 'withdrawParticipation', entityType: 'Participation', entityId: current.id, detail: `activity ${activity!.id}` });
        return activity!.id;
      });
      return this.activities.getById(ctx, activityId);
    });
  }

  /** `Person.activitySummary`: every role but a person reads anyone's (an aggregate); a person their own. */
  summaryRefusal(ctx: RequestContext<unknown>, personId: string): ForbiddenError | null {
    if (ctx.viewer.system || ctx.viewer.role !== Role.PERSON) return aggregateRefusal(ctx.viewer);
    return ctx.viewer.personId === personId ? null : new ForbiddenError('A person can read only their own activity summary.');
  }

  /**
   * Per person and kind of activity: participations, attendances and hours, over every activity,
   * for many persons in one GROUP BY statement.
   */
  async summariesByPersons(ctx: RequestContext<unknown>, personIds: readonly string[]): Promise<SummaryRow[]> {
    const rows: Array<Record<string, string | number | null>> = await this.conn
      .repo(ctx, ParticipationEntity)
      .createQueryBuilder('p')
      .innerJoin(ActivityEntity, 'a', 'a.id = p.activity_id')
      .select('p.person_id', 'personId')
      .addSelect('a.kind', 'kind')
      .addSelect('COUNT(*)', 'joined')
      .addSelect("SUM(CASE WHEN p.attendance = 'ATTENDED' THEN 1 ELSE 0 END)", 'attended')
      .addSelect("COALESCE(SUM(CASE WHEN p.attendance = 'ATTENDED' THEN p.hours ELSE 0 END), 0)", 'hours')
      .where('p.person_id IN (:...personIds)', { personIds: [...personIds] })
      .groupBy('p.person_id')
      .addGroupBy('a.kind')
      .getRawMany();
    return rows.map((r) => ({
      personId: String(r.personId),
      kind: String(r.kind),
      joined: Number(r.joined),
      attended: Number(r.attended),
      hours: Number(r.hours),
    }));
  }

  /** Which of these (activity, person) pairs are recorded already. */
  private async recordedPairs(tx: RequestContext<unknown>, records: readonly ParticipationRecord[]): Promise<Set<string>> {
    const found = new Set<string>();
    const wanted = new Set(records.map((r) => pairKey(r.activityId, r.personId)));
    for (const chunk of chunksOf(records)) {
      const rows = await this.conn.repo(tx, ParticipationEntity).find({
        select: { activityId: true, personId: true },
        where: { activityId: In([...new Set(chunk.map((r) => r.activityId))]), personId: In([...new Set(chunk.map((r) => r.personId))]) },
      });
      for (const row of rows) {
        const pair = pairKey(row.activityId, row.personId);
        if (wanted.has(pair)) found.add(pair);
      }
    }
    return found;
  }

  private counts(ctx: RequestContext<unknown>, property: 'activityId' | 'personId', keys: readonly string[], where?: SqlCondition): Promise<Array<{ key: string; count: number }>> {
    const qb = this.conn.repo(ctx, ParticipationEntity).createQueryBuilder('p');
    andWhereCondition(qb, where);
    return countsByKey(qb, property, keys);
  }
}

const pairKey = (activityId: string, personId: string): string => `${activityId}|${personId}`;

function duplicate(existingId: string | null): ConflictError {
  return new ConflictError(
    'This person takes part in this activity already: a person is recorded once per activity.',
    existingId ? { field: 'input.personId', participationId: existingId } : { field: 'input.personId' },
  );
}

function full(activity: ActivityEntity, taken: number): ConflictError {
  return new ConflictError(`Activity ${activity.id} is full: ${taken} of ${activity.capacity} places are taken.`, {
    field: 'input.activityId',
    capacity: activity.capacity,
    participantCount: taken,
  });
}
