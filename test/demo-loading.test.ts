import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import pino from 'pino';
import { createLogger, DatabaseConfig } from '@tongxin/common';
import { evaluationSubgraph } from '@tongxin/evaluation';
import { SUBGRAPHS } from '@tongxin/platform';
import { DemoLoadInterruptedError, IncompleteDataError, loadDemoCityIfEmpty, openPlatformDatabases, platformDataState } from '../packages/platform/src/databases';
import { DemoOptions, seedDemoData } from '../packages/platform/src/demo/seed';
import { freshDatabase } from './harness/database';

/**
 * `npm start` and `npm run seed` decide by one rule, across all four subgraphs: load the demo
 * city when every subgraph is empty, leave the data alone when every subgraph holds some, and
 * refuse (naming `npm run seed -- --reset`) when only some do, which is what an interrupted or
 * failed loading leaves. A loading that is interrupted or fails deletes what it wrote.
 */

const NAMES = SUBGRAPHS.map((s) => s.subgraph);
const silent = createLogger('demo-loading-test', 'silent');
const SMALL: Omit<DemoOptions, 'log'> = {
  seed: 11,
  size: { persons: 60, activitiesPerPerson: 0.2, participantsPerActivity: 20 },
  chunk: 200,
  today: '2026-06-30',
};

/** A fresh database set that survives being closed and opened again (files, not :memory:). */
function freshPlatformDatabase(): { config: DatabaseConfig; drop(): Promise<void> } {
  if (process.env.TEST_DB === 'mysql') {
    const db = freshDatabase();
    return { config: db.config, drop: () => db.drop(NAMES) };
  }
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'tongxin-demo-loading-'));
  return { config: { type: 'sqlite', directory }, drop: async () => fs.rmSync(directory, { recursive: true, force: true }) };
}

async function stateOf(config: DatabaseConfig) {
  const platform = await openPlatformDatabases(config, silent);
  try {
    const state = await platformDataState(platform);
    const rows: Array<{ n: number | string }> = await platform.dataSources.persons!.query('SELECT COUNT(*) AS n FROM person');
    return { ...state, persons: Number(rows[0]!.n) };
  } finally {
    await platform.close();
  }
}

/** What the old `npm start` left when loading stopped halfway: seedDemoData failing at one subgraph. */
async function seedFailingAt(config: DatabaseConfig, subgraph: 'organizations' | 'evaluation'): Promise<void> {
  const platform = await openPlatformDatabases(config, silent);
  const fail = async () => {
    throw new Error('interrupted');
  };
  const services: Record<string, unknown> = { ...platform.services };
  if (subgraph === 'organizations') services.organizations = { ...(services.organizations as object), organizations: { createMany: fail } };
  else services.evaluation = { evaluations: { recordMany: fail } };
  try {
    await expect(seedDemoData(services, { ...SMALL, log: silent })).rejects.toThrow('interrupted');
  } finally {
    await platform.close();
  }
}

describe('loading the demo city: one rule across the four subgraphs', () => {
  let db: ReturnType<typeof freshPlatformDatabase>;
  beforeEach(() => {
    db = freshPlatformDatabase();
  });
  afterEach(async () => {
    await db.drop();
  });

  it('finds a fresh platform empty everywhere, loads it, then finds it complete and leaves it alone', async () => {
    expect(await stateOf(db.config)).toEqual({
      kind: 'empty',
      holding: { persons: false, organizations: false, activities: false, evaluation: false },
      persons: 0,
    });
    const first = await loadDemoCityIfEmpty(db.config, { ...SMALL, log: silent });
    expect(first).toMatchObject({ loaded: true, summary: { persons: 60 } });
    expect(await stateOf(db.config)).toEqual({
      kind: 'complete',
      holding: { persons: true, organizations: true, activities: true, evaluation: true },
      persons: 60,
    });
    const again = await loadDemoCityIfEmpty(db.config, { ...SMALL, log: silent });
    expect(again).toMatchObject({ loaded: false, state: { kind: 'complete' } });
    expect((await stateOf(db.config)).persons).toBe(60);
  });

  it.each([
    ['after the register was written', 'organizations', { persons: true, organizations: false, activities: false, evaluation: false }],
    ['in its last subgraph', 'evaluation', { persons: true, organizations: true, activities: true, evaluation: false }],
  ] as const)('refuses a platform whose loading stopped %s, naming the reset, and changes nothing', async (_label, failing, holding) => {
    await seedFailingAt(db.config, failing);
    const before = await stateOf(db.config);
    expect(before).toMatchObject({ kind: 'partial', holding, persons: 60 });

    const refusal = loadDemoCityIfEmpty(db.config, { ...SMALL, log: silent });
    await expect(refusal).rejects.toBeInstanceOf(IncompleteDataError);
    await expect(refusal).rejects.toThrow('`npm run seed -- --reset`');
    await expect(refusal).rejects.toThrow(/evaluation (is|are) empty/);
    expect(await stateOf(db.config)).toEqual(before);
  });

  it('stops on an interrupt after the register was written and deletes what it wrote', async () => {
    const interrupt = new AbortController();
    // Interrupts as a signal does, from the event loop, as soon as the seeding reports the
    // register written: the seeding (synchronous on SQLite) must give the loop a turn for it.
    const log = pino({ level: 'info' }, { write: (line: string) => void (line.includes('demo: persons') && setImmediate(() => interrupt.abort())) });
    await expect(loadDemoCityIfEmpty(db.config, { ...SMALL, log, signal: interrupt.signal })).rejects.toBeInstanceOf(DemoLoadInterruptedError);
    expect(await stateOf(db.config)).toMatchObject({ kind: 'empty', persons: 0 });
    // And the next run loads the whole city.
    expect(await loadDemoCityIfEmpty(db.config, { ...SMALL, log: silent })).toMatchObject({ loaded: true });
    expect(await stateOf(db.config)).toMatchObject({ kind: 'complete', persons: 60 });
  });

  it('deletes what it wrote when the loading fails halfway, and passes the error on', async () => {
    const failingEvaluation = {
      ...evaluationSubgraph,
      createServices: () => ({
        evaluations: {
          recordMany: async () => {
            throw new Error('disk full');
          },
        },
      }),
    };
    const defs = SUBGRAPHS.map((d) => (d.subgraph === 'evaluation' ? failingEvaluation : d));
    await expect(loadDemoCityIfEmpty(db.config, { ...SMALL, log: silent }, defs)).rejects.toThrow('disk full');
    expect(await stateOf(db.config)).toMatchObject({ kind: 'empty', persons: 0 });
  });

  it('leaves an interrupt before loading harmless', async () => {
    const interrupt = new AbortController();
    interrupt.abort();
    await expect(loadDemoCityIfEmpty(db.config, { ...SMALL, log: silent, signal: interrupt.signal })).rejects.toThrow();
    expect(await stateOf(db.config)).toMatchObject({ kind: 'empty' });
  });
});
