import {
  assertCanReadAggregates,
  assertInScope,
  assertScopeNotEmpty,
  AuditLog,
  ChildIdPage,
  childIdPages,
  ChildPageKey,
  chunksOf,
  ConflictError,
  countsByKey,
  ForbiddenError,
  HeldRecord,
  InputChecker,
  inRowScope,
  isId,
  isUniqueViolation,
  NotFoundError,
  readScope,
  RequestContext,
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
import { checkRows, distinctIds, lowerId, refuseFirstRow } from '../bulk';
import { OrganizationEntity } from '../organization/organization.entity';
import { MemberDistrictEntity } from '../relations/member-district.entity';
import { countedMember, MembershipEntity } from './membership.entity';
import { AddMembershipInput, ChangeMembershipRoleInput, EndMembershipInput } from './membership.inputs';
import { MembershipRole, ROLE_LABELS, ROLES_BY_KIND } from './membership.enums';
import { checkMembershipRecord, checkTerm, isArchivedPerson, MembershipDraft, MembershipRecord } from './membership.validation';
import { OrganizationKind } from '../organization/organization.enums';
import type { MembershipChanged, MembershipOutbox } from '../outbox/outbox';
import { MEMBERSHIP_TALLY, RUNNING_END_YEAR } from '../stats/member-tally';

/**
 * Memberships are personal records (docs/SECURITY.md): city administrators and analysts read
 * all, a district administrator those of their district's organizations, an association
 * administrator those of their organization, a person their own.
 */
const MEMBERSHIPS: RowScopeRule = { what: 'memberships', association: true, person: true };

/** A membership as the scope rules see it: held by its organization's district and the organization, about a person. */
function heldMembership(m: MembershipEntity): HeldRecord {
  return { districtCode: m.districtCode, organizationId: m.organizationId, personId: m.personId };
}

/**
 * The one read rule of memberships (docs/SECURITY.md's table): the refusal to read memberships
 * held as `held` says (null when allowed). membership(id), `_entities` and every list of
 * membership rows apply it, crossDistrictMembers included (to the organizations' district its
 * rows are limited to): a list never returns a row that membership(id) refuses.
 */
export function membershipReadRefusal(viewer: Viewer, held: HeldRecord): ForbiddenError | null {
  return scopeRefusal(readScope(viewer, MEMBERSHIPS), viewer, held, 'read memberships');
}

/** An organization as the holder of its memberships (no person: a person is never in scope of a whole organization). */
function heldByOrganization(org: { readonly id: string; readonly districtCode: string }): HeldRecord {
  return { districtCode: org.districtCode, organizationId: org.id };
}

/**
 * Who belongs to which organization, in which role, from when to when, and who may see and
 * change it (docs/SECURITY.md, "1. Roles in the services"): reads follow `readScope` of
 * MEMBERSHIPS row by row (membership(id) and `_entities` through the `membershipById` loader, a
 * person's memberships filtered, an organization's members as a whole); changes follow
 * `writeScope` (analysts and persons are refused before their input is read; the others after
 * the organization or membership is read, before anything is written). Every change is audited.
 */
export class MembershipService {
  constructor(
    private readonly conn: TransactionalConnection,
    private readonly audit: AuditLog,
    /** Where memberships started and ended are published (the persons subgraph's replica of who runs where). */
    private readonly outbox: MembershipOutbox,
    private readonly today: () => string = () => todayInChina(),
  ) {}

  /** The rows of these ids, unchecked: the `membershipById` loader checks each with `readRefusal`. */
  findByIds(ctx: RequestContext<unknown>, ids: readonly string[]): Promise<MembershipEntity[]> {
    return this.conn.findByIds(ctx, MembershipEntity, ids);
  }

  /** Why the viewer may not read this membership, or null when they may (membership(id), `_entities`). */
  readRefusal(ctx: RequestContext<unknown>, m: MembershipEntity): ForbiddenError | null {
    return membershipReadRefusal(ctx.viewer, heldMembership(m));
  }

  /** Of a person's memberships, those the viewer may read (the others are left out, not refused). */
  readable(ctx: RequestContext<unknown>, memberships: readonly MembershipEntity[]): MembershipEntity[] {
    const scope = readScope(ctx.viewer, MEMBERSHIPS);
    return memberships.filter((m) => inRowScope(scope, heldMembership(m)));
  }

  /**
   * Refuses `Organization.members` (its edges and its totalCount) unless the organization is in
   * the viewer's read scope: a person never (their own are in Person.memberships).
   */
  assertCanReadMembers(ctx: RequestContext<unknown>, org: { readonly id: string; readonly districtCode: string }): void {
    const scope = readScope(ctx.viewer, MEMBERSHIPS);
    if (scope.kind === 'person') throw new ForbiddenError('A person cannot read the members of an organization: their own memberships are in Person.memberships.');
    assertInScope(scope, ctx.viewer, heldByOrganization(org), 'read the members of organizations');
  }

  /** Refuses `Organization.memberCount` to a person; every other role reads the counts. */
  assertCanReadMemberCounts(ctx: RequestContext<unknown>): void {
    assertCanReadAggregates(ctx.viewer);
  }

  /** Every membership (running and ended) of many persons, each person's oldest first. */
  findByPersonIds(ctx: RequestContext<unknown>, personIds: readonly string[]): Promise<MembershipEntity[]> {
    if (personIds.length === 0) return Promise.resolve([]);
    return this.conn
      .repo(ctx, MembershipEntity)
      .createQueryBuilder('m')
      .where('m.personId IN (:...personIds)', { personIds: [...personIds] })
      .orderBy('m.id', 'ASC')
      .getMany();
  }

  /** For each organization, the ids of one page of its memberships (one statement for all). */
  memberIdPages(ctx: RequestContext<unknown>, organizationIds: readonly string[], key: ChildPageKey & { readonly activeOnly: boolean }): Promise<Map<string, ChildIdPage>> {
    return childIdPages(this.conn.manager(ctx), {
      table: 'membership',
      parentColumn: 'organization_id',
      orderColumn: 'id',
      parents: organizationIds,
      first: key.first,
      afterValue: key.after,
      // The running list is of registered persons; the history (activeOnly false) holds everyone's.
      where: key.activeOnly ? { sql: `end_date IS NULL AND ${countedMember()}`, params: [] } : undefined,
    });
  }

  /**
   * The number of memberships of each of many organizations (absent when none): running ones or
   * all, of registered persons or of anyone. Those of registered persons (memberCount, the running
   * list's totalCount) are sums of the membership tally's rows (src/stats/member-tally.ts: a
   * running membership has the empty end year); the whole history of anyone (members(activeOnly:
   * false).totalCount) is not in the tally and is counted from the memberships.
   */
  async countByOrganization(
    ctx: RequestContext<unknown>,
    organizationIds: readonly string[],
    key: { readonly activeOnly: boolean; readonly registeredOnly: boolean },
  ): Promise<Array<{ key: string; count: number }>> {
    if (key.registeredOnly) {
      const tally = this.conn
        .manager(ctx)
        .createQueryBuilder()
        .select('t.organization_id', 'key')
        .addSelect('SUM(t.n)', 'count')
        .from(MEMBERSHIP_TALLY, 't')
        .where('t.organization_id IN (:...ids)', { ids: [...organizationIds] })
        .andWhere('t.n > 0')
        .groupBy('t.organization_id');
      if (key.activeOnly) tally.andWhere('t.end_year = :running', { running: RUNNING_END_YEAR });
      const rows: Array<{ key: string; count: number | string }> = await tally.getRawMany();
      return rows.map((r) => ({ key: r.key, count: Number(r.count) }));
    }
    const qb = this.conn.repo(ctx, MembershipEntity).createQueryBuilder('m');
    if (key.activeOnly) qb.andWhere('m.endDate IS NULL');
    if (key.registeredOnly) qb.andWhere(countedMember('m'));
    return countsByKey(qb, 'organizationId', organizationIds);
  }

  getById(ctx: RequestContext<unknown>, id: string): Promise<MembershipEntity> {
    return this.conn.getEntityOrThrow(ctx, MembershipEntity, id, 'Membership');
  }

  async add(ctx: RequestContext<unknown>, input: AddMembershipInput): Promise<MembershipEntity> {
    const id = await this.audit.guard(ctx, { action: 'addMembership', entityType: 'Membership', entityId: null }, async () => {
      const scope = writeScope(ctx.viewer, MEMBERSHIPS);
      assertScopeNotEmpty(scope);
      const today = this.today();
      return this.conn.transaction(ctx, async (tx) => {
        let organization: OrganizationEntity | null = null;
        if (input.organizationId && isId(input.organizationId)) {
          organization = await this.conn.repo(tx, OrganizationEntity).findOneBy({ id: input.organizationId.toLowerCase() });
          if (!organization) throw new NotFoundError('Organization', input.organizationId);
          assertInScope(scope, tx.viewer, heldByOrganization(organization), 'change memberships');
        }
        const check = new InputChecker('input');
        const draft: MembershipDraft = {
          personId: input.personId,
          organizationId: input.organizationId,
          role: input.role,
          startDate: input.startDate,
          termStart: input.termStart,
          termEnd: input.termEnd,
        };
        // The person as the replica knows them: an unknown or archived person is refused with the other problems.
        const personId = lowerId(input.personId);
        const person = personId ? (await this.personDistricts(tx, [personId])).get(personId) : undefined;
        const record = checkMembershipRecord(
          check,
          draft,
          today,
          () => organization ?? undefined,
          () => person,
        );
        if (!record) return check.throwIfInvalid() as never;
        const running = await this.conn.repo(tx, MembershipEntity).findOne({
          select: { id: true },
          where: { personId: record.personId, organizationId: record.organizationId, active: true },
        });
        if (running) throw alreadyMember(running.id);
        const newId = tx.ids.next();
        try {
          await this.conn.repo(tx, MembershipEntity).insert(toRow(record, organization!, newId, person));
        } catch (error) {
          if (isUniqueViolation(error)) throw alreadyMember(null);
          throw error;
        }
        await this.outbox.append(tx, [{ membershipId: newId, personId: record.personId, organizationId: record.organizationId, active: true, version: 1 }]);
        await this.audit.record(tx, { action: 'addMembership', entityType: 'Membership', entityId: newId });
        return newId;
      });
    });
    void this.outbox.nudge();
    return this.getById(ctx, id);
  }

  /**
   * Adds many memberships at once, all or nothing (demo data); a draft with an endDate records
   * a membership that has ended already. Every row is checked first (problems named
   * `rows[i].field`), including a person the replica of the register does not know, an archived
   * one in a running membership, and a second running membership of the same person in the same
   * organization, within the batch or against the stored ones; then each row against the
   * caller's write scope (the rule of addMembership); then the rows are inserted in chunks in
   * one transaction, which also records one audit event for the batch.
   */
  async addMany(ctx: RequestContext<unknown>, drafts: readonly MembershipDraft[]): Promise<string[]> {
    const ids = await this.audit.guard(ctx, { action: 'addMany', entityType: 'Membership', entityId: null }, async () => {
      const scope = writeScope(ctx.viewer, MEMBERSHIPS);
      assertScopeNotEmpty(scope);
      const today = this.today();
      return this.conn.transaction(ctx, async (tx) => {
        const organizationIds = distinctIds(drafts.map((d) => d.organizationId));
        const organizations = await this.conn.mapByIds(tx, OrganizationEntity, organizationIds);
        const personDistricts = await this.personDistricts(tx, distinctIds(drafts.map((d) => d.personId)));

        const runningPairs = new Map<string, number>();
        const records = checkRows(drafts, (check, draft, row) => {
          const record = checkMembershipRecord(
            check,
            draft,
            today,
            (id) => organizations.get(id),
            (id) => personDistricts.get(id),
          );
          if (!record) return null;
          if (record.endDate === null) {
            const pair = `${record.personId}/${record.organizationId}`;
            const first = runningPairs.get(pair);
            if (first !== undefined) check.fail('personId', `has a running membership in this organization in rows[${first}] already`);
            else runningPairs.set(pair, row);
          }
          return { record };
        });
        // The write scope of addMembership, row by row.
        refuseFirstRow(records, ({ record }) => scopeRefusal(scope, tx.viewer, { ...heldByOrganization(organizations.get(record.organizationId)!), personId: record.personId }, 'change memberships'));

        const repo = this.conn.repo(tx, MembershipEntity);
        const personIds = [...new Set(records.filter((r) => r.record.endDate === null).map((r) => r.record.personId))];
        for (const chunk of chunksOf(personIds)) {
          const running = await repo.find({
            select: { personId: true, organizationId: true },
            where: { personId: In(chunk), active: true },
          });
          const clashes = running.map((m) => runningPairs.get(`${m.personId}/${m.organizationId}`)).filter((row): row is number => row !== undefined);
          if (clashes.length) {
            throw new UserInputError(clashes.map((row) => ({ field: `rows[${row}].personId`, message: 'has a running membership in this organization already' })));
          }
        }

        const rows = records.map(({ record }) => toRow(record, organizations.get(record.organizationId)!, tx.ids.next(), personDistricts.get(record.personId)));
        await this.conn.insertChunked(tx, MembershipEntity, rows);
        await this.outbox.append(
          tx,
          rows.map((r) => ({ membershipId: r.id, personId: r.personId, organizationId: r.organizationId, active: r.active === true, version: r.version })),
        );
        await this.audit.record(tx, { action: 'addMany', entityType: 'Membership', entityId: null, detail: `${rows.length} records` });
        return rows.map((r) => r.id);
      });
    });
    void this.outbox.nudge();
    return ids;
  }

  /** Ends a running membership, keeping it as history; refused with CONFLICT if ended already or changed since read. */
  async end(ctx: RequestContext<unknown>, input: EndMembershipInput): Promise<MembershipEntity> {
    return this.audit.guard(ctx, { action: 'endMembership', entityType: 'Membership', entityId: lowerId(input.id) }, async () => {
      const scope = writeScope(ctx.viewer, MEMBERSHIPS);
      assertScopeNotEmpty(scope);
      const today = this.today();
      const check = new InputChecker('input');
      check.id('id', input.id);
      const endDate = check.date('endDate', input.endDate ?? today, { notAfter: today });
      const reason = check.text('reason', input.reason, { max: 200 });
      check.throwIfInvalid();

      return this.changeRunning(ctx, scope, input.id, input.expectedVersion, async (tx, current) => {
        if (endDate! < current.startDate) {
          throw new UserInputError([{ field: 'input.endDate', message: `must not be before the start date ${current.startDate}` }]);
        }
        const result = await this.conn
          .repo(tx, MembershipEntity)
          .createQueryBuilder()
          .update(MembershipEntity)
          .set({ endDate: endDate!, endReason: reason || null, active: null })
          .where('id = :id AND version = :version', { id: current.id, version: input.expectedVersion })
          .execute();
        if (result.affected === 0) return null;
        await this.outbox.append(tx, [ended(current)]);
        await this.audit.record(tx, { action: 'endMembership', entityType: 'Membership', entityId: current.id });
        return current.id;
      });
    });
  }

  /**
   * Changes the role of a running membership and keeps the history: the membership ends on
   * `changedOn` (reason 职务变更) and a new one in the new role starts that day, the two linked
   * (`previous`/`next`). Same rules as endMembership: the write scope, the expected version,
   * CONFLICT when it ended already. Audited as one `changeMembershipRole` event on the old row.
   */
  async changeRole(ctx: RequestContext<unknown>, input: ChangeMembershipRoleInput): Promise<MembershipEntity> {
    return this.audit.guard(ctx, { action: 'changeMembershipRole', entityType: 'Membership', entityId: lowerId(input.id) }, async () => {
      const scope = writeScope(ctx.viewer, MEMBERSHIPS);
      assertScopeNotEmpty(scope);
      const today = this.today();
      const check = new InputChecker('input');
      check.id('id', input.id);
      const role = check.oneOf('role', input.role, MembershipRole, { required: true });
      const changedOn = check.date('changedOn', input.changedOn ?? today, { notAfter: today });
      check.throwIfInvalid();

      return this.changeRunning(ctx, scope, input.id, input.expectedVersion, async (tx, current) => {
        // A new role is a new running membership: not for a person archived since (published as registered nowhere).
        const person = (await this.personDistricts(tx, [current.personId])).get(current.personId);
        if (person && isArchivedPerson(person)) {
          throw new ConflictError(`The person of membership ${current.id} is archived, no longer in the register: end the membership rather than change its role.`, {
            currentVersion: current.version,
          });
        }
        const organization = await this.conn.repo(tx, OrganizationEntity).findOneByOrFail({ id: current.organizationId });
        const allowed = ROLES_BY_KIND[organization.kind as OrganizationKind];
        if (role === current.role) check.fail('role', `is the current role (${role}) already`);
        else if (!allowed.includes(role!)) check.fail('role', `${role} is not a role in a ${organization.kind} (allowed: ${allowed.join(', ')})`);
        if (changedOn! < current.startDate) check.fail('changedOn', `must not be before the membership started (${current.startDate})`);
        const term = checkTerm(check, role, changedOn, input.termStart, input.termEnd);
        check.throwIfInvalid();

        const repo = this.conn.repo(tx, MembershipEntity);
        const nextId = tx.ids.next();
        const result = await repo
          .createQueryBuilder()
          .update(MembershipEntity)
          .set({ endDate: changedOn!, endReason: `职务变更：${ROLE_LABELS[current.role as MembershipRole]} → ${ROLE_LABELS[role!]}`, active: null, nextId })
          .where('id = :id AND version = :version AND end_date IS NULL', { id: current.id, version: input.expectedVersion })
          .execute();
        if (result.affected === 0) return null;
        await repo.insert({
          id: nextId,
          personId: current.personId,
          organizationId: current.organizationId,
          districtCode: current.districtCode,
          personDistrictCode: current.personDistrictCode,
          personStatus: current.personStatus,
          role: role!,
          startDate: changedOn!,
          endDate: null,
          endReason: null,
          termStart: term.termStart,
          termEnd: term.termEnd,
          previousId: current.id,
          nextId: null,
          active: true,
          version: 1,
        });
        await this.outbox.append(tx, [ended(current), { membershipId: nextId, personId: current.personId, organizationId: current.organizationId, active: true, version: 1 }]);
        await this.audit.record(tx, { action: 'changeMembershipRole', entityType: 'Membership', entityId: current.id, detail: `${current.role} → ${role} as ${nextId}` });
        return nextId;
      });
    });
  }

  /**
   * What endMembership and changeMembershipRole share. In one transaction: the membership `id` is
   * read and refused outside the write scope, at another version than `expectedVersion`, or ended
   * already (CONFLICT); then `write` makes its UPDATE guarded by the version and returns the id of
   * the membership to answer with, or null when that UPDATE changed nothing. After the
   * transaction that membership is read; when the write was lost (changed between the read and
   * the write: nothing was written, so nothing succeeded) the answer is a CONFLICT with the
   * version it has now (the guard records it).
   */
  private async changeRunning(
    ctx: RequestContext<unknown>,
    scope: RowScope,
    id: string,
    expectedVersion: number,
    write: (tx: RequestContext<unknown>, current: MembershipEntity) => Promise<string | null>,
  ): Promise<MembershipEntity> {
    const { answerId, lost } = await this.conn.transaction(ctx, async (tx) => {
      const current = await this.getById(tx, id);
      assertInScope(scope, tx.viewer, heldMembership(current), 'change memberships');
      if (current.version !== expectedVersion) throw new StaleVersionError(`Membership ${current.id}`, current.version, expectedVersion);
      if (current.endDate !== null) throw new ConflictError(`Membership ${current.id} ended on ${current.endDate} already.`, { currentVersion: current.version });
      const written = await write(tx, current);
      return { answerId: written ?? current.id, lost: written === null };
    });
    if (!lost) void this.outbox.nudge();
    const now = await this.getById(ctx, answerId);
    if (lost) throw new StaleVersionError(`Membership ${now.id}`, now.version, expectedVersion);
    return now;
  }

  /**
   * Where these persons are registered and their status, as the replica knows them (one statement per IN_LIST_CHUNK ids).
   * The rows are read with a shared lock (on MySQL; SQLite runs one writer at a time): a district
   * change applied meanwhile waits for this transaction, then updates the memberships it adds too;
   * an archiving cannot slip between the check that the person is not archived and the insert.
   */
  private async personDistricts(tx: RequestContext<unknown>, personIds: readonly string[]): Promise<Map<string, MemberDistrictEntity>> {
    const ids = [...new Set(personIds)];
    const found = new Map<string, MemberDistrictEntity>();
    for (const chunk of chunksOf(ids)) {
      const qb = this.conn.repo(tx, MemberDistrictEntity).createQueryBuilder('md').where('md.personId IN (:...ids)', { ids: chunk });
      if (!this.conn.isSqlite) qb.setLock('pessimistic_read');
      for (const r of await qb.getMany()) found.set(r.personId, r);
    }
    return found;
  }
}

/** The event of a running membership that ends (the UPDATE guarded by its version raises it by one). */
function ended(current: MembershipEntity): MembershipChanged {
  return { membershipId: current.id, personId: current.personId, organizationId: current.organizationId, active: false, version: current.version + 1 };
}

/** A new membership's row; `person` is the replica's row of its person, if it has one (their district counts only while they are registered). */
function toRow(record: MembershipRecord, organization: OrganizationEntity, id: string, person: MemberDistrictEntity | undefined) {
  const personStatus = person ? (person.status ?? (person.districtCode === null ? 'ARCHIVED' : 'ACTIVE')) : null;
  const personDistrictCode = personStatus === 'ACTIVE' ? person!.districtCode : null;
  return { ...record, id, districtCode: organization.districtCode, personDistrictCode, personStatus, active: record.endDate === null ? true : null, version: 1 };
}

function alreadyMember(runningId: string | null): ConflictError {
  return new ConflictError('This person has a running membership in this organization already: end it before adding another.', runningId ? { membershipId: runningId } : {});
}
