import { createLogger, DEADLOCK_ATTEMPTS, openDatabase, OpenedDatabase, systemContext, TransactionalConnection } from '@tongxin/common';
import { freshDatabase } from './harness/database';

/**
 * A transaction that InnoDB rolls back as a deadlock's victim is run again (TransactionalConnection,
 * DEADLOCK_ATTEMPTS): two transactions that lock two rows in opposite orders both commit, the
 * victim's work running twice. Any other error is not retried. MariaDB only: SQLite has one writer.
 */
const onMysql = process.env.TEST_DB === 'mysql';

(onMysql ? describe : describe.skip)('transactions that meet in a deadlock', () => {
  let db: OpenedDatabase;
  let conn: TransactionalConnection;
  let drop: (s: readonly string[]) => Promise<void>;

  beforeAll(async () => {
    const fresh = freshDatabase();
    drop = fresh.drop;
    db = await openDatabase(fresh.config, { subgraph: 'deadlock', entities: [], migrations: { mysql: [], sqlite: [] } }, createLogger('test', 'silent'));
    conn = new TransactionalConnection(db.dataSource);
    await db.dataSource.query('CREATE TABLE counter (id varchar(8) PRIMARY KEY, n int NOT NULL) ENGINE=InnoDB');
    await db.dataSource.query("INSERT INTO counter VALUES ('a', 0), ('b', 0)");
  });
  afterAll(async () => {
    await db?.close();
    await drop(['deadlock']);
  });

  it('runs the victim again: both commit, every increment counted once', async () => {
    const attempts = { first: 0, second: 0 };
    // Each holds its first row until the other has its own, then asks for the other's: a cycle.
    let arrived = 0;
    let release!: () => void;
    const bothHoldOne = new Promise<void>((resolve) => (release = resolve));
    const meet = async () => {
      arrived += 1;
      if (arrived === 2) release();
      await bothHoldOne;
    };
    const lockInOrder = (name: keyof typeof attempts, first: string, second: string) =>
      conn.transaction(systemContext(), async (tx) => {
        attempts[name] += 1;
        await tx.manager!.query('UPDATE counter SET n = n + 1 WHERE id = ?', [first]);
        if (attempts[name] === 1) await meet();
        await tx.manager!.query('UPDATE counter SET n = n + 1 WHERE id = ?', [second]);
      });
    await Promise.all([lockInOrder('first', 'a', 'b'), lockInOrder('second', 'b', 'a')]);
    expect(attempts.first + attempts.second).toBe(3);
    expect(await db.dataSource.query('SELECT id, n FROM counter ORDER BY id')).toEqual([
      { id: 'a', n: 2 },
      { id: 'b', n: 2 },
    ]);
  });

  it('tries at most DEADLOCK_ATTEMPTS times, and never again for another error', async () => {
    let tries = 0;
    const deadlock = Object.assign(new Error('Deadlock found when trying to get lock'), { code: 'ER_LOCK_DEADLOCK', errno: 1213 });
    await expect(
      conn.transaction(systemContext(), async () => {
        tries += 1;
        throw deadlock;
      }),
    ).rejects.toBe(deadlock);
    expect(tries).toBe(DEADLOCK_ATTEMPTS);
    tries = 0;
    await expect(
      conn.transaction(systemContext(), async (tx) => {
        tries += 1;
        await tx.manager!.query('INSERT INTO counter VALUES (?, 0)', ['a']);
      }),
    ).rejects.toThrow(/Duplicate entry/);
    expect(tries).toBe(1);
  });
});
