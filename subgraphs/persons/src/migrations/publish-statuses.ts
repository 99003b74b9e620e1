import { randomIds } from '@tongxin/common';
import type { QueryRunner } from 'typeorm';

/**
 * The data step of the PersonStatuses migrations (both dialects). The outbox now tells each
 * person's status too (DOMAIN.md, "Counting people": only registered persons count) and delivers
 * to the evaluation subgraph as well as to organizations. Events written before owe evaluation
 * nothing (they carry no status); instead every person in the register is published again, with
 * their status and current version: evaluation's replica learns every status, and organizations'
 * learns those it could not tell (moved away, never published; its replica takes a same-version
 * event for a row stored without a status). Delivering them twice is harmless (the receivers keep
 * the newest version), so `down` removes nothing.
 */
const PAGE = 1000;

export async function publishPersonStatuses(runner: QueryRunner): Promise<void> {
  await runner.query('UPDATE outbox_event SET evaluation_delivered_at = created_at');
  let after = '';
  const now = new Date()
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, '');
  for (;;) {
    const rows = (await runner.query(`SELECT id, district_code, status, version FROM person WHERE id > ? ORDER BY id LIMIT ${PAGE}`, [after])) as Array<{
      id: string;
      district_code: string;
      status: string;
      version: number | string;
    }>;
    if (rows.length === 0) return;
    const values = rows.map(() => '(?, ?, ?, ?, NULL, NULL)').join(', ');
    const params = rows.flatMap((r) => [
      randomIds.next(),
      'PersonDistrictChanged',
      // An archived person is published as registered nowhere, as archivePerson publishes them.
      JSON.stringify({ personId: r.id, districtCode: r.status === 'ARCHIVED' ? null : r.district_code, status: r.status, version: Number(r.version) }),
      now,
    ]);
    await runner.query(`INSERT INTO outbox_event (id, type, payload, created_at, delivered_at, evaluation_delivered_at) VALUES ${values}`, params);
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]!.id;
  }
}
