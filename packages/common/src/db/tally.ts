/**
 * Counts maintained by the database in the writing transaction (issue 16 §4): a tally table
 * holds, per combination of a few dimensions, the sums of some measures over the rows of a source
 * table, and triggers on the source keep it exact on every path that writes the source (a form,
 * an import's multi-row INSERT, a transfer, a migration's UPDATE) in the same transaction: never
 * stale after a commit, rolled back with it. Statistics then read a few hundred tally rows
 * instead of grouping the whole register.
 *
 * The triggers are written from a declaration (`TallySpec`) for both databases, in a subgraph's
 * migration, on its own tables only. A source row adds its measures to its group; a delete
 * subtracts them; an update that changes a watched column does both (nothing otherwise). Every
 * change is an upsert of signed sums, so a group's row is made on first use and left at zero when
 * its rows go (readers skip zero rows). A source may take its dimensions from one joined row (a
 * participation from its activity): when that row changes a watched column, the sums of its
 * source rows move from the old group to the new. The joined row is never deleted while source
 * rows point to it (a RESTRICT foreign key).
 *
 * `tallyRebuildSql` recomputes a table from its sources (the migration's backfill, and what
 * `tallyDrift` compares the table with in tests).
 *
 * MariaDB: creating triggers needs the TRIGGER privilege (and, with binary logging on and no
 * SUPER, `log_bin_trust_function_creators`); the triggers run as the account that created them
 * (their DEFINER), which must therefore outlive them; README.md "On MySQL" says so.
 *
 * A spec's `watch` must name every source column its dimensions, measures and condition read: an
 * update of an unwatched column is not followed. On SQLite, a later migration that rebuilds a
 * counted table (TypeORM's way of altering a column there) drops its triggers with it: such a
 * migration must create the tally again (`tallyDrift` in the subgraph's tests shows the loss).
 */

export type TallyDialect = 'mysql' | 'sqlite';

/** The rows an expression reads: the counted row (`NEW`, `OLD` or an alias) and its joined row, if the tally joins one. */
export interface TallyRow {
  readonly src: string;
  readonly joined: string;
}

export interface TallyColumn {
  /** The tally table's column. */
  readonly column: string;
  /** Its SQL type, the same on both databases. */
  readonly type: string;
  /** The value from the counted row, as SQL. */
  readonly value: (r: TallyRow, dialect: TallyDialect) => string;
  /** Dimensions only: what a null value is stored as (dimensions make the primary key: NOT NULL). */
  readonly empty?: string | number;
}

export interface TallySpec {
  /** The tally table (several specs may add to one table: they then declare the same columns). */
  readonly table: string;
  /** The table whose rows are counted. */
  readonly source: string;
  /** The source's columns whose change moves a row between groups or changes its measures. */
  readonly watch: readonly string[];
  /** A row the source row points to, whose columns the dimensions read. */
  readonly join?: {
    readonly table: string;
    /** The source's column holding the joined row's id. */
    readonly key: string;
    /** The joined table's primary key. */
    readonly id: string;
    /** The joined table's columns that the dimensions or the condition read. */
    readonly watch: readonly string[];
  };
  readonly dimensions: readonly TallyColumn[];
  readonly measures: readonly TallyColumn[];
  /** Which source rows count (SQL over the rows), if not all. */
  readonly counts?: (r: TallyRow, dialect: TallyDialect) => string;
}

const q = (dialect: TallyDialect, name: string) => (dialect === 'mysql' ? `\`${name}\`` : `"${name}"`);

/** A dimension's stored value: its value, or its empty value for null. */
function stored(c: TallyColumn, r: TallyRow, dialect: TallyDialect): string {
  const v = c.value(r, dialect);
  if (c.empty === undefined) return v;
  const empty = typeof c.empty === 'number' ? String(c.empty) : `'${c.empty.replace(/'/g, "''")}'`;
  return `COALESCE(${v}, ${empty})`;
}

/** A measure's value from the counted row: 0 for null (an unrecorded amount adds nothing). */
function measure(c: TallyColumn, r: TallyRow, dialect: TallyDialect): string {
  return `COALESCE(${c.value(r, dialect)}, 0)`;
}

/** Columns of a table, from the first spec that adds to it; every spec of a table must agree. */
function columnsOf(specs: readonly TallySpec[], table: string): { dimensions: readonly TallyColumn[]; measures: readonly TallyColumn[] } {
  const mine = specs.filter((s) => s.table === table);
  if (mine.length === 0) throw new Error(`No tally spec adds to ${table}`);
  const shape = (s: TallySpec) => JSON.stringify([s.dimensions.map((c) => [c.column, c.type]), s.measures.map((c) => [c.column, c.type])]);
  for (const s of mine) if (shape(s) !== shape(mine[0]!)) throw new Error(`The specs of ${table} declare different columns`);
  return mine[0]!;
}

/** The tally tables of these specs: CREATE TABLE statements, primary key on the dimensions. */
export function tallyTableSql(specs: readonly TallySpec[], dialect: TallyDialect): string[] {
  return [...new Set(specs.map((s) => s.table))].map((table) => {
    const { dimensions, measures } = columnsOf(specs, table);
    const cols = [
      ...dimensions.map((c) => `${q(dialect, c.column)} ${c.type} NOT NULL`),
      ...measures.map((c) => `${q(dialect, c.column)} ${c.type} NOT NULL DEFAULT 0`),
      `PRIMARY KEY (${dimensions.map((c) => q(dialect, c.column)).join(', ')})`,
    ];
    return `CREATE TABLE ${q(dialect, table)} (${cols.join(', ')})${dialect === 'mysql' ? ' ENGINE=InnoDB' : ''}`;
  });
}

/** The upsert that adds rows' signed measures to their groups: `select` gives dimensions then measures, in the table's order. */
function upsert(spec: TallySpec, dialect: TallyDialect, select: string): string {
  const cols = [...spec.dimensions, ...spec.measures].map((c) => q(dialect, c.column)).join(', ');
  // Qualified with the table: a SELECT … FROM the joined table would otherwise resolve a measure's
  // name against that table's columns too (MariaDB/MySQL), and one of the same name would be ambiguous.
  const own = (c: TallyColumn) => `${q(dialect, spec.table)}.${q(dialect, c.column)}`;
  const sums =
    dialect === 'mysql'
      ? spec.measures.map((c) => `${own(c)} = ${own(c)} + VALUES(${q(dialect, c.column)})`).join(', ')
      : spec.measures.map((c) => `${q(dialect, c.column)} = ${q(dialect, c.column)} + excluded.${q(dialect, c.column)}`).join(', ');
  const conflict = dialect === 'mysql' ? `ON DUPLICATE KEY UPDATE ${sums}` : `ON CONFLICT (${spec.dimensions.map((c) => q(dialect, c.column)).join(', ')}) DO UPDATE SET ${sums}`;
  return `INSERT INTO ${q(dialect, spec.table)} (${cols}) ${select} ${conflict}`;
}

/** A SELECT of one source row's group and signed measures (`row` is NEW or OLD); `extra` limits it further. */
function oneRow(spec: TallySpec, dialect: TallyDialect, row: string, sign: 1 | -1, extra: string | null): string {
  const r: TallyRow = { src: row, joined: 'j' };
  const values = [...spec.dimensions.map((c) => stored(c, r, dialect)), ...spec.measures.map((c) => (sign === 1 ? measure(c, r, dialect) : `-${measure(c, r, dialect)}`))];
  const where = [spec.counts?.(r, dialect), extra].filter(Boolean).map((w) => `(${w})`);
  const from = spec.join ? ` FROM ${q(dialect, spec.join.table)} j` : dialect === 'mysql' ? ' FROM DUAL' : '';
  if (spec.join) where.unshift(`j.${q(dialect, spec.join.id)} = ${row}.${q(dialect, spec.join.key)}`);
  // SQLite needs a WHERE before ON CONFLICT in INSERT … SELECT (its parser would take ON for a join).
  return `SELECT ${values.join(', ')}${from} WHERE ${where.length ? where.join(' AND ') : '1 = 1'}`;
}

/** The source rows of one joined row (`row`: the joined table's NEW or OLD), grouped, with signed sums. */
function joinedRows(spec: TallySpec, dialect: TallyDialect, row: string, sign: 1 | -1, extra: string): string {
  const join = spec.join!;
  const r: TallyRow = { src: 's', joined: row };
  const dims = spec.dimensions.map((c) => stored(c, r, dialect));
  const sums = spec.measures.map((c) => (sign === 1 ? `SUM(${measure(c, r, dialect)})` : `-SUM(${measure(c, r, dialect)})`));
  const where = [`s.${q(dialect, join.key)} = ${row}.${q(dialect, join.id)}`, spec.counts?.(r, dialect), extra].filter(Boolean).map((w) => `(${w})`);
  return `SELECT ${[...dims, ...sums].join(', ')} FROM ${q(dialect, spec.source)} s WHERE ${where.join(' AND ')} GROUP BY ${dims.join(', ')}`;
}

/** True when one of these columns differs between OLD and NEW (null-safe). */
function changed(dialect: TallyDialect, columns: readonly string[]): string {
  return columns.map((c) => (dialect === 'mysql' ? `NOT (OLD.${q(dialect, c)} <=> NEW.${q(dialect, c)})` : `OLD.${q(dialect, c)} IS NOT NEW.${q(dialect, c)}`)).join(' OR ');
}

const triggerName = (table: string, event: 'insert' | 'update' | 'delete') => `trg_${table}_tally_${event}`;

/**
 * The triggers that keep these specs' tables exact: per table written (a source or a joined
 * table), one AFTER INSERT, UPDATE and DELETE trigger holding every spec's statements.
 */
export function tallyTriggerSql(specs: readonly TallySpec[], dialect: TallyDialect): string[] {
  const statements = new Map<string, { insert: string[]; update: string[]; delete: string[] }>();
  const of = (table: string) => {
    let s = statements.get(table);
    if (!s) statements.set(table, (s = { insert: [], update: [], delete: [] }));
    return s;
  };
  for (const spec of specs) {
    const src = of(spec.source);
    src.insert.push(upsert(spec, dialect, oneRow(spec, dialect, 'NEW', 1, null)));
    src.delete.push(upsert(spec, dialect, oneRow(spec, dialect, 'OLD', -1, null)));
    const moved = changed(dialect, spec.watch);
    src.update.push(upsert(spec, dialect, oneRow(spec, dialect, 'OLD', -1, moved)));
    src.update.push(upsert(spec, dialect, oneRow(spec, dialect, 'NEW', 1, moved)));
    if (spec.join) {
      const joined = of(spec.join.table);
      const movedJoined = changed(dialect, spec.join.watch);
      joined.update.push(upsert(spec, dialect, joinedRows(spec, dialect, 'OLD', -1, movedJoined)));
      joined.update.push(upsert(spec, dialect, joinedRows(spec, dialect, 'NEW', 1, movedJoined)));
    }
  }
  const out: string[] = [];
  for (const [table, events] of statements) {
    for (const event of ['insert', 'update', 'delete'] as const) {
      const body = events[event];
      if (body.length === 0) continue;
      out.push(`CREATE TRIGGER ${q(dialect, triggerName(table, event))} AFTER ${event.toUpperCase()} ON ${q(dialect, table)} FOR EACH ROW BEGIN ${body.map((s) => `${s};`).join(' ')} END`);
    }
  }
  return out;
}

/** Drops what `tallyTableSql` and `tallyTriggerSql` made (a migration's down). */
export function tallyDropSql(specs: readonly TallySpec[], dialect: TallyDialect): string[] {
  const written = new Set(specs.flatMap((s) => [s.source, ...(s.join ? [s.join.table] : [])]));
  const triggers = [...written].flatMap((t) => (['insert', 'update', 'delete'] as const).map((e) => `DROP TRIGGER IF EXISTS ${q(dialect, triggerName(t, e))}`));
  return [...triggers, ...[...new Set(specs.map((s) => s.table))].map((t) => `DROP TABLE IF EXISTS ${q(dialect, t)}`)];
}

/** The SELECT of a spec's groups from its source as they are now: dimensions, then summed measures, named as the table's columns. */
function fromSource(spec: TallySpec, dialect: TallyDialect): string {
  const r: TallyRow = { src: 's', joined: 'j' };
  const dims = spec.dimensions.map((c) => stored(c, r, dialect));
  const sums = spec.measures.map((c) => `SUM(${measure(c, r, dialect)})`);
  const named = [...dims, ...sums].map((e, i) => `${e} AS ${q(dialect, [...spec.dimensions, ...spec.measures][i]!.column)}`);
  const join = spec.join ? ` JOIN ${q(dialect, spec.join.table)} j ON j.${q(dialect, spec.join.id)} = s.${q(dialect, spec.join.key)}` : '';
  const counts = spec.counts?.(r, dialect);
  return `SELECT ${named.join(', ')} FROM ${q(dialect, spec.source)} s${join} WHERE ${counts ? `(${counts})` : '1 = 1'} GROUP BY ${dims.join(', ')}`;
}

/** Recomputes the specs' tables from their sources: a migration's backfill (run after the triggers exist, in one transaction). */
export function tallyRebuildSql(specs: readonly TallySpec[], dialect: TallyDialect): string[] {
  const tables = [...new Set(specs.map((s) => s.table))];
  return [...tables.map((t) => `DELETE FROM ${q(dialect, t)}`), ...specs.map((s) => upsert(s, dialect, fromSource(s, dialect)))];
}

/** Runs statements (a TypeORM QueryRunner, a DataSource or an EntityManager: anything with `query`). */
export interface SqlRunner {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * Creates the tables and triggers of these specs and fills the tables from their sources: a
 * migration's up. It drops what a failed earlier attempt may have left first (MariaDB commits each
 * CREATE on its own, so a refused CREATE TRIGGER leaves the table behind). Triggers are named by
 * the table written and the event: every spec that counts a table's rows goes in one call.
 */
export async function createTallies(runner: SqlRunner, specs: readonly TallySpec[], dialect: TallyDialect): Promise<void> {
  for (const sql of [...tallyDropSql(specs, dialect), ...tallyTableSql(specs, dialect), ...tallyTriggerSql(specs, dialect), ...tallyRebuildSql(specs, dialect)]) await runner.query(sql);
}

/** Drops the tables and triggers of these specs: a migration's down. */
export async function dropTallies(runner: SqlRunner, specs: readonly TallySpec[], dialect: TallyDialect): Promise<void> {
  for (const sql of tallyDropSql(specs, dialect)) await runner.query(sql);
}

/**
 * Where a tally table differs from its sources now: one line per group whose stored sums are not
 * what the sources give (zero rows count as absent). Empty when exact: what tests assert after
 * every kind of write.
 */
export async function tallyDrift(runner: SqlRunner, specs: readonly TallySpec[], table: string, dialect: TallyDialect): Promise<string[]> {
  const mine = specs.filter((s) => s.table === table);
  const { dimensions, measures } = columnsOf(specs, table);
  const key = (row: Record<string, unknown>) => dimensions.map((c) => String(row[c.column])).join('|');
  const sums = (row: Record<string, unknown>) => measures.map((c) => Number(row[c.column] ?? 0));
  const expected = new Map<string, number[]>();
  for (const spec of mine) {
    for (const row of (await runner.query(fromSource(spec, dialect))) as Record<string, unknown>[]) {
      const k = key(row);
      const prev = expected.get(k) ?? measures.map(() => 0);
      expected.set(
        k,
        sums(row).map((v, i) => v + prev[i]!),
      );
    }
  }
  const stored = (await runner.query(`SELECT * FROM ${q(dialect, table)}`)) as Record<string, unknown>[];
  const actual = new Map(stored.map((r) => [key(r), sums(r)]));
  const round = (v: number) => Math.round(v * 1000) / 1000;
  const zero = (v: number[] | undefined) => !v || v.every((x) => round(x) === 0);
  const drift: string[] = [];
  for (const k of new Set([...expected.keys(), ...actual.keys()])) {
    const e = expected.get(k);
    const a = actual.get(k);
    if (zero(e) && zero(a)) continue;
    if (!e || !a || e.some((v, i) => round(v) !== round(a[i]!))) drift.push(`${table} ${k}: stored ${JSON.stringify(a ?? null)}, sources give ${JSON.stringify(e ?? null)}`);
  }
  return drift.sort();
}
