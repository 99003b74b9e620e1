import { DataSource, EntityManager, EntityTarget, FindOptionsWhere, In, ObjectLiteral, Repository } from 'typeorm';
import type { RequestContext } from '../context';
import { NotFoundError } from '../errors';
import { InputChecker } from '../validation/input-checker';

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

  /** The rows of these ids (in no particular order; loaders put them back in key order). */
  findByIds<T extends ObjectLiteral & { id: string }>(ctx: RequestContext<unknown>, entity: EntityTarget<T>, ids: readonly string[]): Promise<T[]> {
    return this.repo(ctx, entity).findBy({ id: In([...ids]) } as FindOptionsWhere<T>);
  }

  /** The row of an id, or BAD_USER_INPUT for a malformed id and NOT_FOUND (naming the type) for a missing one. */
  async getEntityOrThrow<T extends ObjectLiteral & { id: string }>(ctx: RequestContext<unknown>, entity: EntityTarget<T>, id: string, typeName: string): Promise<T> {
    const check = new InputChecker('');
    const validId = check.id('id', id);
    check.throwIfInvalid();
    const row = await this.repo(ctx, entity).findOneBy({ id: validId! } as FindOptionsWhere<T>);
    if (!row) throw new NotFoundError(typeName, id);
    return row;
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
