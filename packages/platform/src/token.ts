/**
 * `npm run -s token -- --role ROLE [--district CODE] [--org ID] [--person ID] [--sub NAME] [--expires 12h]`
 * prints a signed token for local use, with the key the services verify with: under `npm start`'s
 * embedded OpenID provider (no TONGXIN_JWT_SECRET, TONGXIN_JWT_PUBLIC_KEY or TONGXIN_JWKS_URL, and
 * not TONGXIN_IDENTITY=external) its RS256 signing key (`<TONGXIN_DATA_DIR>/identity-jwks.json` or
 * TONGXIN_IDENTITY_JWKS[_FILE]) as its issuer `<gateway>/oidc`; otherwise TONGXIN_JWT_SECRET, or the
 * HS256 secret under TONGXIN_DATA_DIR. Role and scope go under the configured claim names
 * (TONGXIN_CLAIM_ROLE, …, TONGXIN_ROLE_VALUES), as the services read them. `--expires` is
 * seconds or a number with s, m, h or d, at most TONGXIN_JWT_MAX_LIFETIME (24h); without it, 12
 * hours or that maximum when it is shorter.
 */
import { createPrivateKey, createPublicKey, KeyObject } from 'node:crypto';
import {
  AuthConfig,
  authConfigFromEnv,
  claimConfigFromEnv,
  claimConfigOf,
  claimsPayload,
  envString,
  formatDuration,
  maxLifetimeFromEnv,
  maxTokenLifetime,
  mintToken,
  parseDuration,
  Role,
  TokenClaims,
  TokenVerifier,
} from '@tongxin/common';
import { signingKeysFromEnv } from '@tongxin/identity';
import { SignJWT } from 'jose';
import { embeddedIdentity, gatewayAddress } from './start';

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

/** The embedded provider's key and the configuration that verifies its tokens, as the services of `npm start` do. */
function embeddedSigner(env: Record<string, string | undefined>): { config: AuthConfig; key: KeyObject; kid: string } {
  const jwk = signingKeysFromEnv(env).keys[0]!;
  const key = createPrivateKey({ key: jwk, format: 'jwk' });
  const issuer = `${envString(env, 'TONGXIN_PUBLIC_URL', gatewayAddress(env).url).replace(/\/+$/, '')}/oidc`;
  const publicKeyPem = createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString();
  const config: AuthConfig = {
    kind: 'rs256-pem',
    publicKeyPem,
    issuer,
    audience: envString(env, 'TONGXIN_JWT_AUDIENCE', 'tongxin'),
    maxLifetimeSeconds: maxLifetimeFromEnv(env),
    claims: claimConfigFromEnv(env),
  };
  return { config, key, kid: jwk.kid };
}

async function signEmbedded(signer: ReturnType<typeof embeddedSigner>, claims: TokenClaims, exp: number, iat: number): Promise<string> {
  const { sub, role, district, org, person, ...rest } = claims;
  return new SignJWT({ ...rest, ...claimsPayload(claimConfigOf(signer.config), { role, district, org, person }) })
    .setProtectedHeader({ alg: 'RS256', kid: signer.kid, typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(signer.config.issuer)
    .setAudience(signer.config.audience)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(signer.key);
}

/** The token the command prints for `args` (the arguments after the script's name). */
export async function tokenCommand(args: readonly string[], env: Record<string, string | undefined> = process.env, now: number = Math.floor(Date.now() / 1000)): Promise<string> {
  const role = flagOf(args, 'role') as Role | undefined;
  if (!role || !Object.values(Role).includes(role)) {
    throw new TokenCommandError(`usage: npm run -s token -- --role ${Object.values(Role).join('|')} [--district CODE] [--org ID] [--person ID] [--sub NAME] [--expires 12h]`, 2);
  }
  const signer = embeddedIdentity(env) ? embeddedSigner(env) : null;
  const config = signer?.config ?? authConfigFromEnv(env, { serviceIdentity: false });
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
  const claims: TokenClaims = { sub: flagOf(args, 'sub') ?? `local-${role.toLowerCase()}`, role, district: flagOf(args, 'district'), org: flagOf(args, 'org'), person: flagOf(args, 'person') };
  const token = signer ? await signEmbedded(signer, claims, now + lifetime, now) : await mintToken(config, claims, now + lifetime, now);
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
