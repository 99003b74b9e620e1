import { publishRows } from '@tongxin/common';
import type { QueryRunner } from 'typeorm';

/**
 * The data step of the PersonStatuses migrations (both dialects). The outbox now tells each
 * person's status too (DOMAIN.md, "Counting people": only registered persons count) and delivers
 * to the evaluation subgraph as well as to organizations. Events written before owe evaluation
 * nothing (they carry no status); instead every person in the register is published again, with
 * their status and current version: evaluation's replica learns every status, and organizations'
 * learns those it could not tell (moved away, never published; its replica takes a same-version
 * event for a row stored without a status).
 */
export async function publishPersonStatuses(runner: QueryRunner): Promise<void> {
  await runner.query('UPDATE outbox_event SET evaluation_delivered_at = created_at');
  await publishRows<{ id: string; district_code: string; status: string; version: number | string }>(runner, {
    columns: 'id, district_code, status, version',
    from: 'person',
    type: 'PersonDistrictChanged',
    deliveryColumns: ['delivered_at', 'evaluation_delivered_at'],
    // An archived person is published as registered nowhere, as archivePerson publishes them.
    payload: (r) => ({ personId: r.id, districtCode: r.status === 'ARCHIVED' ? null : r.district_code, status: r.status, version: Number(r.version) }),
  });
}
