import {
  ChildIdPage,
  childIdPages,
  ChildPageKey,
  ConflictError,
  countsByKey,
  FieldError,
  InputChecker,
  isUniqueViolation,
  NotFoundError,
  RequestContext,
  TransactionalConnection,
  UserInputError,
} from '@tongxin/common';
import { In } from 'typeorm';
import { ActivityEntity } from '../activity/activity.entity';
import { ActivityStatus } from '../activity/activity.enums';
import type { ActivityService } from '../activity/activity.service';
import { ParticipationEntity } from './participation.entity';
import { RecordParticipationInput } from './participation.inputs';
import { checkParticipationRecord, ParticipationDraft, ParticipationRecord } from './participation.validation';

const LOOKUP_CHUNK = 500;

/**
 * Who takes part in which activity. A person takes part in an activity at most once; a
 * cancelled activity takes no one; a full one (as many participations as its capacity) takes
 * no one more.
 */
export class ParticipationService {
  constructor(
    private readonly conn: TransactionalConnection,
    private readonly activities: ActivityService,
  ) {}

  findByIds(ctx: RequestContext<unknown>, ids: readonly string[]): Promise<ParticipationEntity[]> {
    return this.conn.findByIds(ctx, ParticipationEntity, ids);
  }

  getById(ctx: RequestContext<unknown>, id: string): Promise<ParticipationEntity> {
    return this.conn.getEntityOrThrow(ctx, ParticipationEntity, id, 'Participation');
  }

  /** For each activity, the ids of one page of its participations (one statement for all). */
  pagesByActivity(ctx: RequestContext<unknown>, activityIds: readonly string[], key: ChildPageKey): Promise<Map<string, ChildIdPage>> {
    return this.pages(ctx, 'activity_id', activityIds, key);
  }

  /** For each person, the ids of one page of their participations (one statement for all). */
  pagesByPerson(ctx: RequestContext<unknown>, personIds: readonly string[], key: ChildPageKey): Promise<Map<string, ChildIdPage>> {
    return this.pages(ctx, 'person_id', personIds, key);
  }

  countByActivities(ctx: RequestContext<unknown>, activityIds: readonly string[]): Promise<Array<{ key: string; count: number }>> {
    return this.counts(ctx, 'activityId', activityIds);
  }

  countByPersons(ctx: RequestContext<unknown>, personIds: readonly string[]): Promise<Array<{ key: string; count: number }>> {
    return this.counts(ctx, 'personId', personIds);
  }

  /**
   * Records one participation. The activity is locked while its participations are counted
   * and the new one is written, so two requests cannot both take its last place.
   */
  async record(ctx: RequestContext<unknown>, input: RecordParticipationInput): Promise<ParticipationEntity> {
    const check = new InputChecker('input');
    const record = checkParticipationRecord(check, input as ParticipationDraft);
    if (!record) return check.throwIfInvalid() as never;
    const id = await this.conn.transaction(ctx, async (tx) => {
      const [activity] = await this.activities.lockByIds(tx, [record.activityId]);
      if (!activity) throw new NotFoundError('Activity', record.activityId);
      if (activity.status === ActivityStatus.CANCELLED) {
        throw new ConflictError(`Activity ${activity.id} is cancelled: it takes no participations.`, { field: 'input.activityId' });
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
      return newId;
    });
    return this.getById(ctx, id);
  }

  /**
   * Records many participations at once, all or nothing: every row is checked first (each
   * problem named `rows[i].field`); then, in one transaction with the activities locked,
   * unknown and cancelled activities, repeats within the batch and of recorded participations,
   * and overfull activities are refused before the rows are inserted in chunks.
   */
  async recordMany(ctx: RequestContext<unknown>, drafts: readonly ParticipationDraft[]): Promise<string[]> {
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
      for (let i = 0; i < activityIds.length; i += LOOKUP_CHUNK) {
        const chunk = activityIds.slice(i, i + LOOKUP_CHUNK);
        for (const a of await this.activities.lockByIds(tx, chunk)) activities.set(a.id, a);
        for (const c of await this.counts(tx, 'activityId', chunk)) taken.set(c.key, Number(c.count));
      }
      const recorded = await this.recordedPairs(tx, records.map((r) => r.record));
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
      await this.conn.insertChunked(tx, ParticipationEntity, rows);
      return rows.map((r) => r.id);
    });
  }

  /** Which of these (activity, person) pairs are recorded already. */
  private async recordedPairs(tx: RequestContext<unknown>, records: readonly ParticipationRecord[]): Promise<Set<string>> {
    const found = new Set<string>();
    const wanted = new Set(records.map((r) => pairKey(r.activityId, r.personId)));
    for (let i = 0; i < records.length; i += LOOKUP_CHUNK) {
      const chunk = records.slice(i, i + LOOKUP_CHUNK);
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

  private pages(ctx: RequestContext<unknown>, parentColumn: string, parents: readonly string[], key: ChildPageKey): Promise<Map<string, ChildIdPage>> {
    return childIdPages(this.conn.manager(ctx), {
      table: 'participation',
      parentColumn,
      orderColumn: 'id',
      parents,
      first: key.first,
      afterValue: key.after,
    });
  }

  private counts(ctx: RequestContext<unknown>, property: 'activityId' | 'personId', keys: readonly string[]): Promise<Array<{ key: string; count: number }>> {
    return countsByKey(this.conn.repo(ctx, ParticipationEntity).createQueryBuilder('p'), property, keys);
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
