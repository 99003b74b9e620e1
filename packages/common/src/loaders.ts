import DataLoader from 'dataloader';
import { InputChecker } from './validation/input-checker';
import { envInt } from './config';
import { MAX_PAGE_SIZE } from './graphql/relay';

/** The default of `LOADER_MAX_BATCH_SIZE`: the largest page a client may ask for. */
export const DEFAULT_LOADER_MAX_BATCH_SIZE = MAX_PAGE_SIZE;

let cached: { raw: string | undefined; size: number } | undefined;

/**
 * The largest batch one loader sends as one `IN (…)` list: `LOADER_MAX_BATCH_SIZE`, by default
 * the largest page (1,000), so that whatever one page of a list refers to (the memberships of
 * 1,000 exported persons, their evaluations) is one statement per loader: the statements of a
 * request do not grow with its rows. The lists stay far under SQLite's 32,766 bound parameters.
 * (On MariaDB and MySQL an `IN` list longer than `eq_range_index_dive_limit`, 200 by default, is
 * estimated from index statistics instead of index dives; the id and parent-id lookups of loaders
 * use their index either way, as the bench's EXPLAIN shows.)
 *
 * Read when loaders are built (and checked when a subgraph starts), not when this module is
 * imported, so that a bad value is refused with a ConfigError at start instead of a stack trace.
 */
export function loaderMaxBatchSize(env: Record<string, string | undefined> = process.env): number {
  const raw = env.LOADER_MAX_BATCH_SIZE;
  if (cached === undefined || cached.raw !== raw) {
    cached = { raw, size: envInt(env, 'LOADER_MAX_BATCH_SIZE', DEFAULT_LOADER_MAX_BATCH_SIZE, 1, 100000) };
  }
  return cached.size;
}

/**
 * Loads one row per key; missing keys give null. Keys are deduplicated by DataLoader. With
 * `refuse`, each loaded row is checked after the batch's one fetch: a row it returns an error for
 * rejects that key's load with the error (the viewer may not read it), the others load as usual.
 */
export function rowLoader<K extends string, V>(fetch: (keys: readonly K[]) => Promise<readonly V[]>, keyOf: (row: V) => K, refuse?: (row: V) => Error | null): DataLoader<K, V | null> {
  return new DataLoader<K, V | null>(
    async (keys) => {
      const rows = await fetch(keys);
      const byKey = new Map<K, V>();
      for (const row of rows) byKey.set(keyOf(row), row);
      return keys.map((k) => {
        const row = byKey.get(k);
        if (row === undefined) return null;
        return (refuse && refuse(row)) || row;
      });
    },
    { maxBatchSize: loaderMaxBatchSize() },
  );
}

/** Loads every row that belongs to each key (a person's memberships); none gives []. */
export function groupLoader<K extends string, V>(fetch: (keys: readonly K[]) => Promise<readonly V[]>, keyOf: (row: V) => K): DataLoader<K, V[]> {
  return new DataLoader<K, V[]>(
    async (keys) => {
      const rows = await fetch(keys);
      const byKey = new Map<K, V[]>();
      for (const row of rows) {
        const k = keyOf(row);
        const list = byKey.get(k);
        if (list) list.push(row);
        else byKey.set(k, [row]);
      }
      return keys.map((k) => byKey.get(k) ?? []);
    },
    { maxBatchSize: loaderMaxBatchSize() },
  );
}

/** Loads one number per key (counts), 0 when the key has no rows. */
export function countLoader<K extends string>(fetch: (keys: readonly K[]) => Promise<ReadonlyArray<{ key: K; count: number | string }>>): DataLoader<K, number> {
  return new DataLoader<K, number>(
    async (keys) => {
      const rows = await fetch(keys);
      const byKey = new Map(rows.map((r) => [r.key, Number(r.count)]));
      return keys.map((k) => byKey.get(k) ?? 0);
    },
    { maxBatchSize: loaderMaxBatchSize() },
  );
}

/**
 * Loaders that take arguments besides the key (a page size, a cursor): one loader per distinct
 * argument set, created on demand and kept for the request.
 */
export class LoaderFamily<A, K, V> {
  private readonly loaders = new Map<string, DataLoader<K, V>>();

  constructor(private readonly make: (args: A) => DataLoader<K, V>) {}

  get(args: A): DataLoader<K, V> {
    const key = JSON.stringify(args);
    let loader = this.loaders.get(key);
    if (!loader) {
      loader = this.make(args);
      this.loaders.set(key, loader);
    }
    return loader;
  }
}

/** A root query's `(id: ID!)`: a malformed id is BAD_USER_INPUT, an unknown one null. */
export function loadById<V>(loader: DataLoader<string, V | null>, id: string): Promise<V | null> {
  const check = new InputChecker('');
  const valid = check.id('id', id);
  check.throwIfInvalid();
  return loader.load(valid!);
}
