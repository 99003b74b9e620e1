import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One line of a subgraph's audit log (docs/SECURITY.md, "Audit log"). Every subgraph has this
 * table in its own database and appends to it in the transaction of the change it records; a
 * refusal or failure is appended on its own. Nothing updates or deletes a row: there is no code
 * path for it, and a production database user needs only INSERT and SELECT on it.
 *
 * Ids are UUIDv7, so they order the log by time within and across subgraphs.
 */
@Entity({ name: 'audit_event' })
@Index('idx_audit_entity', ['entityType', 'entityId', 'id'])
@Index('idx_audit_subject', ['subject', 'id'])
@Index('idx_audit_action', ['action', 'id'])
@Index('idx_audit_outcome', ['outcome', 'id'])
export class AuditEventEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'occurred_at', type: 'datetime' })
  occurredAt!: Date;

  /** The token's subject (`sub`), or `system` for scripts. */
  @Column({ type: 'varchar', length: 100 })
  subject!: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  role!: string | null;

  /** The scope the token held: `district:330302`, `organization:<id>`, `person:<id>`, or null. */
  @Column({ name: 'viewer_scope', type: 'varchar', length: 60, nullable: true })
  viewerScope!: string | null;

  /** The mutation or the sensitive read: `registerPerson`, `readIdNumber`. */
  @Column({ type: 'varchar', length: 40 })
  action!: string;

  @Column({ name: 'entity_type', type: 'varchar', length: 30 })
  entityType!: string;

  /** The record acted on; null for a batch or when the input named none. */
  @Column({ name: 'entity_id', type: 'varchar', length: 36, nullable: true })
  entityId!: string | null;

  /** SUCCEEDED, REFUSED (FORBIDDEN) or FAILED (any other error). */
  @Column({ type: 'varchar', length: 10 })
  outcome!: string;

  /** Why it was refused or failed (the error's code and message), or what a batch held. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  detail!: string | null;

  /** The platform's id of the request (the gateway's), which its logs carry too. */
  @Column({ name: 'request_id', type: 'varchar', length: 64 })
  requestId!: string;

  /** The `x-request-id` the client sent the gateway, if any (at most 64 characters): the client's label, never the id. */
  @Column({ name: 'client_request_id', type: 'varchar', length: 64, nullable: true })
  clientRequestId!: string | null;
}
