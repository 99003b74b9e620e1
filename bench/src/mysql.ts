import { createPool, Pool } from 'mysql2/promise';

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
  end(): Promise<void> {
    return this.pool.end();
  }
}
