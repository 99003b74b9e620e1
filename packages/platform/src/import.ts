/**
 * `npm run import -- persons FILE [--dry-run]`: imports a registration-form sheet (.xlsx or .csv
 * with the Chinese headers of 登记表) into the configured persons database (TONGXIN_DB, …), as
 * the system. All or nothing: the whole file is checked first and every problem printed by row
 * and column; with any, nothing is written (exit code 1). Rows whose ID number is registered
 * already are skipped and counted, so a file can be imported again.
 */
import { createLogger, databaseConfigFromEnv, systemContext } from '@tongxin/common';
import { personsSubgraph, PersonsServices, readPersonSheet } from '@tongxin/persons';
import { positionals } from './cli';
import { openPlatformDatabases } from './databases';

const USAGE = 'usage: npm run import -- persons FILE [--dry-run]';

async function main(): Promise<number> {
  const [kind, file] = positionals();
  if (kind !== 'persons' || !file) {
    console.error(USAGE);
    return 2;
  }
  const dryRun = process.argv.includes('--dry-run');
  const started = Date.now();
  const sheet = await readPersonSheet(file);
  if (sheet.ignoredColumns.length) console.log(`columns not imported: ${sheet.ignoredColumns.join(', ')}`);
  if (sheet.errors.length && sheet.rows.length === 0) {
    for (const e of sheet.errors) console.error(`row ${e.row}, ${e.column}: ${e.message}`);
    console.error('nothing imported');
    return 1;
  }
  const log = createLogger('import', process.env.LOG_LEVEL ?? 'warn');
  const platform = await openPlatformDatabases(databaseConfigFromEnv(), log, [personsSubgraph]);
  try {
    const services = platform.services.persons as PersonsServices;
    // A problem found while reading the file (a number column) makes the run a dry run: nothing is written.
    const report = await services.personImport.importRows(systemContext({ log }), sheet.rows, dryRun || sheet.errors.length > 0);
    const errors = [...sheet.errors, ...report.errors].sort((a, b) => a.row - b.row);
    for (const e of errors) console.error(`row ${e.row}, ${e.column}: ${e.message}`);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const what = report.written ? 'registered' : 'would be registered';
    console.log(`${file}: ${report.rowCount} rows; ${report.registered} ${what}; ${report.alreadyRegistered} registered already (skipped); ${errors.length} errors (${seconds} s)`);
    if (errors.length) console.error('nothing written: correct the rows above and import the file again');
    else if (!report.written) console.log('dry run: nothing written');
    return errors.length ? 1 : 0;
  } finally {
    await platform.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
