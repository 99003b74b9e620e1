// Versioned schema changes of the identity's database, one list per dialect, oldest first;
// never edit one that has shipped.
import { Identity1796700000000 as MysqlIdentity1796700000000 } from './mysql/1796700000000-Identity';
import { Identity1796700000000 as SqliteIdentity1796700000000 } from './sqlite/1796700000000-Identity';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's DataSourceOptions types migrations as Function (a class of any shape)
export const mysqlMigrations: Function[] = [MysqlIdentity1796700000000];
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's DataSourceOptions types migrations as Function (a class of any shape)
export const sqliteMigrations: Function[] = [SqliteIdentity1796700000000];
