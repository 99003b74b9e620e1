import { assertInScope, AuditLog, HeldRecord, RequestContext, RowScope, StaleVersionError, TransactionalConnection } from '@tongxin/common';
import type { EntityTarget, QueryDeepPartialEntity } from 'typeorm';

/** One change of one row under optimistic locking (talent pool entries, political arrangements). */
export interface VersionedChange<E extends { id: string; version: number }> {
  readonly entity: EntityTarget<E>;
  /** The GraphQL type: NOT_FOUND names it, and so does the audit event. */
  readonly typeName: string;
  /** How a CONFLICT names the row, before its id: "Talent pool entry". */
  readonly label: string;
  readonly action: string;
  /** The row's id, checked and lower-cased. */
  readonly id: string;
  readonly expectedVersion: number;
  /** The viewer's write scope, and how a row is held and what the viewer would be refused to do (FORBIDDEN). */
  readonly scope: RowScope;
  readonly held: (row: E) => HeldRecord;
  readonly verb: string;
  /** The columns to set on the current row, and the audit event's detail; throws to refuse the change. */
  readonly next: (current: E) => { set: QueryDeepPartialEntity<E>; detail?: string };
}

/**
 * Loads the row (NOT_FOUND), checks the viewer's scope (FORBIDDEN) and the version read (CONFLICT),
 * asks `next` what to set, updates the row where its version is still the one read and records the
 * audit event, all in one transaction; a row changed meanwhile (nothing updated) is a CONFLICT with
 * the version it has now. Returns the row as it is afterwards. Input is checked before this.
 */
export async function changeVersioned<E extends { id: string; version: number }>(conn: TransactionalConnection, audit: AuditLog, ctx: RequestContext<unknown>, change: VersionedChange<E>): Promise<E> {
  const { entity, typeName, label, action, id, expectedVersion } = change;
  const lost = await conn.transaction(ctx, async (tx) => {
    const current = await conn.getEntityOrThrow(tx, entity, id, typeName);
    assertInScope(change.scope, tx.viewer, change.held(current), change.verb);
    if (current.version !== expectedVersion) throw new StaleVersionError(`${label} ${current.id}`, current.version, expectedVersion);
    const { set, detail } = change.next(current);
    const result = await conn.repo(tx, entity).createQueryBuilder().update(entity).set(set).where('id = :id AND version = :version', { id: current.id, version: current.version }).execute();
    if (result.affected === 0) return true;
    await audit.record(tx, { action, entityType: typeName, entityId: current.id, detail });
    return false;
  });
  const now = await conn.getEntityOrThrow(ctx, entity, id, typeName);
  if (lost) throw new StaleVersionError(`${label} ${now.id}`, now.version, expectedVersion);
  return now;
}
