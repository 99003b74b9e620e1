// Versioned schema changes of the identity's database, one list per dialect, oldest first;
// never edit one that has shipped.
import { Accounts1796700000000 as MysqlAccounts1796700000000 } from './mysql/1796700000000-Accounts';
import { Accounts1796700000000 as SqliteAccounts1796700000000 } from './sqlite/1796700000000-Accounts';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's DataSourceOptions types migrations as Function (a class of any shape)
export const mysqlMigrations: Function[] = [MysqlAccounts1796700000000];
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's DataSourceOptions types migrations as Function (a class of any shape)
export const sqliteMigrations: Function[] = [SqliteAccounts1796700000000];
