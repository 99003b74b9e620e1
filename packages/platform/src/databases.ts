import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  createLogger,
  DatabaseConfig,
  databaseName,
  dropMysqlDatabase,
  Logger,
  openDatabase,
  AnySubgraphDefinition,
  TransactionalConnection,
} from '@tongxin/common';
import type { DataSource } from 'typeorm';
import { SUBGRAPHS } from './subgraphs';

export interface OpenedPlatform {
  /** Each subgraph's services, by subgraph name, over its own database. */
  readonly services: Readonly<Record<string, unknown>>;
  readonly dataSources: Readonly<Record<string, DataSource>>;
  close(): Promise<void>;
}

/** Opens (and migrates) every subgraph's database in this process: for seeding and scripts. */
export async function openPlatformDatabases(
  config: DatabaseConfig,
  log: Logger = createLogger('platform'),
  defs: ReadonlyArray<AnySubgraphDefinition> = SUBGRAPHS,
): Promise<OpenedPlatform> {
  const services: Record<string, unknown> = {};
  const dataSources: Record<string, DataSource> = {};
  try {
    for (const def of defs) {
      const { dataSource } = await openDatabase(config, def, log);
      dataSources[def.subgraph] = dataSource;
      services[def.subgraph] = def.createServices(new TransactionalConnection(dataSource));
    }
  } catch (error) {
    await Promise.all(Object.values(dataSources).map((ds) => ds.destroy()));
    throw error;
  }
  return {
    services,
    dataSources,
    async close() {
      await Promise.all(Object.values(dataSources).map((ds) => ds.destroy()));
    },
  };
}

/** Deletes every subgraph's database (SQLite files or MySQL databases). */
export async function dropPlatformDatabases(config: DatabaseConfig, defs: ReadonlyArray<AnySubgraphDefinition> = SUBGRAPHS): Promise<void> {
  for (const def of defs) {
    if (config.type === 'mysql') await dropMysqlDatabase(config, databaseName(config, def.subgraph));
    else if (config.directory !== ':memory:') {
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(path.join(config.directory, `${def.subgraph}.sqlite${suffix}`), { force: true });
    }
  }
}

/** True before the first seeding: the persons register holds nobody. */
export async function registerIsEmpty(platform: OpenedPlatform): Promise<boolean> {
  const rows: Array<{ n: number | string }> = await platform.dataSources.persons!.query('SELECT COUNT(*) AS n FROM person');
  return Number(rows[0]?.n ?? 0) === 0;
}
