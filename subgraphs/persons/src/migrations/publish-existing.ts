import { randomIds } from '@tongxin/common';
import type { QueryRunner } from 'typeorm';

/**
 * The data step of the PublishExistingDistricts migrations (both dialects): every person already
 * in the register gets a `PersonDistrictChanged` event in the outbox, so the organizations
 * subgraph's replica (docs/CROSS-DISTRICT.md) learns about persons registered before the outbox
 * existed. Delivering them twice is harmless (the receiver keeps the newest version), so `down`
 * removes nothing it cannot tell apart and is a no-op.
 */
const PAGE = 1000;

export async function publishExistingDistricts(runner: QueryRunner): Promise<void> {
  let after = '';
  const now = new Date()
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, '');
  for (;;) {
    const rows = (await runner.query(`SELECT id, district_code, version FROM person WHERE id > ? ORDER BY id LIMIT ${PAGE}`, [after])) as Array<{
      id: string;
      district_code: string;
      version: number | string;
    }>;
    if (rows.length === 0) return;
    const values = rows.map(() => '(?, ?, ?, ?, NULL)').join(', ');
    const params = rows.flatMap((r) => [randomIds.next(), 'PersonDistrictChanged', JSON.stringify({ personId: r.id, districtCode: r.district_code, version: Number(r.version) }), now]);
    await runner.query(`INSERT INTO outbox_event (id, type, payload, created_at, delivered_at) VALUES ${values}`, params);
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]!.id;
  }
}
