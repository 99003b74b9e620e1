import DataLoader from 'dataloader';
import { envInt } from './config';

/**
 * The largest batch one loader sends as one `IN (…)` list. MySQL switches from index dives to
 * statistics past `eq_range_index_dive_limit` (200 by default); measured trade-offs are in
 * bench/README.md.
 */
export const MAX_BATCH_SIZE = envInt(process.env, 'LOADER_MAX_BATCH_SIZE', 500, 1, 100000);

/** Loads one row per key; missing keys give null. Keys are deduplicated by DataLoader. */
export function rowLoader<K extends string, V>(
  fetch: (keys: readonly K[]) => Promise<readonly V[]>,
  keyOf: (row: V) => K,
): DataLoader<K, V | null> {
  return new DataLoader<K, V | null>(
    async (keys) => {
      const rows = await fetch(keys);
      const byKey = new Map<K, V>();
      for (const row of rows) byKey.set(keyOf(row), row);
      return keys.map((k) => byKey.get(k) ?? null);
    },
    { maxBatchSize: MAX_BATCH_SIZE },
  );
}

/** Loads every row that belongs to each key (a person's memberships); none gives []. */
export function groupLoader<K extends string, V>(
  fetch: (keys: readonly K[]) => Promise<readonly V[]>,
  keyOf: (row: V) => K,
): DataLoader<K, V[]> {
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
    { maxBatchSize: MAX_BATCH_SIZE },
  );
}

/** Loads one number per key (counts), 0 when the key has no rows. */
export function countLoader<K extends string>(
  fetch: (keys: readonly K[]) => Promise<ReadonlyArray<{ key: K; count: number | string }>>,
): DataLoader<K, number> {
  return new DataLoader<K, number>(
    async (keys) => {
      const rows = await fetch(keys);
      const byKey = new Map(rows.map((r) => [r.key, Number(r.count)]));
      return keys.map((k) => byKey.get(k) ?? 0);
    },
    { maxBatchSize: MAX_BATCH_SIZE },
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
