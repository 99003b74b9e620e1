/**
 * `npm start`: the whole platform on one machine. Opens (and migrates) each subgraph's
 * database, loads the demo city on the first run, then runs the four subgraphs and the gateway
 * as child processes, each as it would run in production, and stops them all on Ctrl-C.
 *
 * The subgraphs always listen on 127.0.0.1 (HOST is not passed on to them: only the gateway is
 * the public door); the gateway listens on GATEWAY_HOST (127.0.0.1) and GATEWAY_PORT (4000).
 *
 * The console: built (packages/console, when its build is stale) and served by the gateway at `/`.
 * Unless the environment names a key of its own (TONGXIN_JWT_SECRET, TONGXIN_JWT_PUBLIC_KEY,
 * TONGXIN_JWKS_URL) or TONGXIN_IDENTITY=external, the gateway runs the embedded OpenID provider at
 * `/oidc`, every service verifies its tokens (TONGXIN_JWKS_URL), and the demo city gets a sign-in
 * account of each role, printed with its demo password.
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { authConfigFromEnv, createLogger, databaseConfigFromEnv, envInt, envString, formatDuration, maxTokenLifetime, mintToken, Role, serviceNodeFlags } from '@tongxin/common';
import { gatewayNodeFlags } from '@tongxin/gateway';
import { DEMO_ACCOUNTS } from '@tongxin/identity';
import { buildConsoleIfStale, DEMO_PASSWORDS, ensureDemoSignIns } from './console';
import { describePlatformDatabases, IncompleteDataError, loadDemoCityIfEmpty, openPlatformDatabases } from './databases';
import { DEFAULT_DEMO_SIZE } from './demo/seed';
import { SUBGRAPHS } from './subgraphs';

const ROOT = path.resolve(__dirname, '../../..');
const log = createLogger('tongxin');

type Env = Readonly<Record<string, string | undefined>>;

/** Where the launcher's subgraphs listen, whatever HOST says: they are not the public door. */
export const SUBGRAPH_HOST = '127.0.0.1';

/** Where the gateway listens (GATEWAY_HOST, GATEWAY_PORT) and the address to reach it on this machine. */
export function gatewayAddress(env: Env): { host: string; port: number; url: string } {
  const host = envString(env, 'GATEWAY_HOST', '127.0.0.1');
  const port = envInt(env, 'GATEWAY_PORT', 4000, 1, 65535);
  const local = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return { host, port, url: `http://${local.includes(':') ? `[${local}]` : local}:${port}` };
}

/**
 * Whether the gateway runs the embedded OpenID provider: yes unless TONGXIN_IDENTITY=external or a
 * key of another issuer is configured (TONGXIN_JWT_SECRET, TONGXIN_JWT_PUBLIC_KEY, TONGXIN_JWKS_URL).
 */
export function embeddedIdentity(env: Env): boolean {
  if (env.TONGXIN_IDENTITY === 'external') return false;
  return !env.TONGXIN_JWT_SECRET && !env.TONGXIN_JWT_PUBLIC_KEY && !env.TONGXIN_JWKS_URL;
}

/** The variables that point the gateway and every subgraph at the embedded provider of the gateway at `publicUrl`. */
export function embeddedIdentityEnv(publicUrl: string): Record<string, string> {
  const issuer = `${publicUrl}/oidc`;
  return { TONGXIN_IDENTITY: 'embedded', TONGXIN_PUBLIC_URL: publicUrl, TONGXIN_JWKS_URL: `${issuer}/jwks`, TONGXIN_JWT_ISSUER: issuer };
}

/** The environment of a service the launcher runs: its own HOST and PORT, migrations already done. */
export function serviceEnv(env: Env, host: string, port: number): Record<string, string | undefined> {
  return { ...env, HOST: host, PORT: String(port), TONGXIN_MIGRATE: 'false' };
}

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
  const gatewayAtFirst = gatewayAddress(process.env);
  const embedded = embeddedIdentity(process.env);
  const env: Env = { ...process.env, ...(embedded ? embeddedIdentityEnv(envString(process.env, 'TONGXIN_PUBLIC_URL', gatewayAtFirst.url)) : {}) };
  const config = databaseConfigFromEnv(env);
  const persons = envInt(env, 'DEMO_PERSONS', DEFAULT_DEMO_SIZE.persons, 0);
  const gatewayAt = gatewayAddress(env);
  // Read before anything starts: a bad TONGXIN_SINGLE_THREADED stops the launch at once.
  const subgraphFlags = serviceNodeFlags(env);
  const gatewayFlags = gatewayNodeFlags(env);
  // Made (or read) before the services start, so that all of them verify with the same keys (the
  // users' and, outside production, the service calls' in data/service-secret).
  const auth = authConfigFromEnv(env);
  if (env.HOST && env.GATEWAY_HOST === undefined) {
    log.warn({ HOST: env.HOST }, `npm start runs the subgraphs on ${SUBGRAPH_HOST} and ignores HOST; set GATEWAY_HOST to choose the gateway's address`);
  }

  // The signals are handled from the start: Ctrl-C while the demo city loads stops the loading
  // (which deletes what it wrote); once the services run, it stops them.
  const children: ChildProcess[] = [];
  const interrupt = new AbortController();
  let running = false;
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
  const onSignal = (signal: NodeJS.Signals) => {
    if (running) return void stopAll(0);
    if (interrupt.signal.aborted) {
      log.warn({ signal }, 'stopping now');
      process.exit(130);
    }
    log.info({ signal }, 'interrupted: stopping');
    interrupt.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    if (persons > 0) {
      const started = Date.now();
      const result = await loadDemoCityIfEmpty(config, {
        seed: 20111013,
        size: { ...DEFAULT_DEMO_SIZE, persons },
        log,
        signal: interrupt.signal,
      });
      if (result.loaded) {
        log.info({ ...result.summary, database: describePlatformDatabases(config), seconds: (Date.now() - started) / 1000 }, 'first run: demo city loaded');
      }
    } else {
      // DEMO_PERSONS=0: no demo city; the databases are only opened and migrated.
      await (await openPlatformDatabases(config, log)).close();
    }
  } catch (error) {
    if (interrupt.signal.aborted) {
      log.info(error instanceof Error && error.name === 'DemoLoadInterruptedError' ? error.message : 'interrupted before the services started');
      process.exit(130);
    }
    if (error instanceof IncompleteDataError) {
      log.fatal(`${error.message} (Or set DEMO_PERSONS=0 to start without the demo city, on the data as it is.)`);
      process.exit(1);
    }
    throw error;
  }
  if (interrupt.signal.aborted) process.exit(130);
  let demoAccounts: Awaited<ReturnType<typeof ensureDemoSignIns>> = null;
  let consoleBuilt = false;
  try {
    if (embedded && persons > 0) demoAccounts = await ensureDemoSignIns(config, log);
    if (env.TONGXIN_CONSOLE !== 'off') {
      buildConsoleIfStale(log);
      consoleBuilt = true;
    }
  } catch (error) {
    log.fatal({ err: error instanceof Error ? error.message : error }, 'could not prepare the console');
    process.exit(1);
  }
  running = true;

  // Each with the Node flags production gives it (the gateway's heap flags; --single-threaded
  // only with TONGXIN_SINGLE_THREADED=true: serviceNodeFlags, gatewayNodeFlags).
  const run = (name: string, script: string, host: string, port: number, nodeFlags: readonly string[]) => {
    const child = spawn(process.execPath, [...nodeFlags, script], {
      env: serviceEnv(env, host, port),
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

  try {
    await Promise.all(
      SUBGRAPHS.map((def) => {
        const child = run(def.subgraph, path.join(ROOT, 'subgraphs', def.subgraph, 'dist', 'main.js'), SUBGRAPH_HOST, def.defaultPort, subgraphFlags);
        return waitReady(`http://${SUBGRAPH_HOST}:${def.defaultPort}/health/ready`, child);
      }),
    );
    const gateway = run('gateway', path.join(ROOT, 'gateway', 'dist', 'main.js'), gatewayAt.host, gatewayAt.port, gatewayFlags);
    await waitReady(`${gatewayAt.url}/health/ready`, gateway);
    const url = `${gatewayAt.url}/graphql`;
    const listening = gatewayAt.host === '0.0.0.0' || gatewayAt.host === '::' ? ` (listening on ${gatewayAt.host}:${gatewayAt.port})` : '';
    const lines = [''];
    if (consoleBuilt && embedded) {
      lines.push(`  Tongxin is running. The console: ${env.TONGXIN_PUBLIC_URL}/${listening}`, '');
      if (demoAccounts) {
        lines.push('  Sign in with a demo account (demo passwords, for this machine only):', '');
        for (const demo of DEMO_ACCOUNTS) {
          const account = demoAccounts.find((a) => a.username === demo.username);
          const password = account?.created === false ? '(as set before)' : DEMO_PASSWORDS[demo.key];
          lines.push(`    ${demo.displayName.padEnd(10, '　')} user ${demo.username.padEnd(12)} password ${password}`);
        }
        lines.push('');
      } else {
        lines.push('  Add sign-in accounts with: npm run user -- add …', '');
      }
      lines.push(`  The API: ${url} (tokens of the console's provider, ${env.TONGXIN_JWT_ISSUER}).`);
      lines.push(`  For scripts: export TOKEN=$(npm run -s token -- --role CITY_ADMIN) (signed with the provider's key; see README, Tokens).`);
    } else {
      // 12 hours, or the longest lifetime TONGXIN_JWT_MAX_LIFETIME allows when that is shorter.
      const lifetime = Math.min(12 * 3600, maxTokenLifetime(auth));
      const token = auth.kind === 'hs256' ? await mintToken(auth, { sub: 'local-city-admin', role: Role.CITY_ADMIN }, Math.floor(Date.now() / 1000) + lifetime) : null;
      lines.push(
        `  Tongxin is running: ${url}${listening}`,
        ...(consoleBuilt && env.TONGXIN_CONSOLE_ISSUER ? [`  The console: ${gatewayAt.url}/ (signs in at ${env.TONGXIN_CONSOLE_ISSUER})`] : []),
        token
          ? `  A city administrator's token (${formatDuration(lifetime)}; others: npm run -s token -- --role …):\n\n  export TOKEN=${token}\n`
          : '  Send the tokens of your identity provider as Authorization: Bearer <token>.',
        `  Try: curl -s ${url} -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" \\`,
        `         -d '{"query":"{ persons(first: 3, filter: {districtCode: \\"330302\\"}) { totalCount edges { node { name category district { name } } } } }"}'`,
      );
    }
    lines.push('  Ctrl-C stops everything.', '');
    process.stdout.write(lines.join('\n') + '\n');
  } catch (error) {
    log.error({ err: error instanceof Error ? error.message : error }, 'could not start the platform');
    await stopAll(1);
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    log.fatal({ err: err instanceof Error ? { message: err.message, stack: err.stack } : err }, 'could not start');
    process.exit(1);
  });
}
