import {
  ChildIdPage,
  childIdPages,
  ChildPageKey,
  ConflictError,
  countsByKey,
  InputChecker,
  isId,
  isUniqueViolation,
  NotFoundError,
  RequestContext,
  todayInChina,
  TransactionalConnection,
  UserInputError,
} from '@tongxin/common';
import { In } from 'typeorm';
import { OrganizationEntity } from '../organization/organization.entity';
import { MembershipEntity } from './membership.entity';
import { AddMembershipInput, EndMembershipInput } from './membership.inputs';
import { checkMembershipRecord, MembershipDraft, MembershipRecord } from './membership.validation';

const LOOKUP_CHUNK = 500;

/** Who belongs to which organization, in which role, from when to when. */
export class MembershipService {
  constructor(
    private readonly conn: TransactionalConnection,
    private readonly today: () => string = () => todayInChina(),
  ) {}

  findByIds(ctx: RequestContext<unknown>, ids: readonly string[]): Promise<MembershipEntity[]> {
    return this.conn.findByIds(ctx, MembershipEntity, ids);
  }

  /** Every membership (running and ended) of many persons, each person's oldest first. */
  findByPersonIds(ctx: RequestContext<unknown>, personIds: readonly string[]): Promise<MembershipEntity[]> {
    return this.conn.repo(ctx, MembershipEntity).find({ where: { personId: In([...personIds]) }, order: { id: 'ASC' } });
  }

  /** For each organization, the ids of one page of its memberships (one statement for all). */
  memberIdPages(
    ctx: RequestContext<unknown>,
    organizationIds: readonly string[],
    key: ChildPageKey & { readonly activeOnly: boolean },
  ): Promise<Map<string, ChildIdPage>> {
    return childIdPages(this.conn.manager(ctx), {
      table: 'membership',
      parentColumn: 'organization_id',
      orderColumn: 'id',
      parents: organizationIds,
      first: key.first,
      afterValue: key.after,
      where: key.activeOnly ? { sql: 'end_date IS NULL', params: [] } : undefined,
    });
  }

  /** The number of memberships of each of many organizations (absent when none). */
  countByOrganization(ctx: RequestContext<unknown>, organizationIds: readonly string[], activeOnly: boolean): Promise<Array<{ key: string; count: number }>> {
    const qb = this.conn.repo(ctx, MembershipEntity).createQueryBuilder('m');
    if (activeOnly) qb.where('m.endDate IS NULL');
    return countsByKey(qb, 'organizationId', organizationIds);
  }

  getById(ctx: RequestContext<unknown>, id: string): Promise<MembershipEntity> {
    return this.conn.getEntityOrThrow(ctx, MembershipEntity, id, 'Membership');
  }

  async add(ctx: RequestContext<unknown>, input: AddMembershipInput): Promise<MembershipEntity> {
    const today = this.today();
    const id = await this.conn.transaction(ctx, async (tx) => {
      let organization: OrganizationEntity | null = null;
      if (input.organizationId && isId(input.organizationId)) {
        organization = await this.conn.repo(tx, OrganizationEntity).findOneBy({ id: input.organizationId.toLowerCase() });
        if (!organization) throw new NotFoundError('Organization', input.organizationId);
      }
      const check = new InputChecker('input');
      const draft: MembershipDraft = { personId: input.personId, organizationId: input.organizationId, role: input.role, startDate: input.startDate };
      const record = checkMembershipRecord(check, draft, today, () => organization ?? undefined);
      if (!record) return check.throwIfInvalid() as never;
      const running = await this.conn.repo(tx, MembershipEntity).findOne({
        select: { id: true },
        where: { personId: record.personId, organizationId: record.organizationId, active: true },
      });
      if (running) throw alreadyMember(running.id);
      const newId = tx.ids.next();
      try {
        await this.conn.repo(tx, MembershipEntity).insert(toRow(record, organization!, newId));
      } catch (error) {
        if (isUniqueViolation(error)) throw alreadyMember(null);
        throw error;
      }
      return newId;
    });
    return this.getById(ctx, id);
  }

  /**
   * Adds many memberships at once, all or nothing (demo data); a draft with an endDate records
   * a membership that has ended already. Every row is checked first (problems named
   * `rows[i].field`), including a second running membership of the same person in the same
   * organization, within the batch or against the stored ones; then the rows are inserted in
   * chunks in one transaction.
   */
  async addMany(ctx: RequestContext<unknown>, drafts: readonly MembershipDraft[]): Promise<string[]> {
    const today = this.today();
    return this.conn.transaction(ctx, async (tx) => {
      const organizationIds = [...new Set(drafts.map((d) => lowerId(d.organizationId)).filter((id): id is string => id !== null))];
      const organizations = new Map<string, OrganizationEntity>();
      for (let i = 0; i < organizationIds.length; i += LOOKUP_CHUNK) {
        const found = await this.conn.repo(tx, OrganizationEntity).findBy({ id: In(organizationIds.slice(i, i + LOOKUP_CHUNK)) });
        for (const o of found) organizations.set(o.id, o);
      }

      const errors: { field: string; message: string }[] = [];
      const records: Array<{ record: MembershipRecord; row: number }> = [];
      const runningPairs = new Map<string, number>();
      drafts.forEach((draft, i) => {
        const check = new InputChecker(`rows[${i}]`);
        const record = checkMembershipRecord(check, draft, today, (id) => organizations.get(id));
        errors.push(...check.errors);
        if (!record) return;
        if (record.endDate === null) {
          const pair = `${record.personId}/${record.organizationId}`;
          const first = runningPairs.get(pair);
          if (first !== undefined) errors.push({ field: `rows[${i}].personId`, message: `has a running membership in this organization in rows[${first}] already` });
          else runningPairs.set(pair, i);
        }
        records.push({ record, row: i });
      });
      if (errors.length) throw new UserInputError(errors);

      const repo = this.conn.repo(tx, MembershipEntity);
      const personIds = [...new Set(records.filter((r) => r.record.endDate === null).map((r) => r.record.personId))];
      for (let i = 0; i < personIds.length; i += LOOKUP_CHUNK) {
        const running = await repo.find({
          select: { personId: true, organizationId: true },
          where: { personId: In(personIds.slice(i, i + LOOKUP_CHUNK)), active: true },
        });
        const clashes = running.map((m) => runningPairs.get(`${m.personId}/${m.organizationId}`)).filter((row): row is number => row !== undefined);
        if (clashes.length) {
          throw new UserInputError(clashes.map((row) => ({ field: `rows[${row}].personId`, message: 'has a running membership in this organization already' })));
        }
      }

      const rows = records.map(({ record }) => toRow(record, organizations.get(record.organizationId)!, tx.ids.next()));
      await this.conn.insertChunked(tx, MembershipEntity, rows);
      return rows.map((r) => r.id);
    });
  }

  /** Ends a running membership, keeping it as history; refused with CONFLICT if ended already or changed since read. */
  async end(ctx: RequestContext<unknown>, input: EndMembershipInput): Promise<MembershipEntity> {
    const today = this.today();
    const check = new InputChecker('input');
    check.id('id', input.id);
    const endDate = check.date('endDate', input.endDate ?? today, { notAfter: today });
    const reason = check.text('reason', input.reason, { max: 200 });
    check.throwIfInvalid();

    const { id, lost } = await this.conn.transaction(ctx, async (tx) => {
      const current = await this.getById(tx, input.id);
      if (current.version !== input.expectedVersion) throw staleVersion(current, input.expectedVersion);
      if (current.endDate !== null) throw new ConflictError(`Membership ${current.id} ended on ${current.endDate} already.`, { currentVersion: current.version });
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
      // Changed between the read and the write: report the version it has now, read after this transaction.
      return { id: current.id, lost: result.affected === 0 };
    });
    const now = await this.getById(ctx, id);
    if (lost) throw staleVersion(now, input.expectedVersion);
    return now;
  }
}

function toRow(record: MembershipRecord, organization: OrganizationEntity, id: string) {
  return { ...record, id, districtCode: organization.districtCode, active: record.endDate === null ? true : null, version: 1 };
}

function lowerId(value: unknown): string | null {
  return typeof value === 'string' && isId(value) ? value.toLowerCase() : null;
}

function alreadyMember(runningId: string | null): ConflictError {
  return new ConflictError(
    'This person has a running membership in this organization already: end it before adding another.',
    runningId ? { membershipId: runningId } : {},
  );
}

function staleVersion(current: MembershipEntity, expectedVersion: number): ConflictError {
  return new ConflictError(
    `Membership ${current.id} was changed by someone else: you read version ${expectedVersion}, it is now version ${current.version}. Reload it and try again.`,
    { currentVersion: current.version },
  );
}
