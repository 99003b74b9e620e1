import { DataSource, EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral, type QueryDeepPartialEntity, Repository } from 'typeorm';
import type { RequestContext } from '../context';
import { NotFoundError } from '../errors';
import { InputChecker } from '../validation/input-checker';
import { chunksOf } from './in-lists';
import { driverErrorCode } from './sql-counter';

/**
 * Times a transaction is tried when MariaDB/MySQL picks it as a deadlock's victim. Counts kept by
 * triggers (tallies) make writes of many rows lock their groups' rows in the rows' order, so two
 * bulk writes (or one beside a registration) can meet in opposite orders; InnoDB rolls one back,
 * and the way out its manual gives is to run that transaction again.
 */
export const DEADLOCK_ATTEMPTS = 4;

/** True for the error of a transaction that InnoDB rolled back as a deadlock's victim. */
export function isDeadlock(error: unknown): boolean {
  const e = driverErrorCode(error);
  return e.code === 'ER_LOCK_DEADLOCK' || e.errno === 1213;
}

/**
 * SQLite has one writing connection per data source: its transactions must not interleave on
 * it, so they wait in one queue per data source (shared by every TransactionalConnection over
 * it, e.g. a test's or a script's beside the subgraph's own).
 */
const sqliteQueues = new WeakMap<DataSource, Promise<unknown>>();

/**
 * Rows per multi-row INSERT: about 20 columns x 500 rows stays well inside SQLite's 32,766 bound
 * variables and MySQL's default packet size.
 */
export const INSERT_CHUNK_ROWS = 500;

/**
 * The one way services reach their database.
 *
 * - Reads: `repo(ctx, E)` / `manager(ctx)` give the request's transaction when there is one,
 *   else the read side: on file-based SQLite a second, read-only data source on the same file,
 *   which (WAL) sees only committed rows; elsewhere the data source itself (a MySQL pool
 *   connection outside any transaction sees only committed rows too).
 * - Writes: only inside `transaction(ctx, tx => …)`, through `repo(tx, E)`. On SQLite the
 *   transaction waits its turn for the one writing connection, so a write never lands inside
 *   another request's transaction (and is never rolled back with it). On file-based SQLite a
 *   write outside a transaction fails (the read side is read-only).
 *
 * With `:memory:` SQLite (one connection and no second one to read from) reads outside a
 * transaction share the writing connection: fine for scripts and one-off tools, which is all it
 * is meant for.
 */
export class TransactionalConnection {
  readonly isSqlite: boolean;
  /** Where reads outside a transaction go. */
  private readonly readSource: DataSource;

  constructor(
    readonly dataSource: DataSource,
    reader?: DataSource | null,
  ) {
    this.isSqlite = dataSource.options.type === 'better-sqlite3';
    this.readSource = reader ?? dataSource;
  }

  /** True when reads outside a transaction have a connection of their own (file-based SQLite). */
  get hasSeparateReader(): boolean {
    return this.readSource !== this.dataSource;
  }

  /** The request's transaction, if it is in one; otherwise the read side (see the class comment). */
  manager(ctx: RequestContext<unknown>): EntityManager {
    return ctx.manager ?? this.readSource.manager;
  }

  /** A repository bound to `manager(ctx)`: for reads, or for writes inside `transaction`. */
  repo<T extends ObjectLiteral>(ctx: RequestContext<unknown>, entity: EntityTarget<T>): Repository<T> {
    return this.manager(ctx).getRepository(entity);
  }

  /** The rows of these ids (in no particular order; loaders put them back in key order). */
  findByIds<T extends ObjectLiteral & { id: string }>(ctx: RequestContext<unknown>, entity: EntityTarget<T>, ids: readonly string[]): Promise<T[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.repo(ctx, entity)
      .createQueryBuilder('e')
      .where('e.id IN (:...ids)', { ids: [...ids] })
      .getMany();
  }

  /** The rows of these ids by id, any number of ids (IN lists of IN_LIST_CHUNK): what bulk checks look rows up in. */
  async mapByIds<T extends ObjectLiteral & { id: string }>(ctx: RequestContext<unknown>, entity: EntityTarget<T>, ids: readonly string[]): Promise<Map<string, T>> {
    const rows = new Map<string, T>();
    for (const chunk of chunksOf(ids)) for (const row of await this.findByIds(ctx, entity, chunk)) rows.set(row.id, row);
    return rows;
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

  /**
   * Runs `work` in one transaction (joining the caller's, if it already is in one). Every write
   * goes through here. Inside `work`, use `tx`, never the outer context: on SQLite a second
   * transaction started from the outer context would wait for this one to end.
   *
   * On MariaDB/MySQL a transaction rolled back as a deadlock's victim is run again from the start
   * (up to DEADLOCK_ATTEMPTS in all, after a short random pause): `work` must do nothing outside
   * the database that it could not do twice (every service's work reads and writes through `tx`).
   * SQLite has one writer and no deadlocks.
   */
  async transaction<R, L>(ctx: RequestContext<L>, work: (tx: RequestContext<L>) => Promise<R>): Promise<R> {
    if (ctx.manager?.queryRunner?.isTransactionActive) return work(ctx);
    const run = () => this.dataSource.transaction((manager) => work(ctx.withManager(manager)));
    if (!this.isSqlite) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await run();
        } catch (error) {
          if (attempt >= DEADLOCK_ATTEMPTS || !isDeadlock(error)) throw error;
          await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
        }
      }
    }
    const next = (sqliteQueues.get(this.dataSource) ?? Promise.resolve()).then(run, run);
    sqliteQueues.set(
      this.dataSource,
      next.catch(() => undefined),
    );
    return next;
  }

  /**
   * Inserts many rows inside the caller's transaction, as multi-row INSERTs of
   * INSERT_CHUNK_ROWS. Version and timestamp columns take their defaults; nothing is read back.
   */
  async insertChunked<T extends ObjectLiteral>(tx: RequestContext<unknown>, entity: EntityTarget<T>, rows: readonly QueryDeepPartialEntity<T>[]): Promise<void> {
    if (!tx.manager) throw new Error('insertChunked runs inside conn.transaction');
    for (let i = 0; i < rows.length; i += INSERT_CHUNK_ROWS) {
      await tx.manager
        .createQueryBuilder()
        .insert()
        .into(entity)
        .values(rows.slice(i, i + INSERT_CHUNK_ROWS))
        .updateEntity(false)
        .execute();
    }
  }
}
