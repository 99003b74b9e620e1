/**
 * The SQL the subgraphs actually send for one request, and MariaDB's EXPLAIN of each SELECT: no
 * application change needed. The server's general log is switched on (to the `mysql.general_log`
 * table) around the one request, with nothing else of the bench running; the statements of the
 * dataset's connections are read back (TypeORM sends them with their parameters inlined), the
 * previous settings restored (also on an error), and each SELECT is explained in the database of
 * the connection that sent it. A statement is flagged when it scans a big table whole
 * (`type = ALL`) or sorts many rows outside an index (`Using filesort`).
 */
import { MysqlPool } from './mysql';

/** Tables (or accesses) of more rows than this are big: a full scan or filesort over them is flagged. */
export const BIG_TABLE_ROWS = 5000;

/** The columns of one row of EXPLAIN that tell how a table is read. */
export interface ExplainRow {
  table: string | null;
  type: string | null;
  key: string | null;
  keyLen: string | null;
  rows: number | null;
  extra: string | null;
}

export interface ExplainedStatement {
  /** The subgraph whose database holds the statement's tables. */
  subgraph: string;
  /** The statement, whitespace collapsed, cut to STATEMENT_CHARS. */
  statement: string;
  explain: ExplainRow[];
  /** Why it is flagged (empty: not flagged). */
  flags: string[];
  /** Remarks that are not flagged (a whole index read, e.g. the matrix's index-only scan). */
  notes: string[];
}

export interface ExplainRecord {
  statements: ExplainedStatement[];
  /** Statements with at least one flag. */
  flagged: number;
}

const STATEMENT_CHARS = 400;

/**
 * The statement as recorded: whitespace collapsed, a long list of selected columns as `…`, long
 * IN lists as their first values and their count, the rest cut at `max` characters.
 */
export function shorten(sql: string, max = STATEMENT_CHARS): string {
  let flat = sql.replace(/\s+/g, ' ').trim();
  // The columns TypeORM selects (`p`.`id` AS `p_id`, …) say nothing about the plan.
  flat = flat.replace(/^SELECT (.{80,}?) FROM /i, (_whole, columns: string) => (/\bFROM\b/i.test(columns) ? _whole : `SELECT … FROM `));
  // IN lists of hundreds of ids say nothing after the first few.
  flat = flat.replace(/IN \((('[^']*'|\d+), ?){3,}('[^']*'|\d+)\)/g, (list) => {
    const items = list.slice(4, -1).split(/, ?/);
    return `IN (${items.slice(0, 2).join(', ')}, … ${items.length} values)`;
  });
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** A statement worth explaining: a SELECT (or WITH) reading a table, not `SELECT 1` or `SELECT VERSION()`. */
export function isExplainable(sql: string): boolean {
  return /^\s*\(?\s*(SELECT|WITH)\b/i.test(sql) && /\bFROM\b/i.test(sql);
}

/**
 * Flags and notes of one statement's EXPLAIN rows (see BIG_TABLE_ROWS). Flagged: a whole table
 * read (`type = ALL`, or `type = index` without `Using index`: the rows read in the order of an
 * index, for InnoDB's PRIMARY the table itself) or a filesort, over more than `big` rows. Noted
 * only: a whole index read without the table (`type = index`, `Using index`).
 */
export function judgeExplain(rows: readonly ExplainRow[], big = BIG_TABLE_ROWS): { flags: string[]; notes: string[] } {
  const flags: string[] = [];
  const notes: string[] = [];
  for (const r of rows) {
    const n = r.rows ?? 0;
    const table = r.table ?? '?';
    const indexOnly = /Using index(;|$)/.test(r.extra ?? '');
    if (n <= big) continue;
    if (r.type === 'ALL') flags.push(`full scan of ${table} (~${n} rows)`);
    else if (r.type === 'index' && !indexOnly) flags.push(`full scan of ${table} in the order of ${r.key ?? 'an index'} (~${n} rows)`);
    else if (r.type === 'index') notes.push(`whole index ${r.key ?? ''} of ${table} read, without the table (~${n} rows)`);
    if (/Using filesort/i.test(r.extra ?? '')) flags.push(`filesort over ~${n} rows of ${table}`);
  }
  return { flags, notes };
}

interface LogRow {
  thread_id: number;
  command_type: string;
  argument: Buffer | string;
}

const text = (v: Buffer | string | null | undefined) => (v === null || v === undefined ? '' : Buffer.isBuffer(v) ? v.toString('utf8') : String(v));

/** The advisory lock that keeps two bench processes from switching the server's general log at once. */
const LOG_LOCK = 'tongxin_bench_general_log';

/**
 * Runs `work` (one request) with the server's general log on, and returns the SELECTs the
 * connections to `databases` sent meanwhile, each with the database it was sent in. Nothing else
 * may run on these databases meanwhile. The log's previous settings are restored, also when
 * `work` throws; rows this capture added to an empty log table are removed again. Captures of
 * several bench processes take turns (an advisory lock), so that none restores the settings
 * another one made.
 */
export async function captureStatements(pool: MysqlPool, databases: readonly string[], work: () => Promise<unknown>): Promise<Array<{ database: string | null; sql: string }>> {
  return pool.withConnection(async (query) => {
    const [{ locked }] = (await query<{ locked: number | null }>('SELECT GET_LOCK(?, 120) AS locked', [LOG_LOCK])) as [{ locked: number | null }];
    if (Number(locked) !== 1) throw new Error('another bench process kept the general log for 120 s');
    try {
      return await captureLocked(query, databases, work);
    } finally {
      await query('SELECT RELEASE_LOCK(?)', [LOG_LOCK]);
    }
  });
}

async function captureLocked(
  query: <R>(sql: string, params?: readonly unknown[]) => Promise<R[]>,
  databases: readonly string[],
  work: () => Promise<unknown>,
): Promise<Array<{ database: string | null; sql: string }>> {
  const [settings] = await query<{ general_log: number | string; log_output: string }>('SELECT @@GLOBAL.general_log AS general_log, @@GLOBAL.log_output AS log_output');
  const [{ n: before }] = (await query<{ n: number }>('SELECT COUNT(*) AS n FROM mysql.general_log')) as [{ n: number }];
  const threads = new Map<number, string>();
  const readThreads = async () => {
    for (const p of await query<{ id: number; db: string | null }>(`SELECT ID AS id, DB AS db FROM information_schema.PROCESSLIST WHERE DB IN (${databases.map(() => '?').join(', ')})`, databases)) {
      if (p.db) threads.set(Number(p.id), p.db);
    }
  };
  await readThreads();
  const [{ t: since }] = (await query<{ t: string }>("SELECT DATE_FORMAT(NOW(6), '%Y-%m-%d %H:%i:%s.%f') AS t")) as [{ t: string }];
  let logged: LogRow[];
  try {
    try {
      await query("SET GLOBAL log_output = 'TABLE'");
      await query('SET GLOBAL general_log = ON');
      await work();
    } finally {
      await query('SET GLOBAL general_log = ?', [Number(settings!.general_log) ? 'ON' : 'OFF']);
      await query('SET GLOBAL log_output = ?', [settings!.log_output]);
    }
    await readThreads();
    logged = await query<LogRow>("SELECT thread_id, command_type, argument FROM mysql.general_log WHERE event_time >= ? AND command_type IN ('Query', 'Connect', 'Init DB') ORDER BY event_time", [
      since,
    ]);
  } finally {
    // Leave the log table as it was found: empty, when it was.
    if (Number(before) === 0) await query('TRUNCATE TABLE mysql.general_log');
  }
  // Connections opened during the request name their database when they connect.
  for (const row of logged) {
    if (row.command_type === 'Connect') {
      const db = /\bon (\S+)/.exec(text(row.argument))?.[1];
      if (db && databases.includes(db)) threads.set(Number(row.thread_id), db);
    } else if (row.command_type === 'Init DB' && databases.includes(text(row.argument))) threads.set(Number(row.thread_id), text(row.argument));
  }
  return logged
    .filter((r) => r.command_type === 'Query' && threads.has(Number(r.thread_id)) && isExplainable(text(r.argument)))
    .map((r) => ({ database: threads.get(Number(r.thread_id)) ?? null, sql: text(r.argument) }));
}

/** EXPLAIN of `sql` in `database` (or, when unknown, in the first of `databases` that has its tables). */
export async function explainIn(pool: MysqlPool, databases: readonly string[], database: string | null, sql: string): Promise<{ database: string; rows: ExplainRow[] }> {
  let lastError: unknown;
  for (const db of database ? [database] : databases) {
    try {
      const rows = await pool.withConnection(async (query) => {
        await query(`USE \`${db.replace(/`/g, '')}\``);
        return query<Record<string, unknown>>(`EXPLAIN ${sql}`);
      });
      return {
        database: db,
        rows: rows.map((r) => ({
          table: (r.table as string | null) ?? null,
          type: (r.type as string | null) ?? null,
          key: (r.key as string | null) ?? null,
          keyLen: r.key_len === null || r.key_len === undefined ? null : String(r.key_len),
          rows: r.rows === null || r.rows === undefined ? null : Number(r.rows),
          extra: (r.Extra as string | null) ?? null,
        })),
      };
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}

/**
 * Captures and explains the statements of single requests. Two pools: the log is read on
 * connections that never choose a database (so they are never taken for a subgraph's), the
 * EXPLAINs run on another that does (`USE`).
 */
export class Explainer {
  private readonly logPool: MysqlPool;
  private readonly explainPool: MysqlPool;

  constructor(mysql: { host: string; port: number; user: string; password: string }) {
    this.logPool = new MysqlPool({ ...mysql, connections: 1 });
    this.explainPool = new MysqlPool({ ...mysql, connections: 1 });
  }

  /** The statements of one request (`work`) against the dataset `prefix`, each explained and judged. */
  async request(prefix: string, subgraphs: readonly string[], work: () => Promise<unknown>): Promise<ExplainRecord> {
    const databases = subgraphs.map((s) => `${prefix}${s}`);
    const captured = await captureStatements(this.logPool, databases, work);
    const statements: ExplainedStatement[] = [];
    for (const { database, sql } of captured) {
      const { database: db, rows } = await explainIn(this.explainPool, databases, database, sql);
      statements.push({ subgraph: db.slice(prefix.length), statement: shorten(sql), explain: rows, ...judgeExplain(rows) });
    }
    return { statements, flagged: statements.filter((s) => s.flags.length > 0).length };
  }

  async end(): Promise<void> {
    await Promise.all([this.logPool.end(), this.explainPool.end()]);
  }
}
