/**
 * `npm run migrate [-- --grant]`: the deployment step that brings every subgraph's database up
 * to the code's migrations (creating the database when missing), with the database account of
 * MYSQL_USER/MYSQL_PASSWORD (or the SQLite files under TONGXIN_DATA_DIR). With `--grant` (MySQL),
 * it then creates each subgraph's least-privileged runtime account and grants it its tables
 * (`grantRuntimeUsers`; passwords from TONGXIN_<SUBGRAPH>_DB_PASSWORD). Services started with
 * TONGXIN_MIGRATE=false then run as those accounts and only check that nothing is pending.
 */
import { createLogger, databaseConfigFromEnv, openDatabase } from '@tongxin/common';
import { grantRuntimeUsers, runtimeUsersFromEnv } from './db-users';
import { SUBGRAPHS } from './subgraphs';

async function main(): Promise<void> {
  const config = databaseConfigFromEnv(process.env);
  const grant = process.argv.includes('--grant');
  if (grant && config.type !== 'mysql') throw new Error('--grant is for MySQL (TONGXIN_DB=mysql): SQLite files have no accounts');
  // Checked before anything changes: a missing password stops the step at once.
  const users = grant ? runtimeUsersFromEnv(process.env) : [];
  const log = createLogger('migrate');
  for (const def of SUBGRAPHS) {
    const db = await openDatabase(config, def, log, { migrate: true });
    await db.close();
    console.log(`${def.subgraph}: migrated`);
  }
  if (grant && config.type === 'mysql') {
    for (const g of await grantRuntimeUsers(config, users)) console.log(`${g.subgraph}: ${g.user} may read and change its ${g.tables} tables (the audit log: read and append only)`);
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
