import { createLogger, createTallies, DatabaseConfig, dropTallies, openDatabase, OpenedDatabase, tallyDrift, TallySpec } from '@tongxin/common';
import { freshDatabase } from './harness/database';

/**
 * The maintained counts' triggers (packages/common/src/db/tally.ts) on both databases: a
 * register-like source with a nullable dimension and a condition, and a participation-like
 * source that takes its group from a joined row. Every kind of write keeps the tally equal to a
 * GROUP BY of its sources; a rolled-back write leaves it as it was.
 */

const specs: TallySpec[] = [
  {
    table: 'thing_tally',
    source: 'thing',
    watch: ['status', 'district', 'street'],
    dimensions: [
      { column: 'district', type: 'varchar(6)', value: (r) => `${r.src}.district` },
      { column: 'street', type: 'varchar(9)', value: (r) => `${r.src}.street`, empty: '' },
    ],
    measures: [{ column: 'n', type: 'int', value: () => '1' }],
    counts: (r) => `${r.src}.status = 'ACTIVE'`,
  },
  {
    table: 'event_tally',
    source: 'event',
    watch: ['kind', 'month'],
    dimensions: [
      { column: 'kind', type: 'varchar(12)', value: (r) => `${r.src}.kind` },
      { column: 'month', type: 'varchar(7)', value: (r) => `${r.src}.month` },
    ],
    measures: [
      { column: 'events', type: 'int', value: () => '1' },
      { column: 'joins', type: 'int', value: () => '0' },
      { column: 'hours', type: 'decimal(14,1)', value: () => '0' },
    ],
  },
  {
    table: 'event_tally',
    source: 'joining',
    watch: ['event_id', 'hours', 'attended'],
    join: { table: 'event', key: 'event_id', id: 'id', watch: ['kind', 'month'] },
    dimensions: [
      { column: 'kind', type: 'varchar(12)', value: (r) => `${r.joined}.kind` },
      { column: 'month', type: 'varchar(7)', value: (r) => `${r.joined}.month` },
    ],
    measures: [
      { column: 'events', type: 'int', value: () => '0' },
      { column: 'joins', type: 'int', value: () => '1' },
      { column: 'hours', type: 'decimal(14,1)', value: (r) => `CASE WHEN ${r.src}.attended = 1 THEN ${r.src}.hours ELSE 0 END` },
    ],
  },
];

const MEASURES = new Set(['n', 'events', 'joins', 'hours']);

describe('tallies kept by triggers', () => {
  let config: DatabaseConfig;
  let drop: (s: readonly string[]) => Promise<void>;
  let db: OpenedDatabase;
  let dialect: 'mysql' | 'sqlite';
  const sql = (text: string, params: unknown[] = []) => db.dataSource.query(text, params);
  const drift = async () => [...(await tallyDrift(db.dataSource, specs, 'thing_tally', dialect)), ...(await tallyDrift(db.dataSource, specs, 'event_tally', dialect))];
  const tally = async (table: string) =>
    ((await sql(`SELECT * FROM ${table}`)) as Record<string, unknown>[])
      .map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, MEASURES.has(k) ? Number(v) : v])))
      .filter((r) => Object.values(r).some((v) => typeof v === 'number' && v !== 0))
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

  beforeAll(async () => {
    ({ config, drop } = freshDatabase());
    dialect = config.type === 'mysql' ? 'mysql' : 'sqlite';
    db = await openDatabase(config, { subgraph: 'tally', entities: [], migrations: { mysql: [], sqlite: [] } }, createLogger('test', 'silent'));
    await sql('CREATE TABLE thing (id varchar(36) PRIMARY KEY, status varchar(12) NOT NULL, district varchar(6) NOT NULL, street varchar(9) NULL, name varchar(20) NULL)');
    // The joined table has a column of a measure's name (hours): the upsert must not take it for the tally's.
    await sql('CREATE TABLE event (id varchar(36) PRIMARY KEY, kind varchar(12) NOT NULL, month varchar(7) NOT NULL, title varchar(20) NULL, hours int NULL)');
    await sql('CREATE TABLE joining (id varchar(36) PRIMARY KEY, event_id varchar(36) NOT NULL, attended int NOT NULL, hours decimal(5,1) NULL)');
    // Rows before the tallies: the migration's backfill counts them.
    await sql("INSERT INTO thing VALUES ('t0', 'ACTIVE', '330302', NULL, 'a'), ('t00', 'ARCHIVED', '330302', NULL, 'b')");
    await sql("INSERT INTO event VALUES ('e0', 'MEETING', '2026-01', 'x', 7)");
    await sql("INSERT INTO joining VALUES ('j0', 'e0', 1, 2.5)");
    await createTallies(db.dataSource, specs, dialect);
  });

  afterAll(async () => {
    await db?.close();
    await drop(['tally']);
  });

  it('fills the tables from what is there when made (the backfill)', async () => {
    expect(await tally('thing_tally')).toEqual([{ district: '330302', street: '', n: 1 }]);
    expect(await tally('event_tally')).toEqual([{ kind: 'MEETING', month: '2026-01', events: 1, joins: 1, hours: 2.5 }]);
    expect(await drift()).toEqual([]);
  });

  it('follows inserts of one and of many rows, counting only the rows that count', async () => {
    await sql("INSERT INTO thing VALUES ('t1', 'ACTIVE', '330302', '330302001', NULL), ('t2', 'ACTIVE', '330303', NULL, NULL), ('t3', 'ARCHIVED', '330303', NULL, NULL)");
    await sql("INSERT INTO thing VALUES ('t4', 'ACTIVE', '330302', '330302001', NULL)");
    expect(await tally('thing_tally')).toEqual([
      { district: '330302', street: '', n: 1 },
      { district: '330302', street: '330302001', n: 2 },
      { district: '330303', street: '', n: 1 },
    ]);
    expect(await drift()).toEqual([]);
  });

  it('moves a row whose group or condition changes, and ignores other changes', async () => {
    await sql("UPDATE thing SET street = NULL WHERE id = 't4'");
    await sql("UPDATE thing SET status = 'ACTIVE' WHERE id = 't3'");
    await sql("UPDATE thing SET status = 'ARCHIVED' WHERE id = 't0'");
    await sql("UPDATE thing SET name = 'renamed'");
    expect(await tally('thing_tally')).toEqual([
      { district: '330302', street: '', n: 1 },
      { district: '330302', street: '330302001', n: 1 },
      { district: '330303', street: '', n: 2 },
    ]);
    expect(await drift()).toEqual([]);
  });

  it('follows deletes', async () => {
    await sql("DELETE FROM thing WHERE district = '330303'");
    expect(await tally('thing_tally')).toEqual([
      { district: '330302', street: '', n: 1 },
      { district: '330302', street: '330302001', n: 1 },
    ]);
    expect(await drift()).toEqual([]);
  });

  it('takes a joined row’s group, and moves the sums of its rows when that row changes group', async () => {
    await sql("INSERT INTO event VALUES ('e1', 'TRAINING', '2026-02', NULL, NULL)");
    await sql("INSERT INTO joining VALUES ('j1', 'e1', 1, 3), ('j2', 'e1', 0, 4), ('j3', 'e1', 1, NULL)");
    expect(await tally('event_tally')).toEqual([
      { kind: 'MEETING', month: '2026-01', events: 1, joins: 1, hours: 2.5 },
      { kind: 'TRAINING', month: '2026-02', events: 1, joins: 3, hours: 3 },
    ]);
    await sql("UPDATE event SET month = '2026-01', kind = 'MEETING' WHERE id = 'e1'");
    await sql("UPDATE event SET title = 'only the title'");
    await sql("UPDATE joining SET attended = 1 WHERE id = 'j2'");
    await sql("UPDATE joining SET event_id = 'e0' WHERE id = 'j3'");
    expect(await tally('event_tally')).toEqual([{ kind: 'MEETING', month: '2026-01', events: 2, joins: 4, hours: 9.5 }]);
    await sql("DELETE FROM joining WHERE id = 'j1'");
    expect(await tally('event_tally')).toEqual([{ kind: 'MEETING', month: '2026-01', events: 2, joins: 3, hours: 6.5 }]);
    expect(await drift()).toEqual([]);
  });

  it('rolls back with the transaction that wrote the source', async () => {
    const before = await tally('thing_tally');
    await expect(
      db.dataSource.transaction(async (m) => {
        await m.query("INSERT INTO thing VALUES ('t9', 'ACTIVE', '330304', NULL, NULL)");
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await tally('thing_tally')).toEqual(before);
  });

  it('tells where a table drifted from its sources', async () => {
    await sql("UPDATE thing_tally SET n = n + 2 WHERE street = '330302001'");
    expect(await drift()).toEqual(['thing_tally 330302|330302001: stored [3], sources give [1]']);
    await sql("UPDATE thing_tally SET n = n - 2 WHERE street = '330302001'");
  });

  it('drops what it made', async () => {
    await dropTallies(db.dataSource, specs, dialect);
    await sql("INSERT INTO thing VALUES ('t10', 'ACTIVE', '330302', NULL, NULL)");
    await expect(sql('SELECT * FROM thing_tally')).rejects.toThrow();
  });
});
