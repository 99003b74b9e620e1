/**
 * The floor: the read operations' answers from hand-written SQL (bench/operations.ts), serialized
 * with JSON.stringify and served over HTTP by one Node process, so that it pays the same HTTP hop
 * as the platform. `POST /<operation>` with the variables as the JSON body answers `{"data": …}`.
 * Run by the bench as a child process (PORT, MYSQL_*, FLOOR_PREFIX, FLOOR_CONNECTIONS).
 */
import * as http from 'node:http';
import { READ_OPERATIONS, ReadOperation } from '../operations';
import { floorDb } from './dataset';
import { MysqlPool } from './mysql';

const env = process.env;
const pool = new MysqlPool({
  host: env.MYSQL_HOST ?? '127.0.0.1',
  port: Number(env.MYSQL_PORT ?? 3306),
  user: env.MYSQL_USER ?? 'root',
  password: env.MYSQL_PASSWORD ?? '',
  connections: Number(env.FLOOR_CONNECTIONS ?? 10),
});
const db = floorDb(pool, env.FLOOR_PREFIX ?? 'bench_');
const operations = new Map<string, ReadOperation>(READ_OPERATIONS.map((o) => [`/${o.name}`, o]));

const server = http.createServer((req, res) => {
  if (req.url === '/health') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    return;
  }
  const operation = req.method === 'POST' ? operations.get(req.url ?? '') : undefined;
  if (!operation) {
    res.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    Promise.resolve()
      .then(() => operation.floor(db, JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>))
      .then(
        (data) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data })),
        (err: unknown) => res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: String(err) }] })),
      );
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(env.PORT ?? 0), '127.0.0.1');

const stop = () => server.close(() => void pool.end().finally(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
