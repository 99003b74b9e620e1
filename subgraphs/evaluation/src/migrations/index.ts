// Versioned schema changes, one list per dialect, oldest first. Generated with
// `npm run migration:generate -- <Name>`; never edit one that has shipped.
import { Init1795603951972 as MysqlInit1795603951972 } from './mysql/1795603951972-Init';
import { Init1795603951972 as SqliteInit1795603951972 } from './sqlite/1795603951972-Init';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const mysqlMigrations: Function[] = [MysqlInit1795603951972];
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const sqliteMigrations: Function[] = [SqliteInit1795603951972];
