import {
  assertInScope,
  assertScopeNotEmpty,
  AuditLog,
  ChildIdPage,
  ChildPageKey,
  ConflictError,
  countsByKey,
  describeViewer,
  districtLabel,
  FieldError,
  ForbiddenError,
  InputChecker,
  isId,
  keysetPage,
  Page,
  pageRequest,
  RequestContext,
  Role,
  RowScopeRule,
  scopeRefusal,
  StaleVersionError,
  TransactionalConnection,
  UserInputError,
  NotFoundError,
  assertCanReadAggregates,
  StatsDisclosure,
  Viewer,
  writeScope,
} from '@tongxin/common';
import { idPagesByParent, updateAtVersion } from '../db';
import { assertTransition } from '../transitions';
import type { Organizers, OrganizerScope } from '../organization/organizers';
import { ParticipationEntity } from '../participation/participation.entity';
import { ActivityStatsRepository, ActivityTallyFilter } from './activity-stats.repository';
import { inTallyOrder } from './activity-tally';
import { activityStatsHolder, ActivityStatsGroup, ActivityStatsRow, discloseActivityStats } from './activity-stats.type';
import { ActivityEntity } from './activity.entity';
import { ACTIVITY_TRANSITIONS, ActivityKind, ActivityStatsDimension, ActivityStatus } from './activity.enums';
import { CheckedActivityFilter, checkActivityFilter, filterActivities } from './activity.filter';
import { ActivityFilter, CreateActivityInput, UpdateActivityInput } from './activity.inputs';
import { ActivityDraft, ActivityRecord, checkActivityRecord } from './activity.validation';

/**
 * Who may create activities (docs/SECURITY.md, "1. Roles in the services"): city administrators
 * any; district administrators those of their district; association administrators those their
 * organization organizes; analysts and persons none. Reading them is open to every role: an
 * activity's profile is not personal data. The organizer named must besides be one the caller
 * may manage, as the organizations subgraph says (`organizerRefusal`).
 */
const ACTIVITIES: RowScopeRule = { what: 'activities', association: true, person: false };

/** What the scope rules see of an activity: the district it takes place in and its organizer. */
export const activityHolder = (a: { readonly districtCode: string; readonly organizerId: string | null }) => ({
  districtCode: a.districtCode,
  organizationId: a.organizerId,
});

/**
 * The activities: what they are, and the rules for creating them. Who may create which is
 * decided here (`ACTIVITIES`), before anything is written; every creation, refusal and failure
 * goes to the subgraph's audit log.
 */
export class ActivityService {
  /** The statements of `activityStats` (see `stats`). */
  readonly statistics: ActivityStatsRepository;

  constructor(
    private readonly conn: TransactionalConnection,
    private readonly audit: AuditLog,
    /** Asks the organizations subgraph about organizers (with the caller's token). */
    private readonly organizers: Organizers,
  ) {
    this.statistics = new ActivityStatsRepository(conn);
  }

  /**
   * What the organizations subgraph says, for the caller, of the organizers `organizerIds` name
   * (malformed ids and nulls are not asked about: validation reports them) and, for an
   * association administrator, of its own organization, whose district its activities must be
   * in. One question, asked before any transaction (no lock is held across the call). The system
   * (demo data, scripts, which run without a token) is not asked: it may name any organizer, as a
   * city administrator may, and its rows are not checked for existence.
   */
  private async organizerScopes(ctx: RequestContext<unknown>, organizerIds: ReadonlyArray<string | null | undefined>): Promise<Map<string, OrganizerScope>> {
    const viewer = ctx.viewer;
    if (viewer.system) return new Map();
    const ids = organizerIds.filter((id): id is string => typeof id === 'string' && isId(id)).map((id) => id.toLowerCase());
    if (viewer.role === Role.ASSOCIATION_ADMIN && viewer.organizationId && isId(viewer.organizationId)) ids.push(viewer.organizationId.toLowerCase());
    return ids.length ? this.organizers.scopes(ctx, ids) : new Map();
  }

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
    const qb = this.conn
      .repo(tx, ActivityEntity)
      .createQueryBuilder('a')
      .where('a.id IN (:...ids)', { ids: [...ids] });
    if (!this.conn.isSqlite) qb.setLock('pessimistic_write');
    return qb.getMany();
  }

  /** One page of the activities, oldest first, filtered as asked. */
  list(ctx: RequestContext<unknown>, filter: ActivityFilter | null | undefined, args: { first?: number | null; after?: string | null }): Promise<Page<ActivityEntity>> {
    const page = pageRequest(args);
    const qb = this.conn.repo(ctx, ActivityEntity).createQueryBuilder('a');
    filterActivities(qb, filter);
    return keysetPage(qb, [{ expr: 'a.id', valueOf: (a) => a.id }], page);
  }

  /** For each organizer, the ids of one page of its activities (one statement for all organizers). */
  pagesByOrganizer(ctx: RequestContext<unknown>, organizerIds: readonly string[], key: ChildPageKey): Promise<Map<string, ChildIdPage>> {
    return idPagesByParent(this.conn, ctx, 'activity', 'organizer_id', organizerIds, key);
  }

  countByOrganizers(ctx: RequestContext<unknown>, organizerIds: readonly string[]): Promise<Array<{ key: string; count: number }>> {
    return countsByKey(this.conn.repo(ctx, ActivityEntity).createQueryBuilder('a'), 'organizerId', organizerIds);
  }

  /**
   * Enters one activity. Refused first when the viewer may create no activities at all (before
   * the input is looked at), then after validation when the activity's district or organizer is
   * outside the viewer's scope, then when the organizations subgraph does not know the organizer
   * (BAD_USER_INPUT at `input.organizerId`) or says the viewer may not manage it, or, for an
   * association administrator, when the activity is not in its organization's district.
   */
  create(ctx: RequestContext<unknown>, input: CreateActivityInput): Promise<ActivityEntity> {
    return this.audit.guard(ctx, { action: 'createActivity', entityType: 'Activity', entityId: null }, async () => {
      const scope = writeScope(ctx.viewer, ACTIVITIES);
      assertScopeNotEmpty(scope);
      const check = new InputChecker('input');
      const record = checkActivityRecord(check, input as ActivityDraft);
      if (!record) return check.throwIfInvalid() as never;
      assertInScope(scope, ctx.viewer, activityHolder(record), 'create activities');
      const organizers = await this.organizerScopes(ctx, [record.organizerId]);
      const refusal = organizerRefusal(ctx.viewer, record, organizers, { organizerChanged: true, districtChanged: true, field: 'input.organizerId' });
      if (refusal) throw refusal;
      const id = ctx.ids.next();
      await this.conn.transaction(ctx, async (tx) => {
        await this.conn.repo(tx, ActivityEntity).insert({ ...record, id });
        await this.audit.record(tx, { action: 'createActivity', entityType: 'Activity', entityId: id });
      });
      return this.getById(ctx, id);
    });
  }

  /**
   * Changes an activity. Refused first when the viewer may change no activities at all; then the
   * merged record is checked as createActivity checks one; then, with the activity locked, the
   * viewer's scope over the activity as it is and as it would be, a new organizer as
   * createActivity checks one (an organizer kept is not asked about again), an association
   * administrator's district rule, the version read, the status change (`ACTIVITY_TRANSITIONS`)
   * and the capacity against the participations recorded.
   */
  update(ctx: RequestContext<unknown>, input: UpdateActivityInput): Promise<ActivityEntity> {
    const entityId = typeof input.id === 'string' ? input.id.toLowerCase() : null;
    return this.audit.guard(ctx, { action: 'updateActivity', entityType: 'Activity', entityId }, async () => {
      const scope = writeScope(ctx.viewer, ACTIVITIES);
      assertScopeNotEmpty(scope);
      const check = new InputChecker('input');
      const id = check.id('id', input.id);
      check.int('expectedVersion', input.expectedVersion, { required: true, min: 1 });
      check.throwIfInvalid();
      // Asked before the transaction, and only when the organizer or the district may change:
      // a named organizer, and an association administrator's own organization (its district).
      const placed = input.organizerId !== undefined || input.districtCode !== undefined;
      const organizers = placed ? await this.organizerScopes(ctx, [input.organizerId]) : new Map<string, OrganizerScope>();

      const lost = await this.conn.transaction(ctx, async (tx) => {
        const [current] = await this.lockByIds(tx, [id!]);
        if (!current) throw new NotFoundError('Activity', id!);
        assertInScope(scope, tx.viewer, activityHolder(current), 'change activities');
        const keep = <K extends keyof UpdateActivityInput & keyof ActivityEntity>(k: K) => (input[k] === undefined ? current[k] : input[k]);
        const draft: ActivityDraft = {
          title: keep('title') as string | null,
          kind: keep('kind') as ActivityKind | null,
          description: keep('description') as string | null,
          organizerId: keep('organizerId') as string | null,
          districtCode: keep('districtCode') as string | null,
          location: keep('location') as string | null,
          startsAt: keep('startsAt') as Date | null,
          endsAt: keep('endsAt') as Date | null,
          capacity: keep('capacity') as number | null,
          // null keeps the status too: the create rule would read it as PLANNED.
          status: (input.status ?? current.status) as ActivityStatus,
        };
        const record = checkActivityRecord(check, draft);
        if (!record) return check.throwIfInvalid() as never;
        assertInScope(scope, tx.viewer, activityHolder(record), 'move activities');
        const refusal = organizerRefusal(tx.viewer, record, organizers, {
          organizerChanged: record.organizerId !== current.organizerId,
          districtChanged: record.districtCode !== current.districtCode,
          field: 'input.organizerId',
        });
        if (refusal) throw refusal;
        if (current.version !== input.expectedVersion) throw new StaleVersionError(`Activity ${current.id}`, current.version, input.expectedVersion);
        const from = current.status as ActivityStatus;
        if (record.status !== from) {
          assertTransition(`Activity ${current.id}`, ACTIVITY_TRANSITIONS, from, record.status, { field: 'input.status', whenFinal: 'it is final' });
        }
        if (record.capacity !== null && record.capacity !== current.capacity) {
          const taken = await this.conn.repo(tx, ParticipationEntity).countBy({ activityId: current.id });
          if (record.capacity < taken) {
            throw new ConflictError(`Activity ${current.id} has ${taken} participations recorded: its capacity cannot drop below them.`, {
              field: 'input.capacity',
              participantCount: taken,
            });
          }
        }
        if (!(await updateAtVersion(this.conn, tx, ActivityEntity, current.id, input.expectedVersion, { ...record }))) return true;
        await this.audit.record(tx, { action: 'updateActivity', entityType: 'Activity', entityId: current.id });
        return false;
      });
      const now = await this.getById(ctx, id!);
      if (lost) throw new StaleVersionError(`Activity ${now.id}`, now.version, input.expectedVersion);
      return now;
    });
  }

  /**
   * `activityStats`: activities, participations, attendances and hours grouped as asked. The
   * month is the start's month in China (UTC+8, no daylight saving), computed by the database:
   * DATETIME columns hold UTC on both databases. An aggregate: every role but a person.
   *
   * Two paths to the same numbers (issue 16 §4; `ActivityStatsRepository`):
   * - **activity_tally** (counts kept by triggers in the writing transaction) answers when the
   *   filter uses only `districtCode`, `kind`, `status`, and `startsFrom`/`startsBefore` falling on
   *   the first instant of a China-time month (`2026-01-01T00:00:00+08:00`), and disclosure
   *   control can decide without a count of each group's distinct persons, which a tally cannot
   *   sum: every group is exact for the viewer (`StatsDisclosure.exempt`: city administrators and
   *   the system; a district administrator for the groups of their district), or each group under
   *   control provably holds at least k persons. A person takes part in an activity at most once
   *   (uq_participation_activity_person), so a group of P participations in A activities holds at
   *   least ceil(P / A) persons (its busiest activity has at least the mean); when that is k or
   *   more for every controlled group, nothing is suppressed and every count is rounded, which is
   *   what the exact persons would decide too (`provablyLarge`).
   * - **one GROUP BY** over the activities and their participations answers every other request:
   *   a `text` or `organizerId` filter, a bound inside a month, or a group under control that may
   *   hold fewer than k persons, whose distinct persons then decide suppression and rounding.
   */
  async stats(ctx: RequestContext<unknown>, groupBy: readonly ActivityStatsDimension[], filter: ActivityFilter | null | undefined): Promise<ActivityStatsGroup[]> {
    assertCanReadAggregates(ctx.viewer);
    const checked = checkActivityFilter(filter);
    const disclosure = new StatsDisclosure(ctx.viewer);
    const tallied = tallyFilter(checked);
    if (tallied) {
      const rows = await this.statistics.fromTally(ctx, groupBy, tallied);
      const decided = provablyLarge(rows, disclosure, checked);
      if (decided) return discloseActivityStats(disclosure, decided, checked);
    }
    // Counts of persons: disclosure-controlled below city administrators (docs/SECURITY.md, "Statistics").
    return discloseActivityStats(disclosure, await this.statistics.fromSources(ctx, groupBy, filter), filter);
  }

  /**
   * Creates many activities at once, all or nothing: every row is checked first (each problem
   * named `rows[i].field`), each row against the viewer's scope, then the organizers (one
   * question to the organizations subgraph for the batch; not asked when the system runs it, as
   * the demo loader does), then the rows are inserted in chunks in one transaction with one
   * audit event for the batch.
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
      // The organizers, as createActivity checks one (the system is not asked: see organizerScopes).
      const organizers = await this.organizerScopes(
        ctx,
        records.map((r) => r.record.organizerId),
      );
      const unknown: FieldError[] = [];
      let refused: ForbiddenError | null = null;
      for (const { row, record } of records) {
        const refusal = organizerRefusal(ctx.viewer, record, organizers, { organizerChanged: true, districtChanged: true, field: `rows[${row}].organizerId` });
        if (refusal instanceof UserInputError) unknown.push(...refusal.fields);
        else if (refusal) refused ??= new ForbiddenError(`rows[${row}]: ${refusal.message}`);
      }
      if (unknown.length) throw new UserInputError(unknown);
      if (refused) throw refused;
      return this.conn.transaction(ctx, async (tx) => {
        const rows = records.map(({ record }) => ({ ...record, id: tx.ids.next() }));
        // Inserted in the tally's order (see inTallyOrder); the ids are answered in the rows' order.
        await this.conn.insertChunked(
          tx,
          ActivityEntity,
          inTallyOrder(rows, (r) => r),
        );
        await this.audit.record(tx, { action: 'createMany', entityType: 'Activity', entityId: null, detail: `${rows.length} records` });
        return rows.map((r) => r.id);
      });
    });
  }
}

/**
 * The rule of an activity's organizer (docs/SECURITY.md), for a viewer already inside the
 * activity's write scope, with what the organizations subgraph answered (`organizers`): null
 * when allowed, else the error.
 *
 * - A new organizer (on create, or an update naming another one) must be an organization of
 *   the register (BAD_USER_INPUT at `field`) that the viewer may manage (FORBIDDEN): city
 *   administrators any, district administrators those of their district, association
 *   administrators their own (the organizations subgraph decides, as it owns them). An organizer
 *   kept as it was is not asked about again: a district administrator may still edit an activity
 *   of their district that a city administrator gave another organizer.
 * - An association administrator places its activities in its organization's district
 *   (FORBIDDEN otherwise), on create and whenever an update changes the district or the
 *   organizer: the activity's district decides which district administrators read its
 *   participations. A district administrator's organizer and activity are both of their
 *   district already; a city administrator places activities freely.
 * The system is not checked (it names any organizer; see `organizerScopes`).
 */
function organizerRefusal(
  viewer: Viewer,
  record: { readonly organizerId: string | null; readonly districtCode: string },
  organizers: ReadonlyMap<string, OrganizerScope>,
  opts: { readonly organizerChanged: boolean; readonly districtChanged: boolean; readonly field: string },
): UserInputError | ForbiddenError | null {
  if (viewer.system) return null;
  const unknown = () => new UserInputError([{ field: opts.field, message: 'is not an organization of the register' }]);
  if (record.organizerId && opts.organizerChanged) {
    const organizer = organizers.get(record.organizerId);
    if (!organizer) return unknown();
    if (!organizer.manageable) {
      switch (viewer.role) {
        case Role.DISTRICT_ADMIN:
          return new ForbiddenError(`${describeViewer(viewer)} can name only organizations of their own district as organizers.`);
        case Role.ASSOCIATION_ADMIN:
          return new ForbiddenError('An association administrator can name only their own organization as organizer.');
        default:
          return new ForbiddenError(`${describeViewer(viewer)} cannot name this organization as organizer.`);
      }
    }
  }
  if (viewer.role === Role.ASSOCIATION_ADMIN && (opts.organizerChanged || opts.districtChanged)) {
    // The write scope made the organizer the viewer's own organization.
    const own = record.organizerId ? organizers.get(record.organizerId) : undefined;
    if (!own) return unknown();
    if (record.districtCode !== own.districtCode) {
      return new ForbiddenError(`An association administrator can hold activities only in their organization's district, ${districtLabel(own.districtCode)}.`);
    }
  }
  return null;
}

/**
 * The filter of `activityStats` as activity_tally can apply it (its dimensions), or null when it
 * cannot: a text or organizer condition, or a start bound that is not the first instant of a
 * China-time month.
 */
export function tallyFilter(f: CheckedActivityFilter): ActivityTallyFilter | null {
  if (f.text || f.organizerId) return null;
  const monthFrom = f.startsFrom ? chinaMonthStartingAt(f.startsFrom) : null;
  const monthBefore = f.startsBefore ? chinaMonthStartingAt(f.startsBefore) : null;
  if ((f.startsFrom && !monthFrom) || (f.startsBefore && !monthBefore)) return null;
  return { districtCode: f.districtCode, kind: f.kind, status: f.status, monthFrom, monthBefore };
}

/**
 * 'YYYY-MM' when `d` is the first instant of that month in China time (00:00:00.000 on the 1st,
 * UTC+8: 16:00 UTC of the day before), else null. An activity starts at or after that instant
 * exactly when its China-time month is that month or later.
 */
export function chinaMonthStartingAt(d: Date): string | null {
  const china = new Date(d.getTime() + 8 * 3600_000);
  if (china.getUTCDate() !== 1 || china.getUTCHours() !== 0 || china.getUTCMinutes() !== 0 || china.getUTCSeconds() !== 0 || china.getUTCMilliseconds() !== 0) return null;
  const month = china.toISOString().slice(0, 7);
  return /^\d{4}-\d{2}$/.test(month) ? month : null;
}

/**
 * The tally's rows with a lower bound of each group's persons where disclosure control needs one,
 * or null when some group under control may hold fewer than k persons (the GROUP BY must then
 * count them). Exact groups need no count; a group under control holds at least
 * ceil(participations / activities) persons, one participation per person and activity.
 */
export function provablyLarge(
  rows: readonly ActivityStatsRow[],
  disclosure: StatsDisclosure,
  filter: { readonly districtCode?: string | null; readonly organizerId?: string | null },
): ActivityStatsRow[] | null {
  const out: ActivityStatsRow[] = [];
  for (const r of rows) {
    if (disclosure.exempt(activityStatsHolder(r, filter))) {
      out.push(r);
      continue;
    }
    const atLeast = r.activities > 0 ? Math.ceil(r.participations / r.activities) : 0;
    if (atLeast < disclosure.minGroup) return null;
    out.push({ ...r, persons: atLeast });
  }
  return out;
}
