/**
 * `npm run seed -- [--persons N] [--seed S] [--reset | --if-empty]`: fills the configured databases
 * (TONGXIN_DB, …) with the deterministic demo city. Refuses to add to a non-empty register
 * unless --reset, which drops every subgraph's database first (--if-empty: then do nothing).
 */
import { createLogger, databaseConfigFromEnv, describeDatabase } from '@tongxin/common';
import { dropPlatformDatabases, openPlatformDatabases, registerIsEmpty } from './databases';
import { DEFAULT_DEMO_SIZE, seedDemoData } from './demo/seed';

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const log = createLogger('seed');
  const config = databaseConfigFromEnv();
  const persons = Number(flag('persons') ?? DEFAULT_DEMO_SIZE.persons);
  const seed = Number(flag('seed') ?? 20111013);
  if (!Number.isInteger(persons) || persons < 1) throw new Error('--persons must be a positive whole number');
  if (process.argv.includes('--reset')) await dropPlatformDatabases(config);
  const platform = await openPlatformDatabases(config, log);
  try {
    if (!(await registerIsEmpty(platform))) {
      if (process.argv.includes('--if-empty')) {
        log.info('the register holds data already: nothing to do');
        return;
      }
      throw new Error(`The register in ${describeDatabase(config, 'persons')} is not empty: pass --reset to start over.`);
    }
    const started = Date.now();
    const summary = await seedDemoData(platform.services, { seed, size: { ...DEFAULT_DEMO_SIZE, persons }, log });
    log.info({ ...summary, seconds: (Date.now() - started) / 1000 }, 'demo data ready');
  } finally {
    await platform.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
