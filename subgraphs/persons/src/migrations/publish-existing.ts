import { publishRows } from '@tongxin/common';
import type { QueryRunner } from 'typeorm';

/**
 * The data step of the PublishExistingDistricts migrations (both dialects): every person already
 * in the register gets a `PersonDistrictChanged` event in the outbox, so the organizations
 * subgraph's replica (docs/CROSS-DISTRICT.md) learns about persons registered before the outbox
 * existed (then its only receiver).
 */
export function publishExistingDistricts(runner: QueryRunner): Promise<void> {
  return publishRows<{ id: string; district_code: string; version: number | string }>(runner, {
    columns: 'id, district_code, version',
    from: 'person',
    type: 'PersonDistrictChanged',
    deliveryColumns: ['delivered_at'],
    payload: (r) => ({ personId: r.id, districtCode: r.district_code, version: Number(r.version) }),
  });
}
