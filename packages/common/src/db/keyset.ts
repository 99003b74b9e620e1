import { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { encodeCursor, Page, PageRequest } from '../graphql/relay';

export interface KeysetColumn<E> {
  /** The query-builder expression, e.g. `p.id`. */
  readonly expr: string;
  readonly valueOf: (row: E) => string | number;
}

/**
 * One page of `qb` in keyset order. The cursor condition is written in the expanded form
 * `a > x OR (a = x AND b > y)`, which MySQL serves from a composite index `(a, b)`; no OFFSET.
 * The last column must be unique (the id) so that the order is total.
 */
export async function keysetPage<E extends ObjectLiteral>(
  qb: SelectQueryBuilder<E>,
  order: readonly KeysetColumn<E>[],
  page: PageRequest,
): Promise<Page<E>> {
  const countQb = qb.clone();
  if (page.after) {
    const after = page.after;
    const ors: string[] = [];
    const params: Record<string, string | number> = {};
    order.forEach((col, i) => {
      const ands = order.slice(0, i).map((prev, j) => `${prev.expr} = :__k${j}`);
      ands.push(`${col.expr} > :__k${i}`);
      ors.push(ands.length > 1 ? `(${ands.join(' AND ')})` : ands[0]!);
      params[`__k${i}`] = after[i]!;
    });
    qb.andWhere(`(${ors.join(' OR ')})`, params);
  }
  order.forEach((col, i) => (i === 0 ? qb.orderBy(col.expr, 'ASC') : qb.addOrderBy(col.expr, 'ASC')));
  qb.take(undefined).limit(page.first + 1);
  const rows = await qb.getMany();
  const hasNextPage = rows.length > page.first;
  if (hasNextPage) rows.pop();
  return {
    nodes: rows,
    hasNextPage,
    hasPreviousPage: page.after !== null,
    cursorOf: (row) => encodeCursor(order.map((c) => c.valueOf(row))),
    count: () => countQb.getCount(),
  };
}

export interface ParentPageSpec {
  readonly table: string;
  readonly parentColumn: string;
  /** Unique, ordered column (the id). */
  readonly orderColumn: string;
  readonly parents: readonly string[];
  readonly first: number;
  readonly afterValue: string | null;
  /** Extra condition on the rows, with `?` placeholders. */
  readonly where?: { readonly sql: string; readonly params: readonly unknown[] };
}

/**
 * The first page of child ids for many parents in one statement (a window function per
 * parent), so that `persons { participations(first: 5) }` costs one query for all persons.
 * Works on MariaDB ≥ 10.2, MySQL 8 and SQLite ≥ 3.25.
 */
export async function childIdPages(manager: EntityManager, spec: ParentPageSpec): Promise<Map<string, { ids: string[]; hasNextPage: boolean }>> {
  const result = new Map<string, { ids: string[]; hasNextPage: boolean }>();
  if (spec.parents.length === 0) return result;
  const ident = /^[a-z_][a-z0-9_]*$/;
  for (const name of [spec.table, spec.parentColumn, spec.orderColumn]) {
    if (!ident.test(name)) throw new Error(`Unsafe identifier ${name}`);
  }
  const params: unknown[] = [...spec.parents];
  let where = `${spec.parentColumn} IN (${spec.parents.map(() => '?').join(', ')})`;
  if (spec.afterValue !== null) {
    where += ` AND ${spec.orderColumn} > ?`;
    params.push(spec.afterValue);
  }
  if (spec.where) {
    where += ` AND (${spec.where.sql})`;
    params.push(...spec.where.params);
  }
  params.push(spec.first + 1);
  const sql =
    `SELECT parent_key, child_id FROM (` +
    `SELECT ${spec.parentColumn} AS parent_key, ${spec.orderColumn} AS child_id, ` +
    `ROW_NUMBER() OVER (PARTITION BY ${spec.parentColumn} ORDER BY ${spec.orderColumn}) AS rn ` +
    `FROM ${spec.table} WHERE ${where}) ranked WHERE rn <= ? ORDER BY parent_key, rn`;
  const rows: Array<{ parent_key: string; child_id: string }> = await manager.query(sql, params);
  for (const row of rows) {
    let entry = result.get(row.parent_key);
    if (!entry) {
      entry = { ids: [], hasNextPage: false };
      result.set(row.parent_key, entry);
    }
    if (entry.ids.length < spec.first) entry.ids.push(row.child_id);
    else entry.hasNextPage = true;
  }
  return result;
}

/**
 * How many rows of `qb` (already filtered as needed) each key has, in one GROUP BY statement:
 * the lazy `totalCount` of per-parent connections. Keys without rows are absent.
 */
export async function countsByKey<E extends ObjectLiteral>(
  qb: SelectQueryBuilder<E>,
  property: string,
  keys: readonly string[],
): Promise<Array<{ key: string; count: number }>> {
  const column = `${qb.alias}.${property}`;
  const rows: Array<{ key: string; count: number | string }> = await qb
    .select(column, 'key')
    .addSelect('COUNT(*)', 'count')
    .andWhere(`${column} IN (:...countKeys)`, { countKeys: [...keys] })
    .groupBy(column)
    .getRawMany();
  return rows.map((r) => ({ key: r.key, count: Number(r.count) }));
}
