import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError, envString } from '../config';
import { ClaimConfig, claimConfigFromEnv, DEFAULT_CLAIM_CONFIG } from './claims';

/** What every kind of configuration holds besides its users' key. */
interface AuthCommon {
  readonly issuer: string;
  readonly audience: string;
  /**
   * The longest lifetime (`exp - iat`, seconds) a token may have (TONGXIN_JWT_MAX_LIFETIME);
   * DEFAULT_MAX_TOKEN_LIFETIME_SECONDS when unset.
   */
  readonly maxLifetimeSeconds?: number;
  /**
   * The HS256 key of service calls (role SERVICE), apart from the users' key whatever its kind
   * (TONGXIN_SERVICE_SECRET, or `<TONGXIN_DATA_DIR>/service-secret` outside production). Without
   * it a service token is refused, and no service token can be minted.
   */
  readonly serviceSecret?: Uint8Array;
  /**
   * Which claims of a user's token carry role, district, organization and person
   * (TONGXIN_CLAIM_ROLE, …, TONGXIN_ROLE_VALUES); DEFAULT_CLAIM_CONFIG when unset. Service tokens
   * keep their own fixed `role` and `svc`.
   */
  readonly claims?: ClaimConfig;
}

/**
 * How tokens are checked. The embedded default is HS256 with a shared secret; production
 * deployments use RS256 with their identity provider's public key or JWKS endpoint. Service
 * calls between subgraphs are signed with a key of their own (`serviceSecret`).
 */
export type AuthConfig = AuthCommon &
  ({ readonly kind: 'hs256'; readonly secret: Uint8Array } | { readonly kind: 'rs256-pem'; readonly publicKeyPem: string } | { readonly kind: 'rs256-jwks'; readonly jwksUrl: string });

export const MIN_SECRET_BYTES = 32;

/** A token may live 24 hours unless TONGXIN_JWT_MAX_LIFETIME says otherwise. */
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 24 * 3600;

/** The bounds of TONGXIN_JWT_MAX_LIFETIME: from a minute to 30 days. */
export const MAX_TOKEN_LIFETIME_BOUNDS = { min: 60, max: 30 * 24 * 3600 } as const;

/** The claims a configuration reads a user's role and scope from. */
export function claimConfigOf(config: AuthConfig): ClaimConfig {
  return config.claims ?? DEFAULT_CLAIM_CONFIG;
}

/** The longest lifetime a configuration allows a token. */
export function maxTokenLifetime(config: AuthConfig): number {
  return config.maxLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;
}

const UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86400 };

/** Seconds of a duration written `86400` (seconds) or `90s`, `30m`, `24h`, `7d`; null when it is not one. */
export function parseDuration(text: string): number | null {
  const m = /^(\d{1,9})\s*([smhd]?)$/i.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * UNIT_SECONDS[(m[2] || 's').toLowerCase()]!;
}

/** A duration as people write it: `24h`, `90m`, `45s`, `7d` (days from two on). */
export function formatDuration(seconds: number): string {
  if (seconds >= 2 * 86400 && seconds % 86400 === 0) return `${seconds / 86400}d`;
  for (const [unit, size] of [
    ['h', 3600],
    ['m', 60],
  ] as const)
    if (seconds % size === 0) return `${seconds / size}${unit}`;
  return `${seconds}s`;
}

/** TONGXIN_JWT_MAX_LIFETIME in seconds (DEFAULT_MAX_TOKEN_LIFETIME_SECONDS when unset); a ConfigError when out of bounds. */
export function maxLifetimeFromEnv(env: Record<string, string | undefined>): number {
  const text = env.TONGXIN_JWT_MAX_LIFETIME;
  if (text === undefined || text === '') return DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;
  const seconds = parseDuration(text);
  const { min, max } = MAX_TOKEN_LIFETIME_BOUNDS;
  if (seconds === null || seconds < min || seconds > max) {
    throw new ConfigError(`TONGXIN_JWT_MAX_LIFETIME=${text} is not a lifetime from ${formatDuration(min)} to ${formatDuration(max)}: write seconds (86400) or a number with s, m, h or d (24h)`);
  }
  return seconds;
}

/** The file of the embedded default's generated secret, beside the SQLite databases. */
export function secretFile(env: Record<string, string | undefined>): string {
  return path.resolve(envString(env, 'TONGXIN_DATA_DIR', 'data'), 'jwt-secret');
}

/** The file of the service calls' generated key outside production, beside `jwt-secret`. */
export function serviceSecretFile(env: Record<string, string | undefined>): string {
  return path.resolve(envString(env, 'TONGXIN_DATA_DIR', 'data'), 'service-secret');
}

/**
 * Reads the secret of the embedded default, creating a random one on first use (mode 0600).
 * Several services may start at once: exactly one creates it, the others read it.
 */
export function readOrCreateSecret(file: string, make: () => string = () => randomBytes(48).toString('base64url')): string {
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, make(), { flag: 'wx', mode: 0o600 });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  return fs.readFileSync(file, 'utf8').trim();
}

export function hs256Config(secret: string, issuer = 'tongxin', audience = 'tongxin'): AuthConfig {
  const bytes = new TextEncoder().encode(secret);
  if (bytes.length < MIN_SECRET_BYTES) throw new ConfigError(`TONGXIN_JWT_SECRET must be at least ${MIN_SECRET_BYTES} bytes long`);
  return { kind: 'hs256', secret: bytes, issuer, audience };
}

/**
 * The configuration with the service calls' own key. It must be 32 bytes or more and differ from
 * the users' HS256 secret: a key both could sign with would let a user's token pass for a service's.
 */
export function withServiceSecret(config: AuthConfig, secret: string): AuthConfig {
  const bytes = new TextEncoder().encode(secret);
  if (bytes.length < MIN_SECRET_BYTES) throw new ConfigError(`TONGXIN_SERVICE_SECRET must be at least ${MIN_SECRET_BYTES} bytes long`);
  if (config.kind === 'hs256' && Buffer.from(config.secret).equals(Buffer.from(bytes))) {
    throw new ConfigError('TONGXIN_SERVICE_SECRET must differ from TONGXIN_JWT_SECRET: service calls are signed with a key of their own');
  }
  return { ...config, serviceSecret: bytes };
}

/** The users' keys, without the service calls' one. */
function usersAuthConfigFromEnv(env: Record<string, string | undefined>, common: Omit<AuthCommon, 'serviceSecret'>): AuthConfig {
  const set = ['TONGXIN_JWT_SECRET', 'TONGXIN_JWT_PUBLIC_KEY', 'TONGXIN_JWKS_URL'].filter((k) => env[k]);
  if (set.length > 1) throw new ConfigError(`Set only one of ${set.join(', ')}`);
  if (env.TONGXIN_JWT_SECRET) return { ...hs256Config(env.TONGXIN_JWT_SECRET, common.issuer, common.audience), ...common };
  if (env.TONGXIN_JWT_PUBLIC_KEY) {
    if (!env.TONGXIN_JWT_PUBLIC_KEY.includes('BEGIN PUBLIC KEY')) throw new ConfigError('TONGXIN_JWT_PUBLIC_KEY must be a PEM public key (-----BEGIN PUBLIC KEY-----)');
    return { kind: 'rs256-pem', publicKeyPem: env.TONGXIN_JWT_PUBLIC_KEY, ...common };
  }
  if (env.TONGXIN_JWKS_URL) {
    if (!/^https?:\/\//.test(env.TONGXIN_JWKS_URL)) throw new ConfigError('TONGXIN_JWKS_URL must be an http(s) URL');
    return { kind: 'rs256-jwks', jwksUrl: env.TONGXIN_JWKS_URL, ...common };
  }
  if (env.NODE_ENV === 'production') {
    throw new ConfigError('In production set TONGXIN_JWT_SECRET, TONGXIN_JWT_PUBLIC_KEY or TONGXIN_JWKS_URL: no token could be verified');
  }
  return { ...hs256Config(readOrCreateSecret(secretFile(env)), common.issuer, common.audience), ...common };
}

export interface AuthConfigOptions {
  /**
   * Read (or, outside production, make) the service calls' key (default true). The gateway
   * does not: it refuses service tokens outright and never holds their key.
   */
  readonly serviceIdentity?: boolean;
}

/**
 * `TONGXIN_JWT_SECRET` (HS256), or `TONGXIN_JWT_PUBLIC_KEY` (RS256, PEM), or `TONGXIN_JWKS_URL`
 * (RS256, keys fetched and cached); `TONGXIN_JWT_ISSUER` and `TONGXIN_JWT_AUDIENCE` (default
 * `tongxin`); `TONGXIN_JWT_MAX_LIFETIME` (default 24h); the claim names `TONGXIN_CLAIM_ROLE`,
 * `TONGXIN_CLAIM_DISTRICT`, `TONGXIN_CLAIM_ORG`, `TONGXIN_CLAIM_PERSON` and `TONGXIN_ROLE_VALUES`
 * (claimConfigFromEnv). With none of the keys, outside
 * production, the secret in `<TONGXIN_DATA_DIR>/jwt-secret` (made on first start). In
 * production one must be set.
 *
 * The service calls' key: `TONGXIN_SERVICE_SECRET` (HS256, 32 bytes or more, not the users'
 * secret), or outside production `<TONGXIN_DATA_DIR>/service-secret` (made on first start). In
 * production without it no service token is accepted or minted: the subgraphs that use the service
 * identity refuse to start (`requireServiceSecret`).
 */
export function authConfigFromEnv(env: Record<string, string | undefined> = process.env, options: AuthConfigOptions = {}): AuthConfig {
  const common = {
    issuer: envString(env, 'TONGXIN_JWT_ISSUER', 'tongxin'),
    audience: envString(env, 'TONGXIN_JWT_AUDIENCE', 'tongxin'),
    maxLifetimeSeconds: maxLifetimeFromEnv(env),
    claims: claimConfigFromEnv(env),
  };
  const users = usersAuthConfigFromEnv(env, common);
  if (options.serviceIdentity === false) return users;
  if (env.TONGXIN_SERVICE_SECRET) return withServiceSecret(users, env.TONGXIN_SERVICE_SECRET);
  if (env.NODE_ENV === 'production') return users;
  return withServiceSecret(users, readOrCreateSecret(serviceSecretFile(env)));
}

/**
 * Refuses to start a subgraph that uses the service identity (`why`: what for) without the service
 * calls' key, which only production may lack (TONGXIN_SERVICE_SECRET unset).
 */
export function requireServiceSecret(config: AuthConfig, why: string): void {
  if (!config.serviceSecret) throw new ConfigError(`Set TONGXIN_SERVICE_SECRET (${MIN_SECRET_BYTES} bytes or more, not TONGXIN_JWT_SECRET): ${why}`);
}
