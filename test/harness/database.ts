import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DatabaseConfig, databaseConfigFromEnv, dropMysqlDatabase, MysqlConfig } from '@tongxin/common';

let sequence = 0;

/**
 * A fresh, empty database set for one test: SQLite files in a new temporary directory by
 * default (files, not `:memory:`, so that tests go through the same two connections as the
 * platform: the writer and the read-only reader), or, with TEST_DB=mysql, MariaDB/MySQL
 * databases under a prefix unique to this process and call (`MYSQL_*` variables as for the
 * platform). `drop()` removes what it made.
 */
export function freshDatabase(): { config: DatabaseConfig; drop(subgraphs: readonly string[]): Promise<void> } {
  if (process.env.TEST_DB !== 'mysql') {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'tongxin-test-'));
    return {
      config: { type: 'sqlite', directory },
      drop: async () => fs.rmSync(directory, { recursive: true, force: true }),
    };
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
