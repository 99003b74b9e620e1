import { Column, PrimaryColumn } from 'typeorm';

/**
 * The columns every subgraph's `outbox_event` table has (see `Outbox`): each subgraph's entity
 * extends this and adds one nullable delivery column per receiver, with its pending index.
 * Ids are UUIDv7: pending events are delivered oldest first.
 */
export abstract class OutboxEventBase {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** The kind of event (`PersonDistrictChanged`, `MembershipChanged`). */
  @Column({ type: 'varchar', length: 40 })
  type!: string;

  /** The event as JSON. */
  @Column({ type: 'varchar', length: 500 })
  payload!: string;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
