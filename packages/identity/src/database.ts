import { DatabaseConfig, DataSourceSpec, Logger, openDatabase, OpenedDatabase } from '@tongxin/common';
import { AccountEntity } from './account.entity';
import { OidcModelEntity } from './adapter';
import { mysqlMigrations, sqliteMigrations } from './migrations';

/**
 * The identity provider's own database: `identity.sqlite` beside the subgraphs' files, or the
 * MySQL database `<prefix>identity` (`tongxin_identity`). Its schema changes only through its
 * versioned migrations, as the subgraphs' do.
 */
export const IDENTITY_DATABASE: DataSourceSpec = {
  subgraph: 'identity',
  entities: [AccountEntity, OidcModelEntity],
  migrations: { mysql: mysqlMigrations, sqlite: sqliteMigrations },
};

/** Opens (and, unless `migrate: false`, migrates) the identity's database. */
export function openIdentityDatabase(config: DatabaseConfig, log: Logger, opts: { migrate?: boolean } = {}): Promise<OpenedDatabase> {
  return openDatabase(config, IDENTITY_DATABASE, log, opts);
}
