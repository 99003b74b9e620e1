import { DatabaseConfig, databaseConfigFromEnv, dropMysqlDatabase, MysqlConfig } from '@tongxin/common';

let sequence = 0;

/**
 * A fresh, empty database set for one test: in-memory SQLite by default, or, with
 * TEST_DB=mysql, MariaDB/MySQL databases under a prefix unique to this process and call
 * (`MYSQL_*` variables as for the platform). `drop()` removes what it made.
 */
export function freshDatabase(): { config: DatabaseConfig; drop(subgraphs: readonly string[]): Promise<void> } {
  if (process.env.TEST_DB !== 'mysql') {
    return { config: { type: 'sqlite', directory: ':memory:' }, drop: async () => undefined };
  }
  const base = databaseConfigFromEnv({ ...process.env, TONGXIN_DB: 'mysql' }) as MysqlConfig;
  const config: MysqlConfig = { ...base, databasePrefix: `txt_${process.pid}_${++sequence}_`, poolSize: 5 };
  return {
    config,
    drop: async (subgraphs) => {
      for (const s of subgraphs) await dropMysqlDatabase(config, `${config.databasePrefix}${s}`);
    },
  };
}
