import { DataSource, EntityManager, EntityTarget, ObjectLiteral, Repository } from 'typeorm';
import type { RequestContext } from '../context';

/**
 * The one way services reach their database. Repositories come bound to the request's
 * transaction when there is one, so a service never has to thread an EntityManager through.
 */
export class TransactionalConnection {
  // SQLite has a single connection: transactions must not interleave on it.
  private queue: Promise<unknown> = Promise.resolve();
  readonly isSqlite: boolean;

  constructor(readonly dataSource: DataSource) {
    this.isSqlite = dataSource.options.type === 'better-sqlite3';
  }

  manager(ctx: RequestContext<unknown>): EntityManager {
    return ctx.manager ?? this.dataSource.manager;
  }

  repo<T extends ObjectLiteral>(ctx: RequestContext<unknown>, entity: EntityTarget<T>): Repository<T> {
    return this.manager(ctx).getRepository(entity);
  }

  /** Runs `work` in one transaction (joining the caller's, if it already is in one). */
  async transaction<R, L>(ctx: RequestContext<L>, work: (tx: RequestContext<L>) => Promise<R>): Promise<R> {
    if (ctx.manager?.queryRunner?.isTransactionActive) return work(ctx);
    const run = () => this.dataSource.transaction((manager) => work(ctx.withManager(manager)));
    if (!this.isSqlite) return run();
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
