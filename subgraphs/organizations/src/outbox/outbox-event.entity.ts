import { OutboxEventBase } from '@tongxin/common';
import { Column, Entity, Index } from 'typeorm';

/**
 * An event the organizations subgraph owes the persons subgraph (docs/CROSS-DISTRICT.md, "Who
 * runs in an organization"), written in the transaction of the membership change it reports and
 * delivered after the commit by `MembershipOutbox`. Its payload: `{ membershipId, personId,
 * organizationId, active, version }`.
 */
@Entity({ name: 'outbox_event' })
@Index('idx_outbox_pending', ['deliveredAt', 'id'])
export class OutboxEventEntity extends OutboxEventBase {
  /** When the persons subgraph took it (its replica `organization_member`). */
  @Column({ name: 'delivered_at', type: 'datetime', nullable: true })
  deliveredAt!: Date | null;
}
