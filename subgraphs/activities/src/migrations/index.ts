// Versioned schema changes, one list per dialect, oldest first. Generated with
// `npm run migration:generate -- <Name>`; never edit one that has shipped.
import { Init1795604015773 as MysqlInit1795604015773 } from './mysql/1795604015773-Init';
import { Init1795604015773 as SqliteInit1795604015773 } from './sqlite/1795604015773-Init';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const mysqlMigrations: Function[] = [MysqlInit1795604015773];
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const sqliteMigrations: Function[] = [SqliteInit1795604015773];
