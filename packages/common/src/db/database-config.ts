import * as path from 'node:path';
import { envChoice, envInt, envString } from '../config';

export interface SqliteConfig {
  readonly type: 'sqlite';
  /** Folder of the database files (one per subgraph), or ':memory:'. */
  readonly directory: string;
}

export interface MysqlConfig {
  readonly type: 'mysql';
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** Each subgraph has its own database, named prefix + subgraph (`tongxin_persons`). */
  readonly databasePrefix: string;
  readonly poolSize: number;
}

export type DatabaseConfig = SqliteConfig | MysqlConfig;

/**
 * `TONGXIN_DB=sqlite` (default): files under `TONGXIN_DATA_DIR` (default `./data`).
 * `TONGXIN_DB=mysql`: `MYSQL_HOST`, `MYSQL_PORT`, `MYSQL_USER`, `MYSQL_PASSWORD`,
 * `MYSQL_DATABASE_PREFIX` (default `tongxin_`), `MYSQL_POOL_SIZE` (default 10).
 */
export function databaseConfigFromEnv(env: Record<string, string | undefined> = process.env): DatabaseConfig {
  const type = envChoice(env, 'TONGXIN_DB', ['sqlite', 'mysql'] as const, 'sqlite');
  if (type === 'sqlite') {
    const dir = envString(env, 'TONGXIN_DATA_DIR', 'data');
    return { type, directory: dir === ':memory:' ? dir : path.resolve(dir) };
  }
  return {
    type,
    host: envString(env, 'MYSQL_HOST', '127.0.0.1'),
    port: envInt(env, 'MYSQL_PORT', 3306, 1, 65535),
    user: envString(env, 'MYSQL_USER', 'root'),
    password: envString(env, 'MYSQL_PASSWORD', ''),
    databasePrefix: envString(env, 'MYSQL_DATABASE_PREFIX', 'tongxin_'),
    poolSize: envInt(env, 'MYSQL_POOL_SIZE', 10, 1, 1000),
  };
}

/** The variables `databaseConfigFromEnv` reads back as this configuration: for a service started as a child process. */
export function databaseConfigToEnv(config: DatabaseConfig): Record<string, string> {
  if (config.type === 'sqlite') return { TONGXIN_DB: 'sqlite', TONGXIN_DATA_DIR: config.directory };
  return {
    TONGXIN_DB: 'mysql',
    MYSQL_HOST: config.host,
    MYSQL_PORT: String(config.port),
    MYSQL_USER: config.user,
    MYSQL_PASSWORD: config.password,
    MYSQL_DATABASE_PREFIX: config.databasePrefix,
    MYSQL_POOL_SIZE: String(config.poolSize),
  };
}

export function databaseName(config: MysqlConfig, subgraph: string): string {
  const name = `${config.databasePrefix}${subgraph}`;
  if (!/^[A-Za-z0-9_]{1,64}$/.test(name)) throw new Error(`Invalid database name ${name}`);
  return name;
}

export function describeDatabase(config: DatabaseConfig, subgraph: string): string {
  return config.type === 'sqlite'
    ? config.directory === ':memory:'
      ? 'sqlite (in memory)'
      : `sqlite ${path.join(config.directory, `${subgraph}.sqlite`)}`
    : `mysql ${config.user}@${config.host}:${config.port}/${databaseName(config, subgraph)}`;
}
