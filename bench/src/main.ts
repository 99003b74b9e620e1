/** `npm run bench -- [options]`: see bench/README.md and `--help`. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runBench } from './bench';
import { prepareDataset } from './dataset';
import { parseOptions } from './options';
import { ROOT, stopAll } from './processes';
import { formatResults } from './report';

async function main(): Promise<void> {
  let options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
  let interrupted = false;
  const onSignal = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    process.stderr.write('interrupted: stopping the services\n');
    void stopAll().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  if (options.datasetOnly) {
    const dataset = await prepareDataset(options.mysql, options.persons, options.reuse, (line) => process.stderr.write(`${line}\n`));
    process.stdout.write(`${JSON.stringify({ persons: dataset.persons, reused: dataset.reused, generatedSeconds: dataset.generatedSeconds, counts: dataset.counts })}\n`);
    return;
  }
  const results = await runBench(options);
  process.stdout.write(`${formatResults(results)}\n`);
  if (options.output) {
    const file = path.resolve(ROOT, options.output);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
    process.stdout.write(`\nwritten: ${path.relative(process.cwd(), file)}\n`);
  }
}

main().catch(async (error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  await stopAll();
  process.exit(1);
});
