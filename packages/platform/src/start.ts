/**
 * `npm start`: the whole platform on one machine. Opens (and migrates) each subgraph's
 * database, loads the demo city on the first run, then runs the four subgraphs and the gateway
 * as child processes, each as it would run in production, and stops them all on Ctrl-C.
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { authConfigFromEnv, createLogger, databaseConfigFromEnv, describeDatabase, envInt, mintToken, Role } from '@tongxin/common';
import { openPlatformDatabases, registerIsEmpty } from './databases';
import { DEFAULT_DEMO_SIZE, seedDemoData } from './demo/seed';
import { SUBGRAPHS } from './subgraphs';

const ROOT = path.resolve(__dirname, '../../..');
const log = createLogger('tongxin');

async function waitReady(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url} exited with code ${child.exitCode} before it was ready`);
    const ok = await fetch(url, { signal: AbortSignal.timeout(1000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} was not ready after ${timeoutMs / 1000} s`);
}

async function main(): Promise<void> {
  const env = process.env;
  const config = databaseConfigFromEnv(env);
  const persons = envInt(env, 'DEMO_PERSONS', DEFAULT_DEMO_SIZE.persons, 0);
  // Made (or read) before the services start, so that all of them verify with the same key.
  const auth = authConfigFromEnv(env);

  const platform = await openPlatformDatabases(config, log);
  try {
    if (persons > 0 && (await registerIsEmpty(platform))) {
      log.info({ persons, database: describeDatabase(config, '<subgraph>') }, 'first run: loading the demo city');
      const started = Date.now();
      const summary = await seedDemoData(platform.services, { seed: 20111013, size: { ...DEFAULT_DEMO_SIZE, persons }, log });
      log.info({ ...summary, seconds: (Date.now() - started) / 1000 }, 'demo city loaded');
    }
  } finally {
    await platform.close();
  }

  const children: ChildProcess[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    const exits = children
      .filter((c) => c.exitCode === null && c.signalCode === null)
      .map(
        (c) =>
          new Promise<void>((resolve) => {
            c.once('exit', () => resolve());
            c.kill('SIGTERM');
            setTimeout(() => c.kill('SIGKILL'), 10_000).unref();
          }),
      );
    await Promise.all(exits);
    log.info('stopped');
    process.exit(code);
  };
  const run = (name: string, script: string, port: number, extra: Record<string, string> = {}) => {
    const child = spawn(process.execPath, [script], {
      env: { ...env, PORT: String(port), TONGXIN_MIGRATE: 'false', ...extra },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('exit', (code, signal) => {
      if (!stopping) {
        log.error({ service: name, code, signal }, 'a service stopped unexpectedly: stopping the platform');
        void stopAll(1);
      }
    });
    children.push(child);
    return child;
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  try {
    await Promise.all(
      SUBGRAPHS.map((def) => {
        const child = run(def.subgraph, path.join(ROOT, 'subgraphs', def.subgraph, 'dist', 'main.js'), def.defaultPort);
        return waitReady(`http://127.0.0.1:${def.defaultPort}/health/ready`, child);
      }),
    );
    const gatewayPort = envInt(env, 'GATEWAY_PORT', 4000, 1, 65535);
    const gateway = run('gateway', path.join(ROOT, 'gateway', 'dist', 'main.js'), gatewayPort);
    await waitReady(`http://127.0.0.1:${gatewayPort}/health/ready`, gateway);
    const url = `http://127.0.0.1:${gatewayPort}/graphql`;
    const token = auth.kind === 'hs256' ? await mintToken(auth, { sub: 'local-city-admin', role: Role.CITY_ADMIN }, '12h') : null;
    process.stdout.write(
      [
        '',
        `  Tongxin is running: ${url}`,
        token ? `  A city administrator's token (12 h; others: npm run -s token -- --role …):\n\n  export TOKEN=${token}\n` : '  Send the tokens of your identity provider as Authorization: Bearer <token>.',
        `  Try: curl -s ${url} -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" \\`,
        `         -d '{"query":"{ persons(first: 3, filter: {districtCode: \\"330302\\"}) { totalCount edges { node { name category district { name } } } } }"}'`,
        '  Ctrl-C stops everything.',
        '',
      ].join('\n') + '\n',
    );
  } catch (error) {
    log.error({ err: error instanceof Error ? error.message : error }, 'could not start the platform');
    await stopAll(1);
  }
}

main().catch((err: unknown) => {
  log.fatal({ err: err instanceof Error ? { message: err.message, stack: err.stack } : err }, 'could not start');
  process.exit(1);
});
