import type { Logger as TypeOrmLogger, QueryRunner } from 'typeorm';
import type { Logger } from '../logger';

/**
 * Counts the SQL statements a subgraph sends (`/metrics`, tests, benchmarks). A plain counter:
 * it runs on every statement, so it stays free of per-request bookkeeping.
 */
export class SqlStatementCounter {
  total = 0;

  record(): void {
    this.total++;
  }
}

/**
 * What of a driver error may be logged: its code and number, never its text. MySQL writes the
 * offending values into the text (`Duplicate entry '330302198607211234' for key …`), and those
 * are personal data.
 */
export function driverErrorCode(error: unknown): { code?: string; errno?: number; sqlState?: string } {
  if (typeof error !== 'object' || error === null) return {};
  const e = error as { code?: unknown; errno?: unknown; sqlState?: unknown; driverError?: unknown };
  const inner = (typeof e.driverError === 'object' && e.driverError !== null ? e.driverError : e) as typeof e;
  return {
    ...(typeof inner.code === 'string' ? { code: inner.code } : {}),
    ...(typeof inner.errno === 'number' ? { errno: inner.errno } : {}),
    ...(typeof inner.sqlState === 'string' ? { sqlState: inner.sqlState } : {}),
  };
}

/**
 * TypeORM logger: counts every statement, logs errors and slow queries through pino. Only
 * statements (with their `?` placeholders) and error codes reach the log, never parameter
 * values or a driver's error text: they carry ID numbers, names and phone numbers.
 */
export class CountingTypeOrmLogger implements TypeOrmLogger {
  constructor(
    private readonly counter: SqlStatementCounter,
    private readonly out: Logger,
    private readonly logQueries = false,
  ) {}

  logQuery(query: string, parameters?: unknown[]): void {
    this.counter.record();
    if (this.logQueries) this.out.debug({ query: statement(query), parameters: parameters?.length ?? 0 }, 'sql');
  }

  logQueryError(error: string | Error, query: string, parameters?: unknown[]): void {
    this.out.warn({ ...driverErrorCode(error), query: statement(query), parameters: parameters?.length ?? 0 }, 'sql error');
  }

  logQuerySlow(time: number, query: string): void {
    this.out.warn({ ms: time, query: statement(query) }, 'slow sql');
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

/** A statement as logged: its text (placeholders, no values), cut to a readable length. */
function statement(query: string): string {
  return query.length > 2000 ? `${query.slice(0, 2000)}…` : query;
}
