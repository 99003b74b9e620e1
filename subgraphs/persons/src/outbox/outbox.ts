import { Logger, Peers, randomIds, RequestContext, TransactionalConnection } from '@tongxin/common';
import { FindOptionsWhere, In, IsNull } from 'typeorm';
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

/** A subgraph that keeps a replica of what the register publishes: the mutation it takes, and the column that says it took an event. */
interface Receiver {
  readonly subgraph: string;
  readonly column: 'deliveredAt' | 'evaluationDeliveredAt';
  readonly mutation: string;
  readonly changes: (events: readonly PersonDistrictChanged[]) => unknown[];
}

/**
 * Who receives the register's events: organizations (districts and statuses, for the
 * cross-district matrix and the member counts) and evaluation (statuses, for the talent pool).
 */
const RECEIVERS: readonly Receiver[] = [
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
];

/** How many events one delivery carries (the receiver takes at most 1000). */
const BATCH = 500;
const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 60_000;

/** Where the dispatcher delivers, and as whom: absent in scripts, which only append. */
export interface OutboxDelivery {
  readonly peers: Peers;
  readonly credentials: () => Promise<string>;
  readonly log: Logger;
}

/**
 * The persons subgraph's outbox. Appends events in the transactions of the changes, and delivers
 * pending events to each receiver (`RECEIVERS`: the organizations and evaluation subgraphs), oldest
 * first, in batches, with the persons subgraph's service identity. One delivery runs at a time;
 * every write that appends asks for one after its commit (`nudge()`), and the subgraph asks once
 * when it starts; a failure is retried with back-off (1 s doubling to a minute) until it succeeds,
 * so an outage of a receiver delays its replica and loses nothing (the others are delivered
 * meanwhile). A receiver applies a change only when it is newer than what it holds, so a repeated
 * delivery is harmless. With no receiver configured (a persons subgraph on its own, in tests)
 * events only accumulate.
 */
export class PersonOutbox {
  private running: Promise<void> | null = null;
  private again = false;
  private retryMs = FIRST_RETRY_MS;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly conn: TransactionalConnection,
    private readonly delivery: OutboxDelivery | null,
    private readonly context: () => RequestContext<unknown>,
  ) {}

  /** Appends events inside the caller's transaction: they commit with the change or not at all. */
  async append(tx: RequestContext<unknown>, events: readonly PersonDistrictChanged[]): Promise<void> {
    if (events.length === 0) return;
    const now = new Date();
    await this.conn.insertChunked(
      tx,
      OutboxEventEntity,
      events.map((e) => ({
        id: randomIds.next(),
        type: PERSON_DISTRICT_CHANGED,
        payload: JSON.stringify(e),
        createdAt: now,
        deliveredAt: null,
        evaluationDeliveredAt: null,
      })),
    );
  }

  /** Starts delivering: what is pending now (a demo city loaded before start), then after each nudge. */
  start(): void {
    void this.nudge();
  }

  /** Resolves when no delivery is under way (tests measure statements only when it is quiet). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Asks for a delivery now, after a commit; returns the run it joined (tests await it). */
  nudge(): Promise<void> {
    if (this.closed || !this.delivery || this.receivers().length === 0) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.run().finally(() => {
      this.running = null;
      // A nudge during a failed run waits for the retry timer: an outage is not hammered.
      if (this.again && !this.closed && !this.timer) {
        this.again = false;
        void this.nudge();
      }
    });
    return this.running;
  }

  /** Stops retrying and waits for a delivery under way. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** How many events some receiver has not taken yet (every receiver's, when none is configured). */
  pending(): Promise<number> {
    const receivers = this.delivery ? this.receivers() : RECEIVERS;
    return this.conn.repo(this.context(), OutboxEventEntity).count({ where: receivers.map((r): FindOptionsWhere<OutboxEventEntity> => ({ [r.column]: IsNull() })) });
  }

  /** The receivers this subgraph has an address for. */
  private receivers(): Receiver[] {
    return this.delivery ? RECEIVERS.filter((r) => this.delivery!.peers.has(r.subgraph)) : [];
  }

  private async run(): Promise<void> {
    const delivery = this.delivery!;
    let failed = false;
    for (const receiver of this.receivers()) {
      try {
        await this.deliverTo(delivery, receiver);
      } catch (error) {
        if (this.closed) return;
        delivery.log.warn({ err: { message: (error as Error).message }, receiver: receiver.subgraph, retryInMs: this.retryMs }, 'outbox delivery failed: will retry');
        failed = true;
      }
    }
    if (!failed) {
      this.retryMs = FIRST_RETRY_MS;
    } else {
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        this.timer = null;
        this.again = false;
        void this.nudge();
      }, this.retryMs);
      this.timer.unref();
      this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
    }
  }

  /** Delivers what one receiver has not taken, oldest first, in batches; throws on the first failure. */
  private async deliverTo(delivery: OutboxDelivery, receiver: Receiver): Promise<void> {
    for (;;) {
      const ctx = this.context();
      const batch = await this.conn.repo(ctx, OutboxEventEntity).find({ where: { [receiver.column]: IsNull() }, order: { id: 'ASC' }, take: BATCH });
      if (batch.length === 0) return;
      const changes = receiver.changes(batch.map((e) => JSON.parse(e.payload) as PersonDistrictChanged));
      await delivery.peers.call(await delivery.credentials(), ctx.requestId, receiver.subgraph, receiver.mutation, { changes });
      await this.conn.transaction(ctx, (tx) => this.conn.repo(tx, OutboxEventEntity).update({ id: In(batch.map((e) => e.id)) }, { [receiver.column]: new Date() }));
      if (batch.length < BATCH) return;
    }
  }
}
