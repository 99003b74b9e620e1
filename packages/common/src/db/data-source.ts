import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource, DataSourceOptions, MixedList } from 'typeorm';
import type { Logger } from '../logger';
import { DatabaseConfig, databaseName, MysqlConfig } from './database-config';
import { CountingTypeOrmLogger, SqlStatementCounter } from './sql-counter';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type Constructor = Function;

export interface DataSourceSpec {
  readonly subgraph: string;
  readonly entities: Constructor[];
  readonly migrations: { readonly mysql: Constructor[]; readonly sqlite: Constructor[] };
}

export interface OpenedDatabase {
  readonly dataSource: DataSource;
  readonly counter: SqlStatementCounter;
}

export interface MysqlServer {
  /** MariaDB reports column metadata differently; TypeORM must know to compare schemas right. */
  readonly mariadb: boolean;
}

/** Creates the MySQL database of a subgraph if it does not exist yet (utf8mb4), and tells which server it is. */
export async function ensureMysqlDatabase(config: MysqlConfig, name: string): Promise<MysqlServer> {
  const mysql = await import('mysql2/promise');
  const conn = await mysql.createConnection({ host: config.host, port: config.port, user: config.user, password: config.password });
  try {
    await conn.query(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
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

export function dataSourceOptions(
  config: DatabaseConfig,
  spec: DataSourceSpec,
  logger: CountingTypeOrmLogger,
  server: MysqlServer = { mariadb: false },
): DataSourceOptions {
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
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    poolSize: config.poolSize,
    supportBigNumbers: true,
    bigNumberStrings: false,
  };
}

/**
 * Opens a subgraph's database: creates it (file or MySQL database) when missing and, unless
 * told otherwise, applies the pending versioned migrations. Schema changes happen only
 * through migrations, never `synchronize`.
 */
export async function openDatabase(
  config: DatabaseConfig,
  spec: DataSourceSpec,
  log: Logger,
  opts: { migrate?: boolean; counter?: SqlStatementCounter } = {},
): Promise<OpenedDatabase> {
  const counter = opts.counter ?? new SqlStatementCounter();
  if (config.type === 'sqlite' && config.directory !== ':memory:') fs.mkdirSync(config.directory, { recursive: true });
  const server = config.type === 'mysql' ? await ensureMysqlDatabase(config, databaseName(config, spec.subgraph)) : undefined;
  const dataSource = new DataSource(dataSourceOptions(config, spec, new CountingTypeOrmLogger(counter, log), server));
  await dataSource.initialize();
  if (opts.migrate !== false) await dataSource.runMigrations({ transaction: 'each' });
  return { dataSource, counter };
}
