import { DatabaseConfig, databaseConfigFromEnv } from '@tongxin/common';
import { pendingSchemaChanges, SUBGRAPHS } from '@tongxin/platform';

/** The versioned migrations build exactly the schema the entities describe, on this TEST_DB. */
describe('migrations', () => {
  const config: DatabaseConfig =
    process.env.TEST_DB === 'mysql'
      ? { ...(databaseConfigFromEnv({ ...process.env, TONGXIN_DB: 'mysql' }) as Extract<DatabaseConfig, { type: 'mysql' }>), databasePrefix: `txm_${process.pid}_` }
      : { type: 'sqlite', directory: ':memory:' };

  it.each(SUBGRAPHS.map((s) => [s.subgraph, s] as const))('of %s match its entities', async (_name, def) => {
    expect(def.migrations[config.type].length).toBeGreaterThan(0);
    const pending = await pendingSchemaChanges(def, config);
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });
});
