import { Outbox, OutboxDefinition, OutboxDelivery, RequestContext, TransactionalConnection } from '@tongxin/common';
import { OutboxEventEntity } from './outbox-event.entity';

export const MEMBERSHIP_CHANGED = 'MembershipChanged';

/** A membership as the persons subgraph needs it: whose, where, and whether it runs (docs/CROSS-DISTRICT.md). */
export interface MembershipChanged {
  readonly membershipId: string;
  readonly personId: string;
  readonly organizationId: string;
  /** True while the membership runs; false once it ended (for good: an ended membership never runs again). */
  readonly active: boolean;
  /** The membership's version after the change: the receiver keeps the newest. */
  readonly version: number;
}

/**
 * Who receives the memberships' events: the persons subgraph, whose replica says which persons an
 * association administrator may read (the running members of their organization) without asking
 * this subgraph on every read.
 */
const MEMBERSHIP_EVENTS: OutboxDefinition<MembershipChanged> = {
  entity: OutboxEventEntity,
  type: MEMBERSHIP_CHANGED,
  receivers: [
    {
      subgraph: 'persons',
      column: 'deliveredAt',
      mutation: 'mutation($changes: [MembershipChangeInput!]!) { applyMembershipChanges(changes: $changes) }',
      changes: (events) => events.map((e) => ({ membershipId: e.membershipId, personId: e.personId, organizationId: e.organizationId, active: e.active, version: e.version })),
    },
  ],
};

/** The organizations subgraph's outbox (`Outbox` of @tongxin/common): memberships started and ended. */
export class MembershipOutbox extends Outbox<MembershipChanged> {
  constructor(conn: TransactionalConnection, delivery: OutboxDelivery | null, context: () => RequestContext<unknown>) {
    super(conn, MEMBERSHIP_EVENTS, delivery, context);
  }
}
