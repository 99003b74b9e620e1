/**
 * The dataset: the demo city at a chosen size in MariaDB, under `bench_<persons>_` (one database
 * per subgraph, as in production), made by the demo generator through the subgraphs' own
 * services, or found there from an earlier `--reuse` run.
 */
import { createHash } from 'node:crypto';
import { createLogger, MysqlConfig } from '@tongxin/common';
import { dropPlatformDatabases, openPlatformDatabases, platformDataState } from '@tongxin/platform/dist/databases';
import { DEFAULT_DEMO_SIZE, seedDemoData } from '@tongxin/platform/dist/demo/seed';
import { BENCH_TODAY, FloorDb, Sample } from '../operations';
import { MysqlPool } from './mysql';

/** The demo generator's seed (the one `npm start` uses): the same size always gives the same city. */
export const BENCH_SEED = 20111013;

/**
 * The personal-data key of every bench dataset: ID and mobile numbers are stored encrypted, and a
 * reused dataset must be read with the key it was written with. Not a secret: bench data only.
 */
export const BENCH_DATA_KEY = createHash('sha256').update('tongxin-bench-data-key').digest('base64');

export interface DatasetCounts {
  persons: number;
  organizations: number;
  memberships: number;
  activities: number;
  participations: number;
  evaluations: number;
  membershipsPerPerson: number;
}

export interface Dataset {
  readonly config: MysqlConfig;
  readonly persons: number;
  readonly reused: boolean;
  /** Seconds the demo generator took (0 when reused). */
  readonly generatedSeconds: number;
  readonly counts: DatasetCounts;
  readonly sample: Sample;
}

export function benchPrefix(persons: number): string {
  return `bench_${persons}_`;
}

export function datasetConfig(mysql: { host: string; port: number; user: string; password: string }, persons: number): MysqlConfig {
  return { type: 'mysql', ...mysql, databasePrefix: benchPrefix(persons), poolSize: 10 };
}

/** SQL over a dataset's four databases (the floors and the sample use it). */
export function floorDb(pool: MysqlPool, prefix: string): FloorDb {
  return {
    db: (subgraph) => `\`${prefix}${subgraph}\``,
    query: (sql, params) => pool.query(sql, params),
    transaction: (work) => pool.transaction((query) => work({ db: (subgraph) => `\`${prefix}${subgraph}\``, query: (sql, params) => query(sql, params) })),
  };
}

/** Makes (or, with `reuse`, finds) the dataset of `persons` persons and reads its counts and sample. */
export async function prepareDataset(mysql: { host: string; port: number; user: string; password: string }, persons: number, reuse: boolean, say: (line: string) => void): Promise<Dataset> {
  const config = datasetConfig(mysql, persons);
  // The persons service reads its key from the environment when the platform opens.
  process.env.TONGXIN_DATA_KEY = BENCH_DATA_KEY;
  const log = createLogger('bench', 'warn');
  let platform = await openPlatformDatabases(config, log);
  let reused = false;
  let generatedSeconds = 0;
  try {
    const state = await platformDataState(platform);
    if (reuse && state.kind === 'complete') {
      reused = true;
      say(`dataset: reusing ${config.databasePrefix}* (${persons} persons)`);
    } else {
      if (state.kind !== 'empty') {
        say(`dataset: deleting ${config.databasePrefix}* (${state.kind})`);
        await platform.close();
        await dropPlatformDatabases(config);
        platform = await openPlatformDatabases(config, log);
      }
      say(`dataset: generating ${persons} persons in ${config.databasePrefix}* with the demo generator (seed ${BENCH_SEED})`);
      const started = Date.now();
      await seedDemoData(platform.services, { seed: BENCH_SEED, size: { ...DEFAULT_DEMO_SIZE, persons }, log, today: BENCH_TODAY });
      generatedSeconds = (Date.now() - started) / 1000;
      say(`dataset: generated in ${generatedSeconds.toFixed(0)} s`);
    }
  } finally {
    await platform.close();
  }
  const pool = new MysqlPool({ ...mysql, connections: 2 });
  try {
    const db = floorDb(pool, config.databasePrefix);
    return { config, persons, reused, generatedSeconds, counts: await countRows(db), sample: await pickSample(db) };
  } finally {
    await pool.end();
  }
}

export async function countRows(db: FloorDb): Promise<DatasetCounts> {
  const count = async (subgraph: Parameters<FloorDb['db']>[0], table: string) => Number((await db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${db.db(subgraph)}.${table}`))[0]!.n);
  const counts = {
    persons: await count('persons', 'person'),
    organizations: await count('organizations', 'organization'),
    memberships: await count('organizations', 'membership'),
    activities: await count('activities', 'activity'),
    participations: await count('activities', 'participation'),
    evaluations: await count('evaluation', 'evaluation'),
  };
  return { ...counts, membershipsPerPerson: counts.persons ? Math.round((counts.memberships / counts.persons) * 100) / 100 : 0 };
}

/** The district, person and association the operations ask about (see Sample). */
export async function pickSample(db: FloorDb): Promise<Sample> {
  const first = async (sql: string, what: string): Promise<string> => {
    const row = (await db.query<{ v: string }>(sql))[0];
    if (!row) throw new Error(`The dataset has no ${what}`);
    return row.v;
  };
  return {
    districtCode: await first(`SELECT district_code AS v FROM ${db.db('persons')}.person GROUP BY district_code ORDER BY COUNT(*) DESC, district_code LIMIT 1`, 'person'),
    personId: await first(
      `SELECT m.person_id AS v FROM ${db.db('organizations')}.membership m
        WHERE EXISTS (SELECT 1 FROM ${db.db('evaluation')}.evaluation e WHERE e.person_id = m.person_id)
          AND EXISTS (SELECT 1 FROM ${db.db('activities')}.participation p WHERE p.person_id = m.person_id)
        GROUP BY m.person_id ORDER BY COUNT(*) DESC, m.person_id LIMIT 1`,
      'person with memberships, participations and evaluations',
    ),
    associationId: await first(
      `SELECT o.id AS v FROM ${db.db('organizations')}.organization o JOIN ${db.db('organizations')}.membership m ON m.organization_id = o.id AND m.end_date IS NULL
        WHERE o.kind IN ('FRIENDSHIP_ASSOCIATION', 'INDUSTRY_ASSOCIATION') GROUP BY o.id ORDER BY COUNT(*) DESC, o.id LIMIT 1`,
      'association with running members',
    ),
  };
}
