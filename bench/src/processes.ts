/**
 * The processes a run starts: the four subgraphs and the gateway as in production (their compiled
 * `dist/main.js`, NODE_ENV=production, MariaDB), the floor's HTTP server and the peer gateway.
 * Every child is registered here so that it is stopped at the end, on an error and on Ctrl-C.
 */
import { gatewayNodeFlags } from '@tongxin/gateway';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { databaseConfigToEnv, type MysqlConfig, serviceNodeFlags } from '@tongxin/common';
import { SUBGRAPHS } from '@tongxin/platform';
import { BENCH_DATA_KEY } from './dataset';

/** The repository's root, from bench/src (tests) or bench/dist/src (compiled). */
export const ROOT = path.resolve(__dirname, __dirname.split(path.sep).includes('dist') ? '../../..' : '../..');
export const BENCH_DIST = path.join(ROOT, 'bench', 'dist', 'src');
export const SUPERGRAPH = path.join(ROOT, 'gateway', 'supergraph.graphql');
/** The services' logs of this run: a directory of its own, so that runs side by side keep theirs. */
let logDir: string | undefined;
export function runLogDir(): string {
  logDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'tongxin-bench-logs-'));
  return logDir;
}

export interface Service {
  readonly name: string;
  readonly pid: number;
  /** Where it answers GraphQL (or, for the floor, `/<operation>`). */
  readonly url: string;
  /** `/metrics` of a subgraph (SQL statements so far), else null. */
  readonly metricsUrl: string | null;
  readonly log: string;
}

const children = new Set<ChildProcess>();

process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function tail(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-15).join('\n');
  } catch {
    return '';
  }
}

async function waitReady(name: string, url: string, child: ChildProcess, log: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${name} stopped before it was ready (code ${child.exitCode}); its log ${log}:\n${tail(log)}`);
    const ok = await fetch(url, { signal: AbortSignal.timeout(1000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${name} was not ready after ${timeoutMs / 1000} s; its log ${log}:\n${tail(log)}`);
}

/** Starts a Node script as a registered child with its output in a log file; resolves when `readyUrl` answers 200. */
export async function startChild(
  name: string,
  script: string,
  env: Record<string, string | undefined>,
  readyUrl: string,
  nodeFlags: readonly string[] = [],
): Promise<{ child: ChildProcess; log: string }> {
  const log = path.join(runLogDir(), `${name}.log`);
  const out = fs.openSync(log, 'w');
  // BENCH_CPU_PROF=<dir>: every service writes a V8 CPU profile there when it stops (where time goes).
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROF)}`, `--cpu-prof-name=${name}.cpuprofile`] : [];
  const child = spawn(process.execPath, [...nodeFlags, ...profile, script], { env: env as NodeJS.ProcessEnv, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  children.add(child);
  child.once('exit', () => children.delete(child));
  try {
    await waitReady(name, readyUrl, child, log);
  } catch (error) {
    await stopChildren([child]);
    throw error;
  }
  return { child, log };
}

/** SIGTERM (a graceful stop), then SIGKILL after 10 s. */
export async function stopChildren(list: Iterable<ChildProcess> = children): Promise<void> {
  await Promise.all(
    [...list]
      .filter((c) => c.exitCode === null && c.signalCode === null)
      .map(
        (c) =>
          new Promise<void>((resolve) => {
            c.once('exit', () => resolve());
            c.kill('SIGTERM');
            setTimeout(() => c.kill('SIGKILL'), 10_000).unref();
          }),
      ),
  );
}

/** How many children of this process are still running (0 after a run). */
export function runningChildren(): number {
  return children.size;
}

/** Every child still running, stopped (the Ctrl-C path). */
export function stopAll(): Promise<void> {
  return stopChildren(children);
}

/** A fresh secret per run: the subgraphs, the gateway and the bench's tokens share it. */
export function benchSecret(): string {
  return randomBytes(48).toString('base64url');
}

export interface Platform {
  readonly gateway: Service;
  readonly subgraphs: readonly Service[];
  readonly secret: string;
  stop(): Promise<void>;
}

/**
 * The four subgraphs, then the gateway, as they run in production, over the dataset. Each
 * subgraph applies its own pending migrations on start (the default): the tree it runs from may
 * be newer than the code this process loaded.
 */
export async function startPlatform(db: MysqlConfig, secret: string): Promise<Platform> {
  const ports = Object.fromEntries(await Promise.all(SUBGRAPHS.map(async (d) => [d.subgraph, await freePort()] as const)));
  const urls = Object.fromEntries(Object.entries(ports).map(([name, port]) => [`SUBGRAPH_${name.toUpperCase()}_URL`, `http://127.0.0.1:${port}/graphql`]));
  const base: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    ...databaseConfigToEnv(db),
    TONGXIN_JWT_SECRET: secret,
    // The service calls' own key (the outboxes of persons and organizations), another than the users'.
    TONGXIN_SERVICE_SECRET: `${secret}-service`,
    TONGXIN_DATA_KEY: BENCH_DATA_KEY,
    ...urls,
  };
  // The gateway's settings (GATEWAY_MAX_BODY_BYTES …) as the bench was given them: a run may measure a deployment configured otherwise.
  const gatewaySettings = Object.fromEntries(Object.entries(process.env).filter(([name]) => name.startsWith('GATEWAY_')));
  const started: ChildProcess[] = [];
  try {
    const subgraphs = await Promise.all(
      SUBGRAPHS.map(async (def): Promise<Service> => {
        const port = ports[def.subgraph]!;
        const { child, log } = await startChild(
          def.subgraph,
          path.join(ROOT, 'subgraphs', def.subgraph, 'dist', 'main.js'),
          { ...base, PORT: String(port) },
          `http://127.0.0.1:${port}/health/ready`,
          // As docker-compose.yml and `npm start` run them: no flags, or --single-threaded when
          // the bench runs with TONGXIN_SINGLE_THREADED=true.
          serviceNodeFlags(),
        );
        started.push(child);
        return { name: def.subgraph, pid: child.pid!, url: `http://127.0.0.1:${port}/graphql`, metricsUrl: `http://127.0.0.1:${port}/metrics`, log };
      }),
    );
    const gatewayPort = await freePort();
    const { child, log } = await startChild(
      'gateway',
      path.join(ROOT, 'gateway', 'dist', 'main.js'),
      { ...base, ...gatewaySettings, PORT: String(gatewayPort) },
      `http://127.0.0.1:${gatewayPort}/health/ready`,
      // As docker-compose.yml and the Dockerfile run it (the heap's cap and initial size; --single-threaded
      // with TONGXIN_SINGLE_THREADED=true).
      gatewayNodeFlags(),
    );
    started.push(child);
    return {
      gateway: { name: 'gateway', pid: child.pid!, url: `http://127.0.0.1:${gatewayPort}/graphql`, metricsUrl: null, log },
      subgraphs,
      secret,
      stop: () => stopChildren(started),
    };
  } catch (error) {
    await stopChildren(started);
    throw error;
  }
}

/** The floor's HTTP server (bench/src/floor-server.ts) over the dataset, run with the services' Node flags. */
export async function startFloor(db: MysqlConfig): Promise<{ service: Service; stop(): Promise<void> }> {
  const port = await freePort();
  const { child, log } = await startChild(
    'floor',
    path.join(BENCH_DIST, 'floor-server.js'),
    {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      PORT: String(port),
      // The dataset as the subgraphs are given it (databaseConfigFromEnv reads it back).
      ...databaseConfigToEnv(db),
      FLOOR_DATA_KEY: BENCH_DATA_KEY,
    },
    `http://127.0.0.1:${port}/health`,
    // The services' Node flags, so that the floor runs as they do.
    serviceNodeFlags(),
  );
  return { service: { name: 'floor', pid: child.pid!, url: `http://127.0.0.1:${port}`, metricsUrl: null, log }, stop: () => stopChildren([child]) };
}

/** The peer gateway (bench/src/hive-server.ts) over the same subgraphs. */
export async function startHive(subgraphUrls: Readonly<Record<string, string>>): Promise<{ service: Service; stop(): Promise<void> }> {
  const port = await freePort();
  const { child, log } = await startChild(
    'hive',
    path.join(BENCH_DIST, 'hive-server.js'),
    {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      PORT: String(port),
      SUPERGRAPH_PATH: SUPERGRAPH,
      SUBGRAPH_URLS: JSON.stringify(subgraphUrls),
      HIVE_DEDUPLICATE: process.env.HIVE_DEDUPLICATE ?? 'false',
    },
    `http://127.0.0.1:${port}/health`,
  );
  return { service: { name: 'hive', pid: child.pid!, url: `http://127.0.0.1:${port}/graphql`, metricsUrl: null, log }, stop: () => stopChildren([child]) };
}
