/**
 * `npm run export -- persons [--district 330302] [--street CODE] [--community NAME] [--category C]
 * [--profession P] [--affiliation A] [--returnee yes|no] [--status ACTIVE,MOVED_AWAY] [--text T] FILE`
 * writes the register, filtered as `persons` filters it, to FILE (.xlsx) with the Chinese headers of
 * the registration form and masked ID and mobile numbers (the import reads it back, refusing the
 * masked rows). `npm run export -- ledger --street CODE --community NAME FILE` writes the
 * community ledger (社区基础台账). Runs as the system over the configured databases.
 */
import * as fs from 'node:fs';
import { COUNTY_LEVEL_UNITS, createLogger, databaseConfigFromEnv, systemContext } from '@tongxin/common';
import { PersonCategory, personsSubgraph, PersonsServices, PersonStatus, PoliticalAffiliation, Profession } from '@tongxin/persons';
import { flag, positionals } from './cli';
import { openPlatformDatabases } from './databases';

const USAGE = [
  'usage: npm run export -- persons [--district CODE|NAME] [--street CODE] [--community NAME] [--category C] [--profession P] [--affiliation A] [--returnee yes|no] [--status S,S] [--text T] FILE.xlsx',
  '       npm run export -- ledger --street CODE --community NAME FILE.xlsx',
].join('\n');

const VALUE_FLAGS = ['district', 'street', 'community', 'category', 'profession', 'affiliation', 'returnee', 'status', 'text'];

async function main(): Promise<number> {
  const [kind, file] = positionals(VALUE_FLAGS);
  if ((kind !== 'persons' && kind !== 'ledger') || !file || !file.endsWith('.xlsx')) {
    console.error(USAGE);
    return 2;
  }
  const log = createLogger('export', process.env.LOG_LEVEL ?? 'warn');
  const platform = await openPlatformDatabases(databaseConfigFromEnv(), log, [personsSubgraph]);
  const out = fs.createWriteStream(file);
  try {
    const exports = (platform.services.persons as PersonsServices).personExport;
    const ctx = systemContext({ log });
    const district = flag('district');
    const returnee = flag('returnee');
    const result =
      kind === 'ledger'
        ? await exports.exportCommunityLedger(ctx, { streetCode: flag('street') ?? '', community: flag('community') ?? '' }, out)
        : await exports.exportPersons(
            ctx,
            {
              districtCode: district ? (COUNTY_LEVEL_UNITS.find((d) => d.name === district)?.code ?? district) : null,
              streetCode: flag('street') ?? null,
              community: flag('community') ?? null,
              category: (flag('category') as PersonCategory | undefined) ?? null,
              profession: (flag('profession') as Profession | undefined) ?? null,
              politicalAffiliation: (flag('affiliation') as PoliticalAffiliation | undefined) ?? null,
              returnee: returnee === undefined ? null : ['yes', 'true', '是', '1'].includes(returnee),
              statuses: (flag('status')?.split(',') as PersonStatus[] | undefined) ?? null,
              text: flag('text') ?? null,
            },
            out,
          );
    console.log(`${file}: ${result.rowCount} persons`);
    return 0;
  } catch (error) {
    out.destroy();
    fs.rmSync(file, { force: true });
    throw error;
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
