import { AuditLog, ForbiddenError, InputChecker, isId, RequestContext, TransactionalConnection } from '@tongxin/common';
import { In } from 'typeorm';
import { PersonStatusEntity } from './person-status.entity';

/** The statuses of the register (the persons subgraph's PersonStatus): only ACTIVE persons count. */
export const PERSON_STATUSES = ['ACTIVE', 'MOVED_AWAY', 'ARCHIVED'] as const;

/** One change of a person's status, as the persons subgraph publishes it. */
export interface PersonStatusChange {
  readonly personId: string;
  readonly status: string;
  readonly version: number;
}

/** The most changes one delivery may carry. */
const MAX_CHANGES_PER_DELIVERY = 1000;

/**
 * The replica of persons' statuses (`person_status`), kept current by the persons subgraph's
 * outbox exactly as the organizations subgraph keeps `member_district`: a change applies only when
 * its version is newer than the stored one, so a repeated or late delivery changes nothing. Only
 * the persons subgraph's service identity (or the system) may apply changes.
 */
export class PersonStatusService {
  constructor(
    private readonly conn: TransactionalConnection,
    private readonly audit: AuditLog,
  ) {}

  apply(ctx: RequestContext<unknown>, changes: readonly PersonStatusChange[]): Promise<number> {
    return this.audit.guard(ctx, { action: 'applyPersonStatuses', entityType: 'Person', detail: `${changes.length} changes` }, async () => {
      if (!ctx.viewer.system && ctx.viewer.service !== 'persons') {
        throw new ForbiddenError("Only the persons subgraph publishes persons' statuses.");
      }
      const check = new InputChecker('');
      if (changes.length > MAX_CHANGES_PER_DELIVERY) check.fail('changes', `at most ${MAX_CHANGES_PER_DELIVERY} changes per delivery, not ${changes.length}`);
      changes.forEach((c, i) => {
        if (!isId(c.personId)) check.fail(`changes[${i}].personId`, 'is not an id');
        if (!(PERSON_STATUSES as readonly string[]).includes(c.status)) check.fail(`changes[${i}].status`, `is not one of ${PERSON_STATUSES.join(', ')}`);
        if (!Number.isInteger(c.version) || c.version < 1) check.fail(`changes[${i}].version`, 'must be a whole number from 1');
      });
      check.throwIfInvalid();
      const newest = new Map<string, PersonStatusChange>();
      for (const c of changes) {
        const id = c.personId.toLowerCase();
        const seen = newest.get(id);
        if (!seen || c.version > seen.version) newest.set(id, { ...c, personId: id });
      }
      if (newest.size === 0) return 0;
      return this.conn.transaction(ctx, async (tx) => {
        const repo = this.conn.repo(tx, PersonStatusEntity);
        const stored = new Map((await repo.findBy({ personId: In([...newest.keys()]) })).map((r) => [r.personId, r]));
        const fresh: PersonStatusEntity[] = [];
        const changed: PersonStatusChange[] = [];
        for (const c of newest.values()) {
          const row = stored.get(c.personId);
          if (!row) fresh.push(Object.assign(new PersonStatusEntity(), { personId: c.personId, status: c.status, personVersion: c.version }));
          else if (c.version > row.personVersion) changed.push(c);
        }
        await this.conn.insertChunked(tx, PersonStatusEntity, fresh);
        for (const c of changed) {
          await repo
            .createQueryBuilder()
            .update(PersonStatusEntity)
            .set({ status: c.status, personVersion: c.version })
            .where('person_id = :id AND person_version < :version', { id: c.personId, version: c.version })
            .execute();
        }
        await this.audit.record(tx, { action: 'applyPersonStatuses', entityType: 'Person', detail: `${fresh.length + changed.length} of ${changes.length} changes applied` });
        return fresh.length + changed.length;
      });
    });
  }
}
