import { Logger, Peers, randomIds, RequestContext, TransactionalConnection } from '@tongxin/common';
import { In, IsNull } from 'typeorm';
import { OutboxEventEntity } from './outbox-event.entity';

export const PERSON_DISTRICT_CHANGED = 'PersonDistrictChanged';

export interface PersonDistrictChanged {
  readonly personId: string;
  /** Null when the person left the register (archived): they count in no district. */
  readonly districtCode: string | null;
  readonly version: number;
}

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

const APPLY = 'mutation($changes: [PersonDistrictChangeInput!]!) { applyPersonDistricts(changes: $changes) }';

/**
 * The persons subgraph's outbox. Appends events in the transactions of the changes, and delivers
 * pending events to the organizations subgraph, oldest first, in batches, with the persons
 * subgraph's service identity. One delivery runs at a time; every write that appends asks for one
 * after its commit (`nudge()`), and the subgraph asks once when it starts; a failure is retried
 * with back-off (1 s doubling to a minute) until it succeeds, so an outage of organizations delays
 * the replica and loses nothing. The receiver applies a change only when it is newer than what it
 * holds, so a repeated delivery is harmless. With no organizations subgraph configured (a persons
 * subgraph on its own, in tests) events only accumulate.
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
      events.map((e) => ({ id: randomIds.next(), type: PERSON_DISTRICT_CHANGED, payload: JSON.stringify(e), createdAt: now, deliveredAt: null })),
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
    if (this.closed || !this.delivery || !this.delivery.peers.has('organizations')) return Promise.resolve();
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

  /** How many events are not delivered yet. */
  pending(): Promise<number> {
    return this.conn.repo(this.context(), OutboxEventEntity).countBy({ deliveredAt: IsNull() });
  }

  private async run(): Promise<void> {
    const delivery = this.delivery!;
    try {
      for (;;) {
        const ctx = this.context();
        const batch = await this.conn.repo(ctx, OutboxEventEntity).find({ where: { deliveredAt: IsNull() }, order: { id: 'ASC' }, take: BATCH });
        if (batch.length === 0) break;
        const changes = batch.map((e) => JSON.parse(e.payload) as PersonDistrictChanged);
        await delivery.peers.call(await delivery.credentials(), ctx.requestId, 'organizations', APPLY, { changes });
        await this.conn.transaction(ctx, (tx) =>
          this.conn.repo(tx, OutboxEventEntity).update({ id: In(batch.map((e) => e.id)) }, { deliveredAt: new Date() }),
        );
        if (batch.length < BATCH) break;
      }
      this.retryMs = FIRST_RETRY_MS;
    } catch (error) {
      if (this.closed) return;
      delivery.log.warn({ err: { message: (error as Error).message }, retryInMs: this.retryMs }, 'outbox delivery failed: will retry');
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
}
