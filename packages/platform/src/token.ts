/**
 * `npm run -s token -- --role ROLE [--district CODE] [--org ID] [--person ID] [--sub NAME] [--expires 12h]`
 * prints a signed token for local use, with the key the services verify with
 * (TONGXIN_JWT_SECRET, or the embedded default's secret under TONGXIN_DATA_DIR). `--expires` is
 * seconds or a number with s, m, h or d, at most TONGXIN_JWT_MAX_LIFETIME (24h); without it, 12
 * hours or that maximum when it is shorter.
 */
import { authConfigFromEnv, formatDuration, maxTokenLifetime, mintToken, parseDuration, Role, TokenVerifier } from '@tongxin/common';

/** A mistake on the command line: its message is all the user needs. */
export class TokenCommandError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'TokenCommandError';
  }
}

const DEFAULT_LIFETIME_SECONDS = 12 * 3600;

function flagOf(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

/** The token the command prints for `args` (the arguments after the script's name). */
export async function tokenCommand(args: readonly string[], env: Record<string, string | undefined> = process.env, now: number = Math.floor(Date.now() / 1000)): Promise<string> {
  const role = flagOf(args, 'role') as Role | undefined;
  if (!role || !Object.values(Role).includes(role)) {
    throw new TokenCommandError(`usage: npm run -s token -- --role ${Object.values(Role).join('|')} [--district CODE] [--org ID] [--person ID] [--sub NAME] [--expires 12h]`, 2);
  }
  const config = authConfigFromEnv(env, { serviceIdentity: false });
  const max = maxTokenLifetime(config);
  const expires = flagOf(args, 'expires');
  let lifetime = Math.min(DEFAULT_LIFETIME_SECONDS, max);
  if (expires !== undefined) {
    const seconds = parseDuration(expires);
    if (seconds === null || seconds < 1) throw new TokenCommandError(`--expires ${expires} is not a lifetime: write seconds (3600) or a number with s, m, h or d (12h).`, 2);
    if (seconds > max) {
      throw new TokenCommandError(`--expires ${expires} is longer than tokens may live here: at most ${formatDuration(max)} (TONGXIN_JWT_MAX_LIFETIME). Ask for a shorter one.`, 2);
    }
    lifetime = seconds;
  }
  const token = await mintToken(
    config,
    { sub: flagOf(args, 'sub') ?? `local-${role.toLowerCase()}`, role, district: flagOf(args, 'district'), org: flagOf(args, 'org'), person: flagOf(args, 'person') },
    now + lifetime,
    now,
  );
  // Refuse to print a token the services would refuse (a district admin without a district…).
  await new TokenVerifier(config, 0, () => now).verify(`Bearer ${token}`);
  return token;
}

if (require.main === module) {
  tokenCommand(process.argv.slice(2)).then(
    (token) => process.stdout.write(`${token}\n`),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(err instanceof TokenCommandError ? err.exitCode : 1);
    },
  );
}
