import { ChildProcess, spawn } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';
import { DatabaseConfig, databaseConfigToEnv } from '@tongxin/common';
import { freshDatabase } from './harness/database';

/**
 * The compiled services as production runs them (NODE_ENV=production, where Apollo Server would
 * install its own signal handlers) stop on SIGTERM and SIGINT: promptly, with exit code 0. An
 * orchestrator sends SIGTERM and kills what has not stopped after its grace period.
 */
const ROOT = path.resolve(__dirname, '..');
const SERVICES = ['persons', 'organizations', 'activities', 'evaluation'].map((name) => ({ name, main: path.join(ROOT, 'subgraphs', name, 'dist', 'main.js') }));
const GATEWAY = { name: 'gateway', main: path.join(ROOT, 'gateway', 'dist', 'main.js') };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

async function waitLive(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode} before it was up:\n${output()}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health/live`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not up after 60 s:\n${output()}`);
}

/** Starts a service, sends it the signal once it is up; resolves to its exit code and how long it took to stop. */
async function stopWith(service: { name: string; main: string }, signal: NodeJS.Signals, db: DatabaseConfig): Promise<{ code: number | null; ms: number }> {
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, [service.main], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      ...databaseConfigToEnv(db),
      TONGXIN_JWT_SECRET: 'tongxin-test-secret-only-for-tests-0123456789',
      // Production: the persons and organizations subgraphs need the service calls' key to start.
      TONGXIN_SERVICE_SECRET: 'tongxin-test-service-secret-only-for-tests-9876543210',
      TONGXIN_DATA_KEY: process.env.TONGXIN_DATA_KEY,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  try {
    await waitLive(port, child, () => output);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const sent = Date.now();
    child.kill(signal);
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([exited, new Promise<'hung'>((r) => (timer = setTimeout(() => r('hung'), 10_000)))]);
    clearTimeout(timer);
    if (code === 'hung') throw new Error(`${service.name} did not stop within 10 s of ${signal}:\n${output}`);
    return { code, ms: Date.now() - sent };
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

describe('the compiled services stop on a signal in production', () => {
  const db = freshDatabase();
  afterAll(() => db.drop(SERVICES.map((s) => s.name)));

  it.each(SERVICES.map((s) => [s.name, s] as const))('%s stops on SIGTERM with exit code 0', async (_name, service) => {
    const { code, ms } = await stopWith(service, 'SIGTERM', db.config);
    expect(code).toBe(0);
    expect(ms).toBeLessThan(10_000);
  });

  it('the gateway stops on SIGTERM, and a subgraph on SIGINT, with exit code 0', async () => {
    expect((await stopWith(GATEWAY, 'SIGTERM', db.config)).code).toBe(0);
    expect((await stopWith(SERVICES[3]!, 'SIGINT', db.config)).code).toBe(0);
  });
});
