import { Outbox, OutboxDefinition, OutboxDelivery, RequestContext, TransactionalConnection } from '@tongxin/common';
import { OutboxEventEntity } from './outbox-event.entity';

export const PERSON_DISTRICT_CHANGED = 'PersonDistrictChanged';

/** Where a person is registered and whether they count (docs/CROSS-DISTRICT.md, "Counting people"). */
export interface PersonDistrictChanged {
  readonly personId: string;
  /** Null when the person left the register (archived): they count in no district. */
  readonly districtCode: string | null;
  /** ACTIVE, MOVED_AWAY or ARCHIVED: only ACTIVE persons count. Absent in events written before statuses were published. */
  readonly status?: string;
  readonly version: number;
}

/** The status an event tells: events written before statuses were published tell it by the district (null: archived). */
export function statusOf(event: PersonDistrictChanged): string {
  return event.status ?? (event.districtCode === null ? 'ARCHIVED' : 'ACTIVE');
}

/**
 * What the register publishes, and to whom: organizations (districts and statuses, for the
 * cross-district matrix and the member counts) and evaluation (statuses, for the talent pool).
 */
const PERSON_EVENTS: OutboxDefinition<PersonDistrictChanged> = {
  entity: OutboxEventEntity,
  type: PERSON_DISTRICT_CHANGED,
  receivers: [
    {
      subgraph: 'organizations',
      column: 'deliveredAt',
      mutation: 'mutation($changes: [PersonDistrictChangeInput!]!) { applyPersonDistricts(changes: $changes) }',
      changes: (events) => events.map((e) => ({ personId: e.personId, districtCode: e.districtCode, status: statusOf(e), version: e.version })),
    },
    {
      subgraph: 'evaluation',
      column: 'evaluationDeliveredAt',
      mutation: 'mutation($changes: [PersonStatusChangeInput!]!) { applyPersonStatuses(changes: $changes) }',
      changes: (events) => events.map((e) => ({ personId: e.personId, status: statusOf(e), version: e.version })),
    },
  ],
};

/** The persons subgraph's outbox (`Outbox` of @tongxin/common): the register's district and status changes. */
export class PersonOutbox extends Outbox<PersonDistrictChanged> {
  constructor(conn: TransactionalConnection, delivery: OutboxDelivery | null, context: () => RequestContext<unknown>) {
    super(conn, PERSON_EVENTS, delivery, context);
  }
}
