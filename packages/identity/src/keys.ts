import { createHash, createPrivateKey, generateKeyPairSync, hkdfSync, JsonWebKey } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError, envString } from '@tongxin/common';

/** A private RSA signing key as a JWK (RS256), with its `kid`. */
export interface SigningJwk extends JsonWebKey {
  readonly kty: 'RSA';
  readonly kid: string;
  readonly alg: 'RS256';
  readonly use: 'sig';
}

export interface SigningKeys {
  readonly keys: readonly SigningJwk[];
}

/** The RFC 7638 thumbprint of an RSA key: its `kid`. */
function thumbprint(jwk: JsonWebKey): string {
  return createHash('sha256')
    .update(JSON.stringify({ e: jwk.e, kty: jwk.kty, n: jwk.n }))
    .digest('base64url');
}

/** A new 2048-bit RSA signing key. */
export function generateSigningKeys(): SigningKeys {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' });
  return { keys: [{ ...jwk, kty: 'RSA', kid: thumbprint(jwk), alg: 'RS256', use: 'sig' }] };
}

/** Reads a key set (JSON `{"keys":[…]}` of private RSA keys), refusing anything else with `where` in the message. */
export function parseSigningKeys(text: string, where: string): SigningKeys {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ConfigError(`${where} is not JSON: it must be a key set {"keys":[…]} of private RSA keys (JWK)`);
  }
  const keys = (parsed as { keys?: unknown })?.keys;
  if (!Array.isArray(keys) || keys.length === 0) throw new ConfigError(`${where} must be a key set {"keys":[…]} with at least one private RSA key (JWK)`);
  return {
    keys: keys.map((k: JsonWebKey, i) => {
      if (k?.kty !== 'RSA' || typeof k.d !== 'string') throw new ConfigError(`${where}: key ${i + 1} is not a private RSA key (kty "RSA" with "d")`);
      try {
        createPrivateKey({ key: k, format: 'jwk' });
      } catch {
        throw new ConfigError(`${where}: key ${i + 1} is not a valid RSA private key`);
      }
      return { ...k, kty: 'RSA', kid: typeof k.kid === 'string' && k.kid ? k.kid : thumbprint(k), alg: 'RS256', use: 'sig' };
    }),
  };
}

/** Where the embedded default keeps its generated keys: `<TONGXIN_DATA_DIR>/identity-jwks.json`. */
export function signingKeysFile(env: Record<string, string | undefined>): string {
  return path.resolve(envString(env, 'TONGXIN_DATA_DIR', 'data'), 'identity-jwks.json');
}

/**
 * The provider's signing keys: `TONGXIN_IDENTITY_JWKS` (the key set as JSON) or
 * `TONGXIN_IDENTITY_JWKS_FILE` (a file holding it). Outside production, without either, a key
 * made on first start and kept in `<TONGXIN_DATA_DIR>/identity-jwks.json` (mode 0600); in
 * production one must be set.
 */
export function signingKeysFromEnv(env: Record<string, string | undefined>): SigningKeys {
  if (env.TONGXIN_IDENTITY_JWKS && env.TONGXIN_IDENTITY_JWKS_FILE) throw new ConfigError('Set only one of TONGXIN_IDENTITY_JWKS, TONGXIN_IDENTITY_JWKS_FILE');
  if (env.TONGXIN_IDENTITY_JWKS) return parseSigningKeys(env.TONGXIN_IDENTITY_JWKS, 'TONGXIN_IDENTITY_JWKS');
  if (env.TONGXIN_IDENTITY_JWKS_FILE) {
    const file = env.TONGXIN_IDENTITY_JWKS_FILE;
    if (!fs.existsSync(file)) throw new ConfigError(`TONGXIN_IDENTITY_JWKS_FILE=${file} does not exist`);
    return parseSigningKeys(fs.readFileSync(file, 'utf8'), `TONGXIN_IDENTITY_JWKS_FILE (${file})`);
  }
  if (env.NODE_ENV === 'production') {
    throw new ConfigError(
      'In production the embedded identity provider needs its signing keys: set TONGXIN_IDENTITY_JWKS (a key set {"keys":[…]} of private RSA keys) or TONGXIN_IDENTITY_JWKS_FILE (a file holding one)',
    );
  }
  return readOrCreateSigningKeys(signingKeysFile(env));
}

/** Reads the key file, creating it (mode 0600) on first use; of several starting at once exactly one creates it. */
export function readOrCreateSigningKeys(file: string): SigningKeys {
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, `${JSON.stringify(generateSigningKeys(), null, 2)}\n`, { flag: 'wx', mode: 0o600 });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  return parseSigningKeys(fs.readFileSync(file, 'utf8'), file);
}

/** The public half of a key set: what the provider publishes at its JWKS endpoint. */
export function publicKeys(keys: SigningKeys): { keys: JsonWebKey[] } {
  return { keys: keys.keys.map(({ kty, n, e, kid, alg, use }) => ({ kty, n, e, kid, alg, use })) };
}

/** Keys for the provider's signed cookies, derived from the first signing key (no second secret to keep). */
export function cookieKeys(keys: SigningKeys): string[] {
  const d = keys.keys[0]!.d!;
  return [Buffer.from(hkdfSync('sha256', Buffer.from(d, 'base64url'), Buffer.alloc(0), 'tongxin identity cookies', 32)).toString('base64url')];
}
