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
export async function keysetPage<E extends ObjectLiteral>(qb: SelectQueryBuilder<E>, order: readonly KeysetColumn<E>[], page: PageRequest): Promise<Page<E>> {
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

/** SQLite's limit on the terms of one compound select (SQLITE_MAX_COMPOUND_SELECT). */
export const MAX_UNION_BRANCHES = 500;

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
 * One page of child ids for each of many parents in one statement, so that `persons {
 * participations(first: 5) }` costs one query for all persons: a `UNION ALL` of one branch per
 * parent, each `WHERE parent = ? ORDER BY id LIMIT first + 1`, which the index `(parent, id)`
 * answers by reading at most `first + 1` entries, however many children the parent has. (A window
 * function, `ROW_NUMBER() OVER (PARTITION BY parent ORDER BY id)`, numbers every child of every
 * parent before keeping the first: 27 ms of MariaDB's CPU for one page of an association with
 * 16,000 members.) Works on MariaDB, MySQL and SQLite; more than 500 parents take one statement
 * per 500.
 */
export async function childIdPages(manager: EntityManager, spec: ParentPageSpec): Promise<Map<string, { ids: string[]; hasNextPage: boolean }>> {
  const result = new Map<string, { ids: string[]; hasNextPage: boolean }>();
  if (spec.parents.length === 0) return result;
  const ident = /^[a-z_][a-z0-9_]*$/;
  for (const name of [spec.table, spec.parentColumn, spec.orderColumn]) {
    if (!ident.test(name)) throw new Error(`Unsafe identifier ${name}`);
  }
  if (!Number.isSafeInteger(spec.first) || spec.first < 0) throw new Error(`Bad page size ${spec.first}`);
  const parents = [...new Set(spec.parents)];
  let where = `${spec.parentColumn} = ?`;
  if (spec.afterValue !== null) where += ` AND ${spec.orderColumn} > ?`;
  if (spec.where) where += ` AND (${spec.where.sql})`;
  const branchParams = (parent: string): unknown[] => [parent, ...(spec.afterValue !== null ? [spec.afterValue] : []), ...(spec.where?.params ?? [])];
  // Each branch is a derived table so that its ORDER BY … LIMIT applies to it alone (SQLite
  // refuses them on the members of a compound select); the outer ORDER BY keeps each page in
  // order. SQLite takes at most 500 terms in one compound select: one statement per 500 parents.
  const rows: Array<{ parent_index: number | string; child_id: string }> = [];
  for (let start = 0; start < parents.length; start += MAX_UNION_BRANCHES) {
    const some = parents.slice(start, start + MAX_UNION_BRANCHES);
    const sql =
      some
        .map(
          (_, i) =>
            `SELECT ${start + i} AS parent_index, child_id FROM (SELECT ${spec.orderColumn} AS child_id FROM ${spec.table} WHERE ${where} ` +
            `ORDER BY ${spec.orderColumn} LIMIT ${spec.first + 1}) page${i}`,
        )
        .join(' UNION ALL ') + ' ORDER BY parent_index, child_id';
    rows.push(...(await manager.query(sql, some.flatMap(branchParams))));
  }
  for (const row of rows) {
    const parent = parents[Number(row.parent_index)]!;
    let entry = result.get(parent);
    if (!entry) {
      entry = { ids: [], hasNextPage: false };
      result.set(parent, entry);
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
export async function countsByKey<E extends ObjectLiteral>(qb: SelectQueryBuilder<E>, property: string, keys: readonly string[]): Promise<Array<{ key: string; count: number }>> {
  const column = `${qb.alias}.${property}`;
  const rows: Array<{ key: string; count: number | string }> = await qb
    .select(column, 'key')
    .addSelect('COUNT(*)', 'count')
    .andWhere(`${column} IN (:...countKeys)`, { countKeys: [...keys] })
    .groupBy(column)
    .getRawMany();
  return rows.map((r) => ({ key: r.key, count: Number(r.count) }));
}
