// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const mysqlMigrations: Function[] = [];
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const sqliteMigrations: Function[] = [];
