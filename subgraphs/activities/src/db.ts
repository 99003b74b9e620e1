import { ChildIdPage, childIdPages, ChildPageKey, ForbiddenError, RequestContext, RowScope, TransactionalConnection } from '@tongxin/common';
import type { EntityTarget, ObjectLiteral, QueryDeepPartialEntity, SelectQueryBuilder } from 'typeorm';

/** An extra condition on a table's rows, with `?` placeholders (as `childIdPages` takes it). */
export interface SqlCondition {
  sql: string;
  params: unknown[];
}

/**
 * The condition limiting a table of participations or feedback to a read scope (undefined: no
 * limit). `districtSql` says how a district holds a row; an organization holds those of the
 * activities it organizes, a person their own; a 'none' scope is FORBIDDEN.
 */
export function scopeCondition(scope: RowScope, districtSql: string): SqlCondition | undefined {
  switch (scope.kind) {
    case 'all':
      return undefined;
    case 'none':
      throw new ForbiddenError(scope.reason);
    case 'district':
      return { sql: districtSql, params: [scope.districtCode] };
    case 'organization':
      return { sql: 'activity_id IN (SELECT id FROM activity WHERE organizer_id = ?)', params: [scope.organizationId] };
    case 'person':
      return { sql: 'person_id = ?', params: [scope.personId] };
  }
}

/** Adds the condition (if any) to a query builder, its `?` placeholders named `scope0`, `scope1`, … */
export function andWhereCondition<E extends ObjectLiteral>(qb: SelectQueryBuilder<E>, where: SqlCondition | undefined): void {
  if (!where) return;
  const params: Record<string, unknown> = {};
  let n = 0;
  const sql = where.sql.replace(/\?/g, () => {
    params[`scope${n}`] = where.params[n];
    return `:scope${n++}`;
  });
  qb.andWhere(sql, params);
}

/** For each parent, the ids of one page of its rows in `table`, by id (one statement for all parents). */
export function idPagesByParent(
  conn: TransactionalConnection,
  ctx: RequestContext<unknown>,
  table: string,
  parentColumn: string,
  parents: readonly string[],
  key: ChildPageKey,
  where?: SqlCondition,
): Promise<Map<string, ChildIdPage>> {
  return childIdPages(conn.manager(ctx), { table, parentColumn, orderColumn: 'id', parents, first: key.first, afterValue: key.after, where });
}

/**
 * Writes the changes to the row of this id if it still has the version read (the version column
 * then increases); false when someone else changed it first.
 */
export async function updateAtVersion<E extends ObjectLiteral>(
  conn: TransactionalConnection,
  tx: RequestContext<unknown>,
  entity: EntityTarget<E>,
  id: string,
  version: number,
  changes: QueryDeepPartialEntity<E>,
): Promise<boolean> {
  const result = await conn.repo(tx, entity).createQueryBuilder().update(entity).set(changes).where('id = :id AND version = :version', { id, version }).execute();
  return result.affected !== 0;
}
