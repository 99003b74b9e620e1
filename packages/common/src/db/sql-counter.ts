import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger as TypeOrmLogger, QueryRunner } from 'typeorm';
import type { Logger } from '../logger';

/** Counts the SQL statements a subgraph sends: in total, and per request through a scope. */
export class SqlStatementCounter {
  total = 0;
  private readonly scope = new AsyncLocalStorage<{ statements: number }>();

  record(): void {
    this.total++;
    const s = this.scope.getStore();
    if (s) s.statements++;
  }

  /** Runs `work` and reports how many statements it sent (for a request, a test, a bench). */
  async measure<T>(work: () => Promise<T>): Promise<{ result: T; statements: number }> {
    const store = { statements: 0 };
    const result = await this.scope.run(store, work);
    return { result, statements: store.statements };
  }

  /** Runs `work` inside a scope whose count `onDone` receives. */
  runScoped<T>(store: { statements: number }, work: () => T): T {
    return this.scope.run(store, work);
  }
}

/** TypeORM logger: counts every statement, logs errors and slow queries through pino. */
export class CountingTypeOrmLogger implements TypeOrmLogger {
  constructor(
    private readonly counter: SqlStatementCounter,
    private readonly out: Logger,
    private readonly logQueries = false,
  ) {}

  logQuery(query: string, parameters?: unknown[]): void {
    this.counter.record();
    if (this.logQueries) this.out.debug({ query, parameters }, 'sql');
  }

  logQueryError(error: string | Error, query: string, parameters?: unknown[]): void {
    this.out.warn({ err: error, query, parameters: parameters?.length }, 'sql error');
  }

  logQuerySlow(time: number, query: string): void {
    this.out.warn({ ms: time, query }, 'slow sql');
  }

  logSchemaBuild(message: string): void {
    this.out.debug({ message }, 'schema');
  }

  logMigration(message: string): void {
    this.out.info({ message }, 'migration');
  }

  log(level: 'log' | 'info' | 'warn', message: unknown, _queryRunner?: QueryRunner): void {
    if (level === 'warn') this.out.warn({ message }, 'typeorm');
    else this.out.debug({ message }, 'typeorm');
  }
}
