import { createLogger, CountingTypeOrmLogger, DatabaseConfig, databaseConfigFromEnv, dataSourceOptions, dropMysqlDatabase, ensureMysqlDatabase, SqlStatementCounter } from '@tongxin/common';
import { DataSource } from 'typeorm';
import { IDENTITY_DATABASE } from '../src';

/** The identity's versioned migrations build exactly the schema its entities describe, on this TEST_DB. */
it('the migrations of the identity database match its entities', async () => {
  const config: DatabaseConfig =
    process.env.TEST_DB === 'mysql'
      ? { ...(databaseConfigFromEnv({ ...process.env, TONGXIN_DB: 'mysql' }) as Extract<DatabaseConfig, { type: 'mysql' }>), databasePrefix: `txim_${process.pid}_` }
      : { type: 'sqlite', directory: ':memory:' };
  expect(IDENTITY_DATABASE.migrations[config.type].length).toBeGreaterThan(0);
  const name = config.type === 'mysql' ? `${config.databasePrefix}identity` : '';
  const server = config.type === 'mysql' ? await ensureMysqlDatabase(config, name) : undefined;
  const ds = new DataSource(dataSourceOptions(config, IDENTITY_DATABASE, new CountingTypeOrmLogger(new SqlStatementCounter(), createLogger('migrations', 'warn')), server));
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
    expect((await ds.driver.createSchemaBuilder().log()).upQueries.map((q) => q.query)).toEqual([]);
  } finally {
    await ds.destroy();
    if (config.type === 'mysql') await dropMysqlDatabase(config, name);
  }
});
