import { OutboxEventBase } from '@tongxin/common';
import { Column, Entity, Index } from 'typeorm';

/**
 * An event the persons subgraph owes other subgraphs (docs/CROSS-DISTRICT.md), written in the
 * transaction of the change it reports and delivered after the commit by `PersonOutbox`, to each
 * subgraph on its own: one delivery column per receiver, so that an outage of one delays only it.
 * Its payload: `{ personId, districtCode, status, version }` (`status` absent in events written
 * before statuses were published).
 */
@Entity({ name: 'outbox_event' })
@Index('idx_outbox_pending', ['deliveredAt', 'id'])
@Index('idx_outbox_pending_evaluation', ['evaluationDeliveredAt', 'id'])
export class OutboxEventEntity extends OutboxEventBase {
  /** When the organizations subgraph took it (its replica `member_district`). */
  @Column({ name: 'delivered_at', type: 'datetime', nullable: true })
  deliveredAt!: Date | null;

  /** When the evaluation subgraph took it (its replica `person_status`). */
  @Column({ name: 'evaluation_delivered_at', type: 'datetime', nullable: true })
  evaluationDeliveredAt!: Date | null;
}
