// Versioned schema changes, one list per dialect, oldest first. Generated with
// `npm run migration:generate -- <Name>`; never edit one that has shipped.
import { Init1795603574777 as MysqlInit1795603574777 } from './mysql/1795603574777-Init';
import { Check1795603674942 as MysqlCheck1795603674942 } from './mysql/1795603674942-Check';
import { Init1795603574777 as SqliteInit1795603574777 } from './sqlite/1795603574777-Init';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const mysqlMigrations: Function[] = [MysqlInit1795603574777, MysqlCheck1795603674942];
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const sqliteMigrations: Function[] = [SqliteInit1795603574777];
