/**
 * `npm run seed -- [--persons N] [--seed S] [--reset | --if-empty]`: fills the configured databases
 * (TONGXIN_DB, …) with the deterministic demo city, by the same rule as `npm start`: it loads
 * only when every subgraph is empty and refuses when only some hold data (an interrupted
 * loading). --reset drops every subgraph's database first; --if-empty does nothing, without an
 * error, when every subgraph holds data already.
 */
import { createLogger, databaseConfigFromEnv } from '@tongxin/common';
import { describePlatformDatabases, dropPlatformDatabases, loadDemoCityIfEmpty, RESET_COMMAND } from './databases';
import { DEFAULT_DEMO_SIZE } from './demo/seed';
import { flag } from './cli';

async function main(): Promise<void> {
  const log = createLogger('seed');
  const config = databaseConfigFromEnv();
  const persons = Number(flag('persons') ?? DEFAULT_DEMO_SIZE.persons);
  const seed = Number(flag('seed') ?? 20111013);
  if (!Number.isInteger(persons) || persons < 1) throw new Error('--persons must be a positive whole number');
  // Ctrl-C stops the loading and deletes what it had written (see loadDemoCityIfEmpty).
  const interrupt = new AbortController();
  const onSignal = () => {
    if (interrupt.signal.aborted) process.exit(130);
    log.info('interrupted: stopping');
    interrupt.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  if (process.argv.includes('--reset')) await dropPlatformDatabases(config);
  const started = Date.now();
  const result = await loadDemoCityIfEmpty(config, { seed, size: { ...DEFAULT_DEMO_SIZE, persons }, log, signal: interrupt.signal });
  if (result.loaded) {
    log.info({ ...result.summary, seconds: (Date.now() - started) / 1000 }, 'demo data ready');
  } else if (process.argv.includes('--if-empty')) {
    log.info('every subgraph holds data already: nothing to do');
  } else {
    throw new Error(`The databases (${describePlatformDatabases(config)}) hold data already: pass --reset to start over (\`${RESET_COMMAND}\`).`);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  const interrupted = err instanceof Error && (err.name === 'DemoLoadInterruptedError' || err.name === 'AbortError');
  process.exit(interrupted ? 130 : 1);
});
