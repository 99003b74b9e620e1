import type { QueryRunner } from 'typeorm';
import { randomIds } from '../ids';

const PAGE = 1000;

/**
 * The data step of a migration that publishes what a table holds (a backfill of a replica): one
 * outbox event per row of `from`, read in pages of 1,000 by id, appended to the subgraph's
 * `outbox_event` with `deliveryColumns` null (pending for those receivers). Delivering such an
 * event twice is harmless (receivers keep the newest version), so these steps have no `down`.
 */
export async function publishRows<R extends { id: string }>(
  runner: QueryRunner,
  o: {
    /** The columns to read, `id` among them. */
    readonly columns: string;
    readonly from: string;
    readonly type: string;
    readonly deliveryColumns: readonly string[];
    readonly payload: (row: R) => unknown;
  },
): Promise<void> {
  let after = '';
  const now = new Date()
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, '');
  const nulls = o.deliveryColumns.map(() => ', NULL').join('');
  for (;;) {
    const rows = (await runner.query(`SELECT ${o.columns} FROM ${o.from} WHERE id > ? ORDER BY id LIMIT ${PAGE}`, [after])) as R[];
    if (rows.length === 0) return;
    const values = rows.map(() => `(?, ?, ?, ?${nulls})`).join(', ');
    const params = rows.flatMap((r) => [randomIds.next(), o.type, JSON.stringify(o.payload(r)), now]);
    await runner.query(`INSERT INTO outbox_event (id, type, payload, created_at${o.deliveryColumns.map((c) => `, ${c}`).join('')}) VALUES ${values}`, params);
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]!.id;
  }
}
