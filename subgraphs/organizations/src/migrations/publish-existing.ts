import { publishRows } from '@tongxin/common';
import type { QueryRunner } from 'typeorm';

/**
 * The data step of the PublishExistingMemberships migrations (both dialects): every membership
 * already stored gets a `MembershipChanged` event in the outbox, so that the persons subgraph's
 * replica (docs/CROSS-DISTRICT.md, "Who runs in an organization") learns the memberships made
 * before the outbox existed.
 */
export function publishExistingMemberships(runner: QueryRunner): Promise<void> {
  return publishRows<{ id: string; person_id: string; organization_id: string; end_date: string | null; version: number | string }>(runner, {
    columns: 'id, person_id, organization_id, end_date, version',
    from: 'membership',
    type: 'MembershipChanged',
    deliveryColumns: ['delivered_at'],
    payload: (r) => ({ membershipId: r.id, personId: r.person_id, organizationId: r.organization_id, active: r.end_date === null, version: Number(r.version) }),
  });
}
