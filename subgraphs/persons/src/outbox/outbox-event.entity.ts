import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An event the persons subgraph owes other subgraphs (docs/CROSS-DISTRICT.md), written in the
 * transaction of the change it reports and delivered after the commit by `PersonOutbox`, to each
 * subgraph on its own: one delivery column per receiver, so that an outage of one delays only it.
 * Ids are UUIDv7: pending events are delivered oldest first.
 */
@Entity({ name: 'outbox_event' })
@Index('idx_outbox_pending', ['deliveredAt', 'id'])
@Index('idx_outbox_pending_evaluation', ['evaluationDeliveredAt', 'id'])
export class OutboxEventEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** `PersonDistrictChanged`. */
  @Column({ type: 'varchar', length: 40 })
  type!: string;

  /** The event as JSON: `{ personId, districtCode, status, version }` (`status` absent in events written before statuses were published). */
  @Column({ type: 'varchar', length: 500 })
  payload!: string;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  /** When the organizations subgraph took it (its replica `member_district`). */
  @Column({ name: 'delivered_at', type: 'datetime', nullable: true })
  deliveredAt!: Date | null;

  /** When the evaluation subgraph took it (its replica `person_status`). */
  @Column({ name: 'evaluation_delivered_at', type: 'datetime', nullable: true })
  evaluationDeliveredAt!: Date | null;
}
