import { AuditLog, chunksOf, ForbiddenError, InputChecker, isId, RequestContext, TransactionalConnection } from '@tongxin/common';
import { In } from 'typeorm';
import { OrganizationMemberEntity } from './organization-member.entity';

/** One membership as the organizations subgraph publishes it. */
export interface MembershipChange {
  readonly membershipId: string;
  readonly personId: string;
  readonly organizationId: string;
  readonly active: boolean;
  readonly version: number;
}

/** The most changes one delivery may carry. */
const MAX_CHANGES_PER_DELIVERY = 1000;

/**
 * The replica of who belongs to which organization (`organization_member`), kept current by the
 * organizations subgraph's outbox through `applyMembershipChanges`: it tells which persons an
 * association administrator may read without a call to that subgraph.
 */
export class OrganizationMembersService {
  constructor(
    private readonly conn: TransactionalConnection,
    private readonly audit: AuditLog,
  ) {}

  /** Of these persons, those with a running membership in the organization (one statement per IN-list chunk). */
  async runningMembers(ctx: RequestContext<unknown>, organizationId: string, personIds: readonly string[]): Promise<Set<string>> {
    const members = new Set<string>();
    for (const chunk of chunksOf([...new Set(personIds)])) {
      const rows = await this.conn.repo(ctx, OrganizationMemberEntity).find({ select: { personId: true }, where: { organizationId, personId: In(chunk), active: true } });
      for (const r of rows) members.add(r.personId);
    }
    return members;
  }

  /**
   * Applies published memberships: a row is written only when its version is newer than the
   * stored one, so a repeated or late delivery changes nothing. Only the organizations
   * subgraph's service identity (or the system) may call it. Returns how many rows changed.
   */
  apply(ctx: RequestContext<unknown>, changes: readonly MembershipChange[]): Promise<number> {
    return this.audit.guard(ctx, { action: 'applyMembershipChanges', entityType: 'Membership', detail: `${changes.length} changes` }, async () => {
      if (!ctx.viewer.system && ctx.viewer.service !== 'organizations') {
        throw new ForbiddenError('Only the organizations subgraph publishes who belongs to which organization.');
      }
      const check = new InputChecker('');
      if (changes.length > MAX_CHANGES_PER_DELIVERY) check.fail('changes', `at most ${MAX_CHANGES_PER_DELIVERY} changes per delivery, not ${changes.length}`);
      changes.forEach((c, i) => {
        if (!isId(c.membershipId)) check.fail(`changes[${i}].membershipId`, 'is not an id');
        if (!isId(c.personId)) check.fail(`changes[${i}].personId`, 'is not an id');
        if (!isId(c.organizationId)) check.fail(`changes[${i}].organizationId`, 'is not an id');
        if (!Number.isInteger(c.version) || c.version < 1) check.fail(`changes[${i}].version`, 'must be a whole number from 1');
      });
      check.throwIfInvalid();
      // The newest change of each membership in this delivery.
      const newest = new Map<string, MembershipChange>();
      for (const c of changes) {
        const id = c.membershipId.toLowerCase();
        const seen = newest.get(id);
        if (!seen || c.version > seen.version)
          newest.set(id, { membershipId: id, personId: c.personId.toLowerCase(), organizationId: c.organizationId.toLowerCase(), active: c.active, version: c.version });
      }
      if (newest.size === 0) return 0;
      return this.conn.transaction(ctx, async (tx) => {
        const repo = this.conn.repo(tx, OrganizationMemberEntity);
        const stored = new Map<string, number>();
        for (const chunk of chunksOf([...newest.keys()])) {
          for (const r of await repo.find({ select: { membershipId: true, membershipVersion: true }, where: { membershipId: In(chunk) } })) stored.set(r.membershipId, r.membershipVersion);
        }
        const fresh: MembershipChange[] = [];
        const changed: MembershipChange[] = [];
        for (const c of newest.values()) {
          const version = stored.get(c.membershipId);
          if (version === undefined) fresh.push(c);
          else if (c.version > version) changed.push(c);
        }
        await this.conn.insertChunked(
          tx,
          OrganizationMemberEntity,
          fresh.map((c) => ({ membershipId: c.membershipId, organizationId: c.organizationId, personId: c.personId, active: c.active, membershipVersion: c.version })),
        );
        // A membership changes once in its life (it ends): one UPDATE per ended one, guarded by the version.
        for (const c of changed) {
          await repo
            .createQueryBuilder()
            .update(OrganizationMemberEntity)
            .set({ active: c.active, membershipVersion: c.version })
            .where('membership_id = :id AND membership_version < :version', { id: c.membershipId, version: c.version })
            .execute();
        }
        await this.audit.record(tx, { action: 'applyMembershipChanges', entityType: 'Membership', detail: `${fresh.length + changed.length} of ${changes.length} changes applied` });
        return fresh.length + changed.length;
      });
    });
  }
}
