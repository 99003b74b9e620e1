import * as fs from 'node:fs';
import * as path from 'node:path';
import * as mysql2 from 'mysql2';
import { DataSource, DataSourceOptions, MigrationExecutor, MixedList } from 'typeorm';
import { ConfigError } from '../config';
import type { Logger } from '../logger';
import { DatabaseConfig, databaseName, describeDatabase, MysqlConfig } from './database-config';
import { CountingTypeOrmLogger, SqlStatementCounter } from './sql-counter';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's DataSourceOptions types entities and migrations as Function
type Constructor = Function;

export interface DataSourceSpec {
  readonly subgraph: string;
  readonly entities: Constructor[];
  readonly migrations: { readonly mysql: Constructor[]; readonly sqlite: Constructor[] };
}

export interface OpenedDatabase {
  /** Where transactions (every write) run; on SQLite the one writing connection. */
  readonly dataSource: DataSource;
  /**
   * With `reader: true` on file-based SQLite: a second, read-only data source on the same file
   * for reads outside transactions (WAL gives it the last committed state); otherwise null.
   */
  readonly reader: DataSource | null;
  readonly counter: SqlStatementCounter;
  /** Closes the reader (if any) and the data source. */
  close(): Promise<void>;
}

export interface MysqlServer {
  /** MariaDB reports column metadata differently; TypeORM must know to compare schemas right. */
  readonly mariadb: boolean;
}

/**
 * Creates the MySQL database of a subgraph if it does not exist yet, and tells which server it
 * is. The collation is binary, as SQLite compares: a case- or accent-insensitive one would make
 * 'abc' equal 'ABC', and utf8mb4_unicode_ci even makes distinct rare CJK characters equal, so
 * unique keys (evaluators, ID numbers) and filters would behave differently on the two databases.
 */
export async function ensureMysqlDatabase(config: MysqlConfig, name: string): Promise<MysqlServer> {
  const mysql = await import('mysql2/promise');
  const conn = await mysql.createConnection({ host: config.host, port: config.port, user: config.user, password: config.password });
  try {
    // Created only when missing: a subgraph's own account may not create databases (docs/SECURITY.md, "Database accounts").
    const [existing] = await conn.query('SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [name]);
    if ((existing as unknown[]).length === 0) await conn.query(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
    const [rows] = await conn.query('SELECT VERSION() AS version');
    return { mariadb: /mariadb/i.test(String((rows as Array<{ version: string }>)[0]?.version)) };
  } finally {
    await conn.end();
  }
}

export async function dropMysqlDatabase(config: MysqlConfig, name: string): Promise<void> {
  const mysql = await import('mysql2/promise');
  const conn = await mysql.createConnection({ host: config.host, port: config.port, user: config.user, password: config.password });
  try {
    await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await conn.end();
  }
}

export function dataSourceOptions(config: DatabaseConfig, spec: DataSourceSpec, logger: CountingTypeOrmLogger, server: MysqlServer = { mariadb: false }): DataSourceOptions {
  const common = {
    entities: spec.entities as MixedList<Constructor>,
    synchronize: false,
    migrationsRun: false,
    logger,
    maxQueryExecutionTime: 1000,
  };
  if (config.type === 'sqlite') {
    return {
      ...common,
      type: 'better-sqlite3',
      database: config.directory === ':memory:' ? ':memory:' : path.join(config.directory, `${spec.subgraph}.sqlite`),
      migrations: spec.migrations.sqlite as MixedList<Constructor>,
      enableWAL: config.directory !== ':memory:',
      prepareDatabase: (db: { pragma(s: string): unknown }) => {
        db.pragma('foreign_keys = ON');
        db.pragma('busy_timeout = 5000');
      },
    };
  }
  return {
    ...common,
    type: server.mariadb ? 'mariadb' : 'mysql',
    host: config.host,
    port: config.port,
    username: config.user,
    password: config.password,
    database: databaseName(config, spec.subgraph),
    migrations: spec.migrations.mysql as MixedList<Constructor>,
    charset: 'utf8mb4_bin',
    // DATETIME values are UTC both ways: the driver reads and writes them as UTC ('Z'), and
    // every session runs in UTC (below), so CURRENT_TIMESTAMP (created_at, updated_at) is UTC too.
    timezone: 'Z',
    // DATE columns (birth dates, terms) are calendar dates, not instants: read them as the
    // 'YYYY-MM-DD' text they are, never through a JS Date in the process's time zone.
    dateStrings: ['DATE'],
    driver: mysqlDriverInUtc,
    poolSize: config.poolSize,
    supportBigNumbers: true,
    bigNumberStrings: false,
    // mysql2 captures the caller's stack for every statement (Error.captureStackTrace, 1–2% of a
    // subgraph's CPU under load), only to put it on a failed statement's error. TypeORM throws
    // its own QueryFailedError, whose stack reaches the caller through the awaits, with the SQL.
    trace: false,
  };
}

/** The session time zone every MySQL connection of the platform runs in. */
export const MYSQL_SESSION_TIME_ZONE = '+00:00';

/**
 * mysql2 as TypeORM should use it: every connection a pool opens sets its session time zone to
 * UTC before it runs anything else, including the connections TypeORM opens while it
 * initializes (the listener is attached as the pool is created, before its first connection).
 * The server's or the session's default zone then cannot shift CURRENT_TIMESTAMP.
 */
const mysqlDriverInUtc: typeof mysql2 = {
  ...mysql2,
  createPool(options: mysql2.PoolOptions): mysql2.Pool {
    const pool = mysql2.createPool(options);
    pool.on('connection', (connection) => {
      // Queued on the connection ahead of whatever the pool hands it out for.
      connection.query(`SET time_zone = '${MYSQL_SESSION_TIME_ZONE}'`, (err: unknown) => {
        if (err) connection.destroy();
      });
    });
    return pool;
  },
} as typeof mysql2;

/**
 * Opens a subgraph's database: creates it (file or MySQL database) when missing and, unless
 * told otherwise, applies the pending versioned migrations. Schema changes happen only
 * through migrations, never `synchronize`. With `migrate: false` a database with pending
 * migrations is refused (ConfigError): the code would not match its tables.
 *
 * `reader: true` also opens, on file-based SQLite, the read-only data source that
 * TransactionalConnection sends reads outside transactions to; `close()` closes both.
 */
export async function openDatabase(
  config: DatabaseConfig,
  spec: DataSourceSpec,
  log: Logger,
  opts: { migrate?: boolean; counter?: SqlStatementCounter; reader?: boolean } = {},
): Promise<OpenedDatabase> {
  const counter = opts.counter ?? new SqlStatementCounter();
  if (config.type === 'sqlite' && config.directory !== ':memory:') fs.mkdirSync(config.directory, { recursive: true });
  const server = config.type === 'mysql' ? await ensureMysqlDatabase(config, databaseName(config, spec.subgraph)) : undefined;
  const logger = new CountingTypeOrmLogger(counter, log);
  const options = dataSourceOptions(config, spec, logger, server);
  const dataSource = new DataSource(options);
  await dataSource.initialize();
  let reader: DataSource | null = null;
  try {
    if (config.type === 'mysql') await assertSessionInUtc(dataSource);
    if (opts.migrate !== false) await dataSource.runMigrations({ transaction: 'each' });
    else await assertNoPendingMigrations(dataSource, describeDatabase(config, spec.subgraph));
    if (opts.reader && options.type === 'better-sqlite3' && options.database !== ':memory:') {
      reader = new DataSource({
        ...options,
        // The file exists, is migrated and in WAL mode (a property of the file): only read it.
        readonly: true,
        fileMustExist: true,
        enableWAL: false,
        migrations: [],
      });
      await reader.initialize();
    }
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return {
    dataSource,
    reader,
    counter,
    async close() {
      if (reader?.isInitialized) await reader.destroy();
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}

async function assertNoPendingMigrations(dataSource: DataSource, database: string): Promise<void> {
  if (!(await dataSource.showMigrations())) return;
  const pending = (await new MigrationExecutor(dataSource).getPendingMigrations()).map((m) => m.name);
  throw new ConfigError(
    `${database} has ${pending.length} pending migration(s) (${pending.join(', ')}) and TONGXIN_MIGRATE=false: ` +
      'run them first (start the service once without TONGXIN_MIGRATE=false, or run the deployment step that migrates), then start it again',
  );
}

/** The pool sets every session to UTC (mysqlDriverInUtc); refuse to run if that did not take. */
async function assertSessionInUtc(dataSource: DataSource): Promise<void> {
  const rows: Array<{ tz: string }> = await dataSource.query('SELECT @@session.time_zone AS tz');
  const tz = String(rows[0]?.tz);
  if (tz !== MYSQL_SESSION_TIME_ZONE) {
    throw new ConfigError(`the MySQL session time zone is ${tz}, not UTC (${MYSQL_SESSION_TIME_ZONE}): created_at and updated_at would be wrong`);
  }
}
