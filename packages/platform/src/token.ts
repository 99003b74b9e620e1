/**
 * `npm run -s token -- --role ROLE [--district CODE] [--org ID] [--person ID] [--sub NAME] [--expires 12h]`
 * prints a signed token for local use, with the key the services verify with
 * (TONGXIN_JWT_SECRET, or the embedded default's secret under TONGXIN_DATA_DIR).
 */
import { authConfigFromEnv, mintToken, Role, TokenVerifier } from '@tongxin/common';
import { flag } from './cli';

async function main(): Promise<void> {
  const role = flag('role') as Role | undefined;
  if (!role || !Object.values(Role).includes(role)) {
    console.error(`usage: npm run -s token -- --role ${Object.values(Role).join('|')} [--district CODE] [--org ID] [--person ID] [--sub NAME] [--expires 12h]`);
    process.exit(2);
  }
  const config = authConfigFromEnv();
  const token = await mintToken(
    config,
    { sub: flag('sub') ?? `local-${role.toLowerCase()}`, role, district: flag('district'), org: flag('org'), person: flag('person') },
    flag('expires') ?? '12h',
  );
  // Refuse to print a token the services would refuse (a district admin without a district…).
  await new TokenVerifier(config).verify(`Bearer ${token}`);
  process.stdout.write(`${token}\n`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
