import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError } from '@tongxin/common';
import {
  createIdentityProviderFromEnv,
  generateSigningKeys,
  hashesRunning,
  hashPassword,
  MAX_CONCURRENT_HASHES,
  needsRehash,
  parametersOf,
  providerSettingsFromEnv,
  publicKeys,
  SCRYPT_PARAMETERS,
  signingKeysFromEnv,
  verifyPassword,
} from '../src';

describe('signing keys', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongxin-idkeys-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('are made on first start outside production, kept in data/identity-jwks.json (mode 0600), and read back', () => {
    const env = { TONGXIN_DATA_DIR: dir };
    const first = signingKeysFromEnv(env);
    const file = path.join(dir, 'identity-jwks.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(signingKeysFromEnv(env)).toEqual(first);
    expect(first.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.any(String), d: expect.any(String) });
    expect(publicKeys(first).keys[0]).not.toHaveProperty('d');
  });

  it('come from TONGXIN_IDENTITY_JWKS or TONGXIN_IDENTITY_JWKS_FILE, and production refuses to start without them', () => {
    const keys = generateSigningKeys();
    expect(signingKeysFromEnv({ NODE_ENV: 'production', TONGXIN_IDENTITY_JWKS: JSON.stringify(keys) })).toEqual(keys);
    const file = path.join(dir, 'prod-jwks.json');
    fs.writeFileSync(file, JSON.stringify(keys));
    expect(signingKeysFromEnv({ NODE_ENV: 'production', TONGXIN_IDENTITY_JWKS_FILE: file })).toEqual(keys);
    expect(() => signingKeysFromEnv({ NODE_ENV: 'production', TONGXIN_DATA_DIR: dir })).toThrow(
      new ConfigError(
        'In production the embedded identity provider needs its signing keys: set TONGXIN_IDENTITY_JWKS (a key set {"keys":[…]} of private RSA keys) or TONGXIN_IDENTITY_JWKS_FILE (a file holding one)',
      ),
    );
    expect(() => signingKeysFromEnv({ TONGXIN_IDENTITY_JWKS: '{"keys":[{"kty":"RSA","n":"x","e":"AQAB"}]}' })).toThrow(/key 1 is not a private RSA key/);
    expect(() => signingKeysFromEnv({ TONGXIN_IDENTITY_JWKS: 'nope' })).toThrow(/is not JSON/);
  });
});

describe('passwords', () => {
  it('are hashed with scrypt N = 2^17, r 8, p 1 and a random salt, the parameters kept with the hash', async () => {
    const a = await hashPassword('same password');
    const b = await hashPassword('same password');
    expect(a).toMatch(/^\$scrypt\$ln=17,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(a).not.toBe(b);
    expect(parametersOf(a)).toEqual(SCRYPT_PARAMETERS);
    expect(await verifyPassword('same password', a)).toBe(true);
    expect(await verifyPassword('same passwore', a)).toBe(false);
    expect(await verifyPassword('same password', 'not a hash')).toBe(false);
  });

  it('are hashed at most MAX_CONCURRENT_HASHES at once, the others waiting their turn', async () => {
    const pending = Promise.all(Array.from({ length: 5 }, (_, i) => hashPassword(`password-${i}`)));
    let most = 0;
    const sampler = setInterval(() => (most = Math.max(most, hashesRunning())), 5);
    const hashes = await pending;
    clearInterval(sampler);
    expect(most).toBe(MAX_CONCURRENT_HASHES);
    expect(hashesRunning()).toBe(0);
    expect(new Set(hashes).size).toBe(5);
    expect(await Promise.all(hashes.map((h, i) => verifyPassword(`password-${i}`, h)))).toEqual([true, true, true, true, true]);
  });

  it('made with weaker parameters still verify, and are marked to be hashed again', async () => {
    const weak = await hashPassword('old password', { log2N: 14, r: 8, p: 1 });
    expect(await verifyPassword('old password', weak)).toBe(true);
    expect(needsRehash(weak)).toBe(true);
    expect(needsRehash(await hashPassword('x-password'))).toBe(false);
  });
});

describe('settings from the environment', () => {
  it('default to a 10-minute access token for the console at <console>/auth/callback, lockout 5 in 15 minutes', () => {
    expect(providerSettingsFromEnv({}, 'http://127.0.0.1:4000')).toMatchObject({
      clientId: 'tongxin-console',
      redirectUris: ['http://127.0.0.1:4000/auth/callback'],
      postLogoutRedirectUris: ['http://127.0.0.1:4000/'],
      audience: 'tongxin',
      accessTokenTtl: 600,
      lockout: { maxFailures: 5, windowSeconds: 900, lockSeconds: 900 },
    });
  });

  it('read TONGXIN_IDENTITY_* and refuse an access token longer than TONGXIN_JWT_MAX_LIFETIME', () => {
    expect(
      providerSettingsFromEnv({
        TONGXIN_IDENTITY_CLIENT_ID: 'x',
        TONGXIN_IDENTITY_REDIRECT_URIS: 'https://a.example/cb, https://b.example/cb',
        TONGXIN_IDENTITY_ACCESS_TOKEN_TTL: '5m',
        TONGXIN_JWT_AUDIENCE: 'aud',
      }),
    ).toMatchObject({ clientId: 'x', redirectUris: ['https://a.example/cb', 'https://b.example/cb'], accessTokenTtl: 300, audience: 'aud' });
    expect(() => providerSettingsFromEnv({ TONGXIN_JWT_MAX_LIFETIME: '1h', TONGXIN_IDENTITY_ACCESS_TOKEN_TTL: '2h' }, 'http://x')).toThrow(
      /TONGXIN_IDENTITY_ACCESS_TOKEN_TTL=2h is not a duration from 30s to 1h/,
    );
    expect(() => providerSettingsFromEnv({})).toThrow(/Set TONGXIN_IDENTITY_REDIRECT_URIS/);
    expect(() => providerSettingsFromEnv({ TONGXIN_IDENTITY_REDIRECT_URIS: 'nope' })).toThrow(/is not an absolute URL/);
  });
});

it('createIdentityProviderFromEnv opens its database and keys under TONGXIN_DATA_DIR and answers at its issuer', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongxin-idenv-'));
  const idp = await createIdentityProviderFromEnv({ TONGXIN_DATA_DIR: dir, TONGXIN_IDENTITY_CLIENT_ID: 'console-x' }, { issuer: 'http://127.0.0.1:4000/oidc', consoleUrl: 'http://127.0.0.1:4000' });
  try {
    expect(idp).toMatchObject({ issuer: 'http://127.0.0.1:4000/oidc', mountPath: '/oidc', jwksUrl: 'http://127.0.0.1:4000/oidc/jwks', clientId: 'console-x' });
    expect(fs.readdirSync(dir).sort()).toEqual(['identity-jwks.json', 'identity.sqlite', 'identity.sqlite-shm', 'identity.sqlite-wal']);
  } finally {
    await idp.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
