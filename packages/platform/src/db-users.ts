import { ConfigError, databaseName, MysqlConfig, AnySubgraphDefinition } from '@tongxin/common';
import { SUBGRAPHS } from './subgraphs';

/**
 * Least-privileged MySQL accounts for the subgraphs (docs/SECURITY.md, "Database accounts"): each
 * subgraph runs as a user of its own that may read and change the rows of its own database's
 * tables and nothing else: no other database, no schema change, and on its audit log only INSERT
 * and SELECT, so that no code path (or attacker holding the subgraph's password) can rewrite or
 * erase the log. Schema changes are the deployment step's (`npm run migrate`), run with an
 * administrator's account, which then grants these users their rights on the tables that exist.
 */

/** The table every subgraph appends its audit log to: INSERT and SELECT only. */
export const AUDIT_TABLE = 'audit_event';

export interface RuntimeUser {
  readonly subgraph: string;
  readonly user: string;
  readonly password: string;
  /** The host part of the account (`%`: from anywhere on the database's network). */
  readonly host: string;
}

/**
 * The runtime account of each subgraph from the environment: `TONGXIN_<SUBGRAPH>_DB_USER`
 * (default `tongxin_<subgraph>`) and `TONGXIN_<SUBGRAPH>_DB_PASSWORD` (required, 16 characters or
 * more), from `TONGXIN_DB_USER_HOST` (default `%`).
 */
export function runtimeUsersFromEnv(env: Readonly<Record<string, string | undefined>>, defs: readonly AnySubgraphDefinition[] = SUBGRAPHS): RuntimeUser[] {
  const host = env.TONGXIN_DB_USER_HOST || '%';
  if (!/^[A-Za-z0-9_.%:-]{1,255}$/.test(host)) throw new ConfigError(`TONGXIN_DB_USER_HOST=${host} is not a host name, address or pattern`);
  return defs.map((def) => {
    const prefix = `TONGXIN_${def.subgraph.toUpperCase()}_DB`;
    const user = env[`${prefix}_USER`] || `tongxin_${def.subgraph}`;
    const password = env[`${prefix}_PASSWORD`] ?? '';
    if (!/^[A-Za-z0-9_]{1,32}$/.test(user)) throw new ConfigError(`${prefix}_USER=${user} must be 1 to 32 letters, digits or _`);
    if (password.length < 16) throw new ConfigError(`${prefix}_PASSWORD must be set to a password of 16 characters or more (the ${def.subgraph} subgraph's database account)`);
    return { subgraph: def.subgraph, user, password, host };
  });
}

/**
 * What one grant statement gives: the privileges on one table. A tally (`*_tally`, counts kept by
 * triggers: packages/common/src/db/tally.ts) is only read: its triggers write it with the rights of
 * the account that migrated (their definer), so the runtime account cannot make a count wrong.
 */
export function privilegesOn(table: string): readonly string[] {
  if (table === AUDIT_TABLE) return ['SELECT', 'INSERT'];
  if (table.endsWith('_tally')) return ['SELECT'];
  return ['SELECT', 'INSERT', 'UPDATE', 'DELETE'];
}

/**
 * Creates (or re-passwords) each subgraph's runtime account and grants it `privilegesOn` every
 * table of its own database as the migrations left it; run after migrating, as an account that
 * may create users and grant. Privileges granted before and no longer wanted are not revoked.
 */
export async function grantRuntimeUsers(config: MysqlConfig, users: readonly RuntimeUser[]): Promise<{ subgraph: string; user: string; tables: number }[]> {
  const mysql = await import('mysql2/promise');
  const conn = await mysql.createConnection({ host: config.host, port: config.port, user: config.user, password: config.password });
  const done: { subgraph: string; user: string; tables: number }[] = [];
  try {
    for (const u of users) {
      const database = databaseName(config, u.subgraph);
      await conn.query('CREATE USER IF NOT EXISTS ?@? IDENTIFIED BY ?', [u.user, u.host, u.password]);
      await conn.query('ALTER USER ?@? IDENTIFIED BY ?', [u.user, u.host, u.password]);
      const [rows] = await conn.query("SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME", [database]);
      const tables = (rows as { name: string }[]).map((r) => r.name);
      if (tables.length === 0) throw new ConfigError(`${database} has no tables: migrate it first`);
      for (const table of tables) {
        if (!/^[A-Za-z0-9_]{1,64}$/.test(table)) throw new Error(`Unexpected table name ${table} in ${database}`);
        await conn.query(`GRANT ${privilegesOn(table).join(', ')} ON \`${database}\`.\`${table}\` TO ?@?`, [u.user, u.host]);
      }
      done.push({ subgraph: u.subgraph, user: u.user, tables: tables.length });
    }
  } finally {
    await conn.end();
  }
  return done;
}
