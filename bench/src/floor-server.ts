/**
 * The floor: the read operations' answers from hand-written SQL (bench/operations.ts), serialized
 * with JSON.stringify and served over HTTP by one Node process, so that it pays the same HTTP hop
 * as the platform. `POST /<operation>` with the variables as the JSON body answers `{"data": …}`;
 * for the import, `POST /<operation>` with `{ table, rows }` writes the rows into that table of
 * the persons database and answers `{"data": { rows, statements }}`. Run by the bench as a child
 * process (PORT; TONGXIN_DB=mysql and the MYSQL_* variables, as a subgraph reads them, the pool
 * size included; FLOOR_DATA_KEY: the dataset's key).
 */
import * as http from 'node:http';
import { databaseConfigFromEnv, PersonalDataCipher } from '@tongxin/common';
import { ImportOperation, ImportRow, OPERATIONS, READ_OPERATIONS, ReadOperation } from '../operations';
import { floorDb } from './dataset';
import { MysqlPool } from './mysql';

const env = process.env;
const config = databaseConfigFromEnv(env);
if (config.type !== 'mysql') throw new Error('The floor runs on MariaDB/MySQL: TONGXIN_DB=mysql');
const pool = new MysqlPool({ host: config.host, port: config.port, user: config.user, password: config.password, connections: config.poolSize });
const db = floorDb(pool, config.databasePrefix);
const operations = new Map<string, ReadOperation>(READ_OPERATIONS.map((o) => [`/${o.name}`, o]));
const imports = new Map<string, ImportOperation>(OPERATIONS.filter((o): o is ImportOperation => o.kind === 'import').map((o) => [`/${o.name}`, o]));
const cipher = env.FLOOR_DATA_KEY ? new PersonalDataCipher(Buffer.from(env.FLOOR_DATA_KEY, 'base64')) : null;

/** The floor's answer to one request of `path`. */
function answer(path: string, body: string): Promise<unknown> | null {
  const read = operations.get(path);
  if (read) return read.floor(db, JSON.parse(body || '{}') as Record<string, unknown>);
  const write = imports.get(path);
  if (write) {
    if (!cipher) return Promise.reject(new Error('FLOOR_DATA_KEY is not set'));
    const { table, rows } = JSON.parse(body) as { table: string; rows: ImportRow[] };
    return write.floor(db, rows, table, cipher);
  }
  return null;
}

const server = http.createServer((req, res) => {
  if (req.url === '/health') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    return;
  }
  const path = req.url ?? '';
  if (req.method !== 'POST' || (!operations.has(path) && !imports.has(path))) {
    res.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    Promise.resolve()
      .then(() => answer(path, Buffer.concat(chunks).toString('utf8')))
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
