import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError, envString } from '../config';

/**
 * How tokens are checked. The embedded default is HS256 with a shared secret; production
 * deployments use RS256 with their identity provider's public key or JWKS endpoint.
 */
export type AuthConfig =
  | { readonly kind: 'hs256'; readonly secret: Uint8Array; readonly issuer: string; readonly audience: string }
  | { readonly kind: 'rs256-pem'; readonly publicKeyPem: string; readonly issuer: string; readonly audience: string }
  | { readonly kind: 'rs256-jwks'; readonly jwksUrl: string; readonly issuer: string; readonly audience: string };

export const MIN_SECRET_BYTES = 32;

/** The file of the embedded default's generated secret, beside the SQLite databases. */
export function secretFile(env: Record<string, string | undefined>): string {
  return path.resolve(envString(env, 'TONGXIN_DATA_DIR', 'data'), 'jwt-secret');
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
 * `TONGXIN_JWT_SECRET` (HS256), or `TONGXIN_JWT_PUBLIC_KEY` (RS256, PEM), or `TONGXIN_JWKS_URL`
 * (RS256, keys fetched and cached); `TONGXIN_JWT_ISSUER` and `TONGXIN_JWT_AUDIENCE` (default
 * `tongxin`). With none of them, outside production, the secret in `<TONGXIN_DATA_DIR>/jwt-secret`
 * (made on first start). In production one must be set.
 */
export function authConfigFromEnv(env: Record<string, string | undefined> = process.env): AuthConfig {
  const issuer = envString(env, 'TONGXIN_JWT_ISSUER', 'tongxin');
  const audience = envString(env, 'TONGXIN_JWT_AUDIENCE', 'tongxin');
  const set = ['TONGXIN_JWT_SECRET', 'TONGXIN_JWT_PUBLIC_KEY', 'TONGXIN_JWKS_URL'].filter((k) => env[k]);
  if (set.length > 1) throw new ConfigError(`Set only one of ${set.join(', ')}`);
  if (env.TONGXIN_JWT_SECRET) return hs256Config(env.TONGXIN_JWT_SECRET, issuer, audience);
  if (env.TONGXIN_JWT_PUBLIC_KEY) {
    if (!env.TONGXIN_JWT_PUBLIC_KEY.includes('BEGIN PUBLIC KEY')) throw new ConfigError('TONGXIN_JWT_PUBLIC_KEY must be a PEM public key (-----BEGIN PUBLIC KEY-----)');
    return { kind: 'rs256-pem', publicKeyPem: env.TONGXIN_JWT_PUBLIC_KEY, issuer, audience };
  }
  if (env.TONGXIN_JWKS_URL) {
    if (!/^https?:\/\//.test(env.TONGXIN_JWKS_URL)) throw new ConfigError('TONGXIN_JWKS_URL must be an http(s) URL');
    return { kind: 'rs256-jwks', jwksUrl: env.TONGXIN_JWKS_URL, issuer, audience };
  }
  if (env.NODE_ENV === 'production') {
    throw new ConfigError('In production set TONGXIN_JWT_SECRET, TONGXIN_JWT_PUBLIC_KEY or TONGXIN_JWKS_URL: no token could be verified');
  }
  return hs256Config(readOrCreateSecret(secretFile(env)), issuer, audience);
}
