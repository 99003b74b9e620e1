/**
 * `npm run import -- persons FILE [--dry-run]`: imports a registration-form sheet (.xlsx or .csv
 * with the Chinese headers of 登记表) into the configured persons database (TONGXIN_DB, …), as
 * the system. All or nothing: the whole file is checked first and every problem printed by row
 * and column; with any, nothing is written (exit code 1). Rows whose ID number is registered
 * already are skipped and counted, so a file can be imported again.
 */
import { createLogger, DatabaseConfig, databaseConfigFromEnv, systemContext } from '@tongxin/common';
import { personsSubgraph, PersonsServices, readPersonSheet } from '@tongxin/persons';
import { positionals } from './cli';
import { openPlatformDatabases } from './databases';

const USAGE = 'usage: npm run import -- persons FILE [--dry-run]';

/** Where the command writes its report and its problems. */
export interface CommandOutput {
  log(line: string): void;
  error(line: string): void;
}

/** The command itself (the exit code it ends with), for `main` and for tests. */
export async function importCommand(args: readonly string[], config: DatabaseConfig, out: CommandOutput = console): Promise<number> {
  const [kind, file] = positionals([], args);
  if (kind !== 'persons' || !file) {
    out.error(USAGE);
    return 2;
  }
  const dryRun = args.includes('--dry-run');
  const started = Date.now();
  const sheet = await readPersonSheet(file);
  if (sheet.ignoredColumns.length) out.log(`columns not imported: ${sheet.ignoredColumns.join(', ')}`);
  if (sheet.errors.length && sheet.rows.length === 0) {
    for (const e of sheet.errors) out.error(`row ${e.row}, ${e.column}: ${e.message}`);
    out.error('nothing imported');
    return 1;
  }
  const log = createLogger('import', process.env.LOG_LEVEL ?? 'warn');
  const platform = await openPlatformDatabases(config, log, [personsSubgraph]);
  try {
    const services = platform.services.persons as PersonsServices;
    // A problem found while reading the file (a number column) makes the run a dry run: nothing is written.
    const report = await services.personImport.importRows(systemContext({ log }), sheet.rows, dryRun || sheet.errors.length > 0);
    const errors = [...sheet.errors, ...report.errors].sort((a, b) => a.row - b.row);
    for (const e of errors) out.error(`row ${e.row}, ${e.column}: ${e.message}`);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const what = report.written ? 'registered' : 'would be registered';
    out.log(`${file}: ${report.rowCount} rows; ${report.registered} ${what}; ${report.alreadyRegistered} registered already (skipped); ${errors.length} errors (${seconds} s)`);
    if (errors.length) out.error('nothing written: correct the rows above and import the file again');
    else if (!report.written) out.log('dry run: nothing written');
    return errors.length ? 1 : 0;
  } finally {
    await platform.close();
  }
}

if (require.main === module) {
  importCommand(process.argv.slice(2), databaseConfigFromEnv()).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
