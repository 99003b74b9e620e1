import {
  assertInScope,
  assertScopeNotEmpty,
  AuditLog,
  ChildIdPage,
  childIdPages,
  ChildPageKey,
  countsByKey,
  ForbiddenError,
  InputChecker,
  keysetPage,
  likeContains,
  Page,
  pageRequest,
  RequestContext,
  RowScopeRule,
  scopeRefusal,
  TransactionalConnection,
  UserInputError,
  writeScope,
} from '@tongxin/common';
import { ActivityEntity } from './activity.entity';
import { ActivityFilter, CreateActivityInput } from './activity.inputs';
import { ActivityDraft, ActivityRecord, checkActivityRecord } from './activity.validation';

/**
 * Who may create activities (docs/SECURITY.md, "1. Roles in the services"): city administrators
 * any; district administrators those of their district; association administrators those their
 * organization organizes; analysts and persons none. Reading them is open to every role: an
 * activity's profile is not personal data.
 */
export const ACTIVITIES: RowScopeRule = { what: 'activities', association: true, person: false };

/** What the scope rules see of an activity: the district it takes place in and its organizer. */
export const activityHolder = (a: { readonly districtCode: string; readonly organizerId: string | null }) => ({
  districtCode: a.districtCode,
  organizationId: a.organizerId,
});

/** How DATETIME columns compare with a parameter on both databases (UTC, as TypeORM stores them). */
const sqlDateTime = (d: Date): string => d.toISOString().replace('T', ' ').replace('Z', '');

/**
 * The activities: what they are, and the rules for creating them. Who may create which is
 * decided here (`ACTIVITIES`), before anything is written; every creation, refusal and failure
 * goes to the subgraph's audit log.
 */
export class ActivityService {
  constructor(
    private readonly conn: TransactionalConnection,
    private readonly audit: AuditLog,
  ) {}

  findByIds(ctx: RequestContext<unknown>, ids: readonly string[]): Promise<ActivityEntity[]> {
    return this.conn.findByIds(ctx, ActivityEntity, ids);
  }

  getById(ctx: RequestContext<unknown>, id: string): Promise<ActivityEntity> {
    return this.conn.getEntityOrThrow(ctx, ActivityEntity, id, 'Activity');
  }

  /**
   * The activities of these ids, locked against concurrent participations until the caller's
   * transaction ends (SQLite serialises its transactions anyway).
   */
  lockByIds(tx: RequestContext<unknown>, ids: readonly string[]): Promise<ActivityEntity[]> {
    const qb = this.conn.repo(tx, ActivityEntity).createQueryBuilder('a').where('a.id IN (:...ids)', { ids: [...ids] });
    if (!this.conn.isSqlite) qb.setLock('pessimistic_write');
    return qb.getMany();
  }

  /** One page of the activities, oldest first, filtered as asked. */
  list(ctx: RequestContext<unknown>, filter: ActivityFilter | null | undefined, args: { first?: number | null; after?: string | null }): Promise<Page<ActivityEntity>> {
    const page = pageRequest(args);
    const f = filter ?? {};
    const check = new InputChecker('filter');
    check.district('districtCode', f.districtCode);
    const organizerId = check.id('organizerId', f.organizerId, { required: false });
    const text = check.text('text', f.text, { max: 100 });
    check.throwIfInvalid();

    const qb = this.conn.repo(ctx, ActivityEntity).createQueryBuilder('a');
    if (f.districtCode) qb.andWhere('a.districtCode = :districtCode', { districtCode: f.districtCode });
    if (f.kind) qb.andWhere('a.kind = :kind', { kind: f.kind });
    if (f.status) qb.andWhere('a.status = :status', { status: f.status });
    if (organizerId) qb.andWhere('a.organizerId = :organizerId', { organizerId });
    if (f.startsFrom) qb.andWhere('a.startsAt >= :startsFrom', { startsFrom: sqlDateTime(f.startsFrom) });
    if (f.startsBefore) qb.andWhere('a.startsAt < :startsBefore', { startsBefore: sqlDateTime(f.startsBefore) });
    if (text) qb.andWhere("a.title LIKE :text ESCAPE '!'", { text: likeContains(text) });
    return keysetPage(qb, [{ expr: 'a.id', valueOf: (a) => a.id }], page);
  }

  /** For each organizer, the ids of one page of its activities (one statement for all organizers). */
  pagesByOrganizer(ctx: RequestContext<unknown>, organizerIds: readonly string[], key: ChildPageKey): Promise<Map<string, ChildIdPage>> {
    return childIdPages(this.conn.manager(ctx), {
      table: 'activity',
      parentColumn: 'organizer_id',
      orderColumn: 'id',
      parents: organizerIds,
      first: key.first,
      afterValue: key.after,
    });
  }

  countByOrganizers(ctx: RequestContext<unknown>, organizerIds: readonly string[]): Promise<Array<{ key: string; count: number }>> {
    return countsByKey(this.conn.repo(ctx, ActivityEntity).createQueryBuilder('a'), 'organizerId', organizerIds);
  }

  /**
   * Enters one activity. Refused first when the viewer may create no activities at all (before
   * the input is looked at), then after validation when the activity's district or organizer is
   * outside the viewer's scope.
   */
  create(ctx: RequestContext<unknown>, input: CreateActivityInput): Promise<ActivityEntity> {
    return this.audit.guard(ctx, { action: 'createActivity', entityType: 'Activity', entityId: null }, async () => {
      const scope = writeScope(ctx.viewer, ACTIVITIES);
      assertScopeNotEmpty(scope);
      const check = new InputChecker('input');
      const record = checkActivityRecord(check, input as ActivityDraft);
      if (!record) return check.throwIfInvalid() as never;
      assertInScope(scope, ctx.viewer, activityHolder(record), 'create activities');
      const id = ctx.ids.next();
      await this.conn.transaction(ctx, async (tx) => {
        await this.conn.repo(tx, ActivityEntity).insert({ ...record, id });
        await this.audit.record(tx, { action: 'createActivity', entityType: 'Activity', entityId: id });
      });
      return this.getById(ctx, id);
    });
  }

  /**
   * Creates many activities at once, all or nothing: every row is checked first (each problem
   * named `rows[i].field`), each row against the viewer's scope, then the rows are inserted in
   * chunks in one transaction with one audit event for the batch.
   */
  createMany(ctx: RequestContext<unknown>, drafts: readonly ActivityDraft[]): Promise<string[]> {
    return this.audit.guard(ctx, { action: 'createMany', entityType: 'Activity', entityId: null }, async () => {
      const scope = writeScope(ctx.viewer, ACTIVITIES);
      assertScopeNotEmpty(scope);
      const errors: { field: string; message: string }[] = [];
      const records: Array<{ row: number; record: ActivityRecord }> = [];
      drafts.forEach((draft, i) => {
        const check = new InputChecker(`rows[${i}]`);
        const record = checkActivityRecord(check, draft);
        errors.push(...check.errors);
        if (record) records.push({ row: i, record });
      });
      if (errors.length) throw new UserInputError(errors);
      for (const { row, record } of records) {
        const refusal = scopeRefusal(scope, ctx.viewer, activityHolder(record), 'create activities');
        if (refusal) throw new ForbiddenError(`rows[${row}]: ${refusal.message}`);
      }
      return this.conn.transaction(ctx, async (tx) => {
        const rows = records.map(({ record }) => ({ ...record, id: tx.ids.next() }));
        await this.conn.insertChunked(tx, ActivityEntity, rows);
        await this.audit.record(tx, { action: 'createMany', entityType: 'Activity', entityId: null, detail: `${rows.length} records` });
        return rows.map((r) => r.id);
      });
    });
  }
}
