import * as fs from 'node:fs';
import * as path from 'node:path';
import { createLogger, DatabaseConfig, databaseName, dropMysqlDatabase, Logger, openDatabase, Peers, AnySubgraphDefinition, TransactionalConnection } from '@tongxin/common';
import type { DataSource } from 'typeorm';
import { DemoOptions, DemoSummary, seedDemoData } from './demo/seed';
import { SUBGRAPHS } from './subgraphs';

export interface OpenedPlatform {
  /** Each subgraph's services, by subgraph name, over its own database. */
  readonly services: Readonly<Record<string, unknown>>;
  readonly dataSources: Readonly<Record<string, DataSource>>;
  close(): Promise<void>;
}

/** Opens (and migrates) every subgraph's database in this process: for seeding and scripts. */
export async function openPlatformDatabases(config: DatabaseConfig, log: Logger = createLogger('platform'), defs: ReadonlyArray<AnySubgraphDefinition> = SUBGRAPHS): Promise<OpenedPlatform> {
  const services: Record<string, unknown> = {};
  const dataSources: Record<string, DataSource> = {};
  try {
    for (const def of defs) {
      const { dataSource } = await openDatabase(config, def, log);
      dataSources[def.subgraph] = dataSource;
      services[def.subgraph] = def.createServices(new TransactionalConnection(dataSource), new Peers({}), process.env);
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

/** Per subgraph, whether any of its tables holds a row. */
export async function subgraphsHoldingData(platform: OpenedPlatform): Promise<Record<string, boolean>> {
  const holding: Record<string, boolean> = {};
  for (const [subgraph, dataSource] of Object.entries(platform.dataSources)) {
    holding[subgraph] = false;
    for (const { tableName } of dataSource.entityMetadatas) {
      const rows: unknown[] = await dataSource.query(`SELECT 1 AS present FROM ${dataSource.driver.escape(tableName)} LIMIT 1`);
      if (rows.length > 0) {
        holding[subgraph] = true;
        break;
      }
    }
  }
  return holding;
}

/**
 * What the databases hold, judged across all subgraphs: `empty` (none holds data: a first run),
 * `complete` (every one does) or `partial` (some do, some do not: what an interrupted or failed
 * seeding leaves, and what no later run may mistake for either of the others).
 */
export interface PlatformDataState {
  readonly kind: 'empty' | 'complete' | 'partial';
  readonly holding: Readonly<Record<string, boolean>>;
}

export function dataStateOf(holding: Readonly<Record<string, boolean>>): PlatformDataState {
  const values = Object.values(holding);
  const kind = values.every((v) => !v) ? 'empty' : values.every((v) => v) ? 'complete' : 'partial';
  return { kind, holding };
}

export async function platformDataState(platform: OpenedPlatform): Promise<PlatformDataState> {
  return dataStateOf(await subgraphsHoldingData(platform));
}

/** Where the platform's databases are, for messages: `sqlite data/*.sqlite`, `mysql root@host:3306/tongxin_*`. */
export function describePlatformDatabases(config: DatabaseConfig): string {
  if (config.type === 'mysql') return `mysql ${config.user}@${config.host}:${config.port}/${config.databasePrefix}*`;
  return config.directory === ':memory:' ? 'sqlite (in memory)' : `sqlite ${path.join(config.directory, '*.sqlite')}`;
}

export const RESET_COMMAND = 'npm run seed -- --reset';

/** Some subgraphs hold data and some do not: nothing may start or add to that until it is reset. */
export class IncompleteDataError extends Error {
  constructor(
    readonly state: PlatformDataState,
    config: DatabaseConfig,
  ) {
    const withData = Object.keys(state.holding).filter((s) => state.holding[s]);
    const without = Object.keys(state.holding).filter((s) => !state.holding[s]);
    super(
      `The databases (${describePlatformDatabases(config)}) hold an incomplete platform: ` +
        `${withData.join(', ')} ${withData.length === 1 ? 'holds' : 'hold'} data but ${without.join(', ')} ${without.length === 1 ? 'is' : 'are'} empty, ` +
        `as an interrupted or failed loading of the demo city leaves them. ` +
        `Run \`${RESET_COMMAND}\` to delete the data of all four subgraphs and load the demo city again.`,
    );
    this.name = 'IncompleteDataError';
  }
}

/** Loading the demo city was interrupted (Ctrl-C); what it had written is deleted. */
export class DemoLoadInterruptedError extends Error {
  constructor() {
    super('Loading the demo city was interrupted; what it had written is deleted, so the next run starts again from empty.');
    this.name = 'DemoLoadInterruptedError';
  }
}

export interface LoadDemoCityOptions extends DemoOptions {
  /** Aborting stops the loading (before its next bulk write) and deletes what was written. */
  readonly signal?: AbortSignal;
}

export type LoadDemoCityResult = { readonly loaded: true; readonly summary: DemoSummary } | { readonly loaded: false; readonly state: PlatformDataState };

/**
 * The subgraphs' services as the seeding sees them: before and after every call of a service
 * method, the event loop gets a turn (better-sqlite3 is synchronous: without it a Ctrl-C would
 * wait for the whole city) and an aborted `signal` stops the seeding with an AbortError.
 */
function interruptible(services: Readonly<Record<string, unknown>>, signal: AbortSignal): Record<string, unknown> {
  const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
  const wrap = (service: object): object =>
    new Proxy(service, {
      get(target, property) {
        const value: unknown = Reflect.get(target, property);
        if (typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          await turn();
          signal.throwIfAborted();
          const result: unknown = await (value as (...a: unknown[]) => unknown).apply(target, args);
          await turn();
          signal.throwIfAborted();
          return result;
        };
      },
    });
  return Object.fromEntries(
    Object.entries(services).map(([subgraph, set]) => [
      subgraph,
      Object.fromEntries(Object.entries(set as Record<string, unknown>).map(([name, service]) => [name, typeof service === 'object' && service ? wrap(service) : service])),
    ]),
  );
}

/**
 * The one rule of `npm start` and `npm run seed`: opens (and migrates) every subgraph's
 * database; loads the demo city when every subgraph is empty; leaves the data alone when every
 * subgraph holds some (`loaded: false`); refuses with IncompleteDataError when only some do.
 * Loading is all or nothing: when it is interrupted (`signal`) or fails, the databases are
 * closed and what it wrote is deleted (they were all empty before), so the next run starts
 * from empty again.
 */
export async function loadDemoCityIfEmpty(config: DatabaseConfig, opts: LoadDemoCityOptions, defs: ReadonlyArray<AnySubgraphDefinition> = SUBGRAPHS): Promise<LoadDemoCityResult> {
  const signal = opts.signal ?? new AbortController().signal;
  signal.throwIfAborted();
  const platform = await openPlatformDatabases(config, opts.log, defs);
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= platform.close());
  let seeding = false;
  try {
    signal.throwIfAborted();
    const state = await platformDataState(platform);
    if (state.kind === 'partial') throw new IncompleteDataError(state, config);
    if (state.kind === 'complete') return { loaded: false, state };
    opts.log.info({ persons: opts.size.persons, database: describePlatformDatabases(config) }, 'every subgraph is empty: loading the demo city');
    seeding = true;
    const summary = await seedDemoData(interruptible(platform.services, signal), opts);
    seeding = false;
    return { loaded: true, summary };
  } catch (error) {
    if (!seeding) throw error;
    const interrupted = signal.aborted;
    await close().catch(() => undefined);
    try {
      await dropPlatformDatabases(config, defs);
    } catch (dropError) {
      throw new Error(
        `Loading the demo city ${interrupted ? 'was interrupted' : 'failed'} and what it had written could not be deleted ` +
          `(${dropError instanceof Error ? dropError.message : String(dropError)}): run \`${RESET_COMMAND}\`.`,
        { cause: error },
      );
    }
    if (interrupted) throw new DemoLoadInterruptedError();
    throw error;
  } finally {
    await close().catch((err: unknown) => opts.log.warn({ err: err instanceof Error ? err.message : err }, 'could not close the databases'));
  }
}
