import { FindOptionsWhere, In, IsNull } from 'typeorm';
import type { EntityTarget, ObjectLiteral } from 'typeorm';
import type { RequestContext } from '../context';
import type { TransactionalConnection } from '../db';
import { randomIds } from '../ids';
import type { Logger } from '../logger';
import type { Peers } from '../bootstrap/peers';

/**
 * A row of a subgraph's `outbox_event` table: the event as JSON, and one delivery column per
 * receiver (null until that receiver took it). Each subgraph declares its own entity with the
 * columns of its receivers; ids are UUIDv7, so pending events are delivered oldest first.
 */
export interface OutboxRow {
  id: string;
  type: string;
  payload: string;
  createdAt: Date;
}

/** A subgraph that keeps a replica of what an outbox publishes: the mutation it takes, and the column that says it took an event. */
export interface OutboxReceiver<E> {
  readonly subgraph: string;
  /** The entity's property that records the delivery to this receiver. */
  readonly column: string;
  /** A mutation with one variable, `$changes`. */
  readonly mutation: string;
  /** The mutation's `changes` for a batch of events, oldest first. */
  readonly changes: (events: readonly E[]) => unknown[];
}

/** Where an outbox delivers, and as whom: absent in scripts, which only append. */
export interface OutboxDelivery {
  readonly peers: Peers;
  readonly credentials: () => Promise<string>;
  readonly log: Logger;
}

/** What one outbox publishes: its table, the type of its events, and who receives them. */
export interface OutboxDefinition<E> {
  /** An entity with the columns of `OutboxRow` and a nullable date column per receiver. */
  readonly entity: EntityTarget<ObjectLiteral>;
  /** The `type` column of its events. */
  readonly type: string;
  readonly receivers: readonly OutboxReceiver<E>[];
}

/** How many events one delivery carries (receivers take at most 1000). */
const BATCH = 500;
const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 60_000;

/**
 * A subgraph's outbox (docs/CROSS-DISTRICT.md). Appends events in the transactions of the
 * changes they report, and delivers pending events to each receiver, oldest first, in batches,
 * with the subgraph's service identity. One delivery runs at a time; every write that appends
 * asks for one after its commit (`nudge()`), and the subgraph asks once when it starts; a failure
 * is retried with back-off (1 s doubling to a minute) until it succeeds, so an outage of a
 * receiver delays its replica and loses nothing (the others are delivered meanwhile). A receiver
 * applies a change only when it is newer than what it holds, so a repeated delivery is harmless.
 * With no receiver configured (a subgraph on its own, in tests) events only accumulate.
 */
export class Outbox<E> {
  private running: Promise<void> | null = null;
  private again = false;
  private retryMs = FIRST_RETRY_MS;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly conn: TransactionalConnection,
    private readonly definition: OutboxDefinition<E>,
    private readonly delivery: OutboxDelivery | null,
    private readonly context: () => RequestContext<unknown>,
  ) {}

  /** Appends events inside the caller's transaction: they commit with the change or not at all. */
  async append(tx: RequestContext<unknown>, events: readonly E[]): Promise<void> {
    if (events.length === 0) return;
    const now = new Date();
    const pending = Object.fromEntries(this.definition.receivers.map((r) => [r.column, null]));
    await this.conn.insertChunked(
      tx,
      this.definition.entity,
      events.map((e) => ({ id: randomIds.next(), type: this.definition.type, payload: JSON.stringify(e), createdAt: now, ...pending })),
    );
  }

  /** Starts delivering: what is pending now (data loaded before start), then after each nudge. */
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
    const configured = this.receivers();
    const receivers = configured.length ? configured : this.definition.receivers;
    return this.conn.repo(this.context(), this.definition.entity).count({ where: receivers.map((r) => ({ [r.column]: IsNull() }) as FindOptionsWhere<ObjectLiteral>) });
  }

  /** The receivers this subgraph has an address for. */
  private receivers(): OutboxReceiver<E>[] {
    return this.delivery ? this.definition.receivers.filter((r) => this.delivery!.peers.has(r.subgraph)) : [];
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
  private async deliverTo(delivery: OutboxDelivery, receiver: OutboxReceiver<E>): Promise<void> {
    const { entity } = this.definition;
    for (;;) {
      const ctx = this.context();
      const batch = (await this.conn.repo(ctx, entity).find({ where: { [receiver.column]: IsNull() } as FindOptionsWhere<ObjectLiteral>, order: { id: 'ASC' }, take: BATCH })) as OutboxRow[];
      if (batch.length === 0) return;
      const changes = receiver.changes(batch.map((e) => JSON.parse(e.payload) as E));
      await delivery.peers.call(await delivery.credentials(), ctx.requestId, receiver.subgraph, receiver.mutation, { changes });
      await this.conn.transaction(ctx, (tx) => this.conn.repo(tx, entity).update({ id: In(batch.map((e) => e.id)) }, { [receiver.column]: new Date() }));
      if (batch.length < BATCH) return;
    }
  }
}
