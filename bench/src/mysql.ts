import { createPool, Pool, PoolConnection } from 'mysql2/promise';

/** A small mysql2 pool that answers as the floors expect: DATE columns as 'YYYY-MM-DD' strings, times in UTC. */
export class MysqlPool {
  private readonly pool: Pool;
  constructor(opts: { host: string; port: number; user: string; password: string; connections: number }) {
    this.pool = createPool({
      host: opts.host,
      port: opts.port,
      user: opts.user,
      password: opts.password,
      connectionLimit: opts.connections,
      timezone: 'Z',
      dateStrings: ['DATE'],
      supportBigNumbers: true,
    });
  }
  async query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    const [rows] = await this.pool.query(sql, params as unknown[]);
    return rows as T[];
  }
  /** `work` on one connection of the pool, released afterwards. */
  async withConnection<T>(work: (query: <R>(sql: string, params?: readonly unknown[]) => Promise<R[]>) => Promise<T>): Promise<T> {
    const connection: PoolConnection = await this.pool.getConnection();
    try {
      return await work(async <R>(sql: string, params: readonly unknown[] = []) => (await connection.query(sql, params as unknown[]))[0] as R[]);
    } finally {
      connection.release();
    }
  }
  /** `work` inside one transaction on one connection: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (query: <R>(sql: string, params?: readonly unknown[]) => Promise<R[]>) => Promise<T>): Promise<T> {
    return this.withConnection(async (query) => {
      await query('START TRANSACTION');
      try {
        const result = await work(query);
        await query('COMMIT');
        return result;
      } catch (error) {
        await query('ROLLBACK');
        throw error;
      }
    });
  }
  end(): Promise<void> {
    return this.pool.end();
  }
}
