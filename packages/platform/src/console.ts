/**
 * The console as `npm start` and the browser tests run it: built when its sources are newer than
 * its build, and the demo city's sign-in accounts (one of each role).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DatabaseConfig, Logger } from '@tongxin/common';
import { AccountService, DemoAccount, DemoAccountKey, ensureDemoAccounts, openIdentityDatabase } from '@tongxin/identity';
import { openPlatformDatabases } from './databases';

const ROOT = path.resolve(__dirname, '../../..');

/** The console's workspace and its build (served by the gateway: TONGXIN_CONSOLE_DIR). */
export const CONSOLE_WORKSPACE = path.join(ROOT, 'packages/console');
export const CONSOLE_DIST = path.join(CONSOLE_WORKSPACE, 'dist');

/** What the build is made of: a change to any of these makes the build stale. */
const CONSOLE_SOURCES = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json'].map((p) => path.join(CONSOLE_WORKSPACE, p));

function newestChange(file: string): number {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...fs.readdirSync(file).map((f) => newestChange(path.join(file, f))));
}

/** True when dist/index.html is missing or older than a source of the console. */
export function consoleBuildIsStale(): boolean {
  const built = fs.statSync(path.join(CONSOLE_DIST, 'index.html'), { throwIfNoEntry: false });
  return !built || Math.max(...CONSOLE_SOURCES.map(newestChange)) > built.mtimeMs;
}

/**
 * Builds the console (vite, then its size check) unless its build is fresh; returns its folder.
 * Throws with the build's output when it fails.
 */
export function buildConsoleIfStale(log: Logger): string {
  if (!consoleBuildIsStale()) return CONSOLE_DIST;
  log.info('building the console (packages/console)');
  const started = Date.now();
  const result = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '-s', 'build'], { cwd: CONSOLE_WORKSPACE, encoding: 'utf8', env: process.env });
  if (result.status !== 0) throw new Error(`The console did not build (npm run build -w @tongxin/console):\n${result.stdout}\n${result.stderr}`);
  const size = /console JavaScript: .+/.exec(result.stdout)?.[0];
  log.info({ seconds: (Date.now() - started) / 1000, size }, 'console built');
  return CONSOLE_DIST;
}

/** The demo accounts' passwords: fixed demo values, printed by `npm start`, for a local machine only. */
export const DEMO_PASSWORDS: Readonly<Record<DemoAccountKey, string>> = {
  city: 'demo-city-2026',
  district: 'demo-lucheng-2026',
  association: 'demo-association-2026',
  analyst: 'demo-analyst-2026',
  person: 'demo-person-2026',
};

/** The demo association (鹿城区's association of the new social stratum) its administrator manages. */
export const DEMO_ASSOCIATION_NAME = '鹿城区新的社会阶层人士联谊会';

/** The demo city's association and a registered person of 鹿城区 for the demo accounts; null without the demo city. */
export async function demoAccountTargets(config: DatabaseConfig, log: Logger): Promise<{ organizationId: string; personId: string } | null> {
  const platform = await openPlatformDatabases(config, log);
  try {
    const orgs: { id: string }[] = await platform.dataSources.organizations!.query('SELECT id FROM organization WHERE name = ? ORDER BY id LIMIT 1', [DEMO_ASSOCIATION_NAME]);
    const persons: { id: string }[] = await platform.dataSources.persons!.query("SELECT id FROM person WHERE district_code = ? AND status = 'ACTIVE' ORDER BY id LIMIT 1", ['330302']);
    return orgs[0] && persons[0] ? { organizationId: orgs[0].id, personId: persons[0].id } : null;
  } finally {
    await platform.close();
  }
}

/**
 * Creates the demo accounts of every role in the identity database (existing ones keep their
 * password and are pointed at the demo city as it is now). Null when there is no demo city.
 */
export async function ensureDemoSignIns(config: DatabaseConfig, log: Logger): Promise<DemoAccount[] | null> {
  const targets = await demoAccountTargets(config, log);
  if (!targets) return null;
  const db = await openIdentityDatabase(config, log);
  try {
    return await ensureDemoAccounts(new AccountService(db.dataSource), { ...targets, passwords: DEMO_PASSWORDS });
  } finally {
    await db.close();
  }
}
