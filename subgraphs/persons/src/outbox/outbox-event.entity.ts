import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An event the persons subgraph owes another subgraph (docs/CROSS-DISTRICT.md), written in the
 * transaction of the change it reports and delivered after the commit by `OutboxDispatcher`.
 * Ids are UUIDv7: pending events are delivered oldest first.
 */
@Entity({ name: 'outbox_event' })
@Index('idx_outbox_pending', ['deliveredAt', 'id'])
export class OutboxEventEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** `PersonDistrictChanged`. */
  @Column({ type: 'varchar', length: 40 })
  type!: string;

  /** The event as JSON: `{ personId, districtCode, version }`. */
  @Column({ type: 'varchar', length: 500 })
  payload!: string;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @Column({ name: 'delivered_at', type: 'datetime', nullable: true })
  deliveredAt!: Date | null;
}
