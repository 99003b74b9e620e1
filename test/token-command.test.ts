import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { authConfigFromEnv, TokenVerifier } from '@tongxin/common';
import { signingKeysFromEnv } from '@tongxin/identity';
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { tokenCommand, TokenCommandError } from '../packages/platform/src/token';

/** `npm run -s token`: a token for local use, never one the services would refuse. */
describe('npm run token', () => {
  const env = { TONGXIN_JWT_SECRET: 'tongxin-test-secret-only-for-tests-0123456789' };
  const now = Math.floor(Date.now() / 1000);
  const lifetime = (token: string) => {
    const { iat, exp } = decodeJwt(token);
    return exp! - iat!;
  };

  it('mints a 12-hour token with iat by default, and the lifetime --expires asks for up to the maximum', async () => {
    expect(lifetime(await tokenCommand(['--role', 'ANALYST'], env, now))).toBe(12 * 3600);
    expect(lifetime(await tokenCommand(['--role', 'ANALYST', '--expires', '24h'], env, now))).toBe(24 * 3600);
    expect(lifetime(await tokenCommand(['--role', 'ANALYST', '--expires', '3600'], env, now))).toBe(3600);
    expect(lifetime(await tokenCommand(['--role', 'ANALYST', '--expires', '90m'], env, now))).toBe(5400);
  });

  it.each([
    [['--expires', '25h'], env, '--expires 25h is longer than tokens may live here: at most 24h (TONGXIN_JWT_MAX_LIFETIME). Ask for a shorter one.'],
    [['--expires', '30d'], env, '--expires 30d is longer than tokens may live here: at most 24h (TONGXIN_JWT_MAX_LIFETIME). Ask for a shorter one.'],
    [['--expires', '2h'], { ...env, TONGXIN_JWT_MAX_LIFETIME: '1h' }, '--expires 2h is longer than tokens may live here: at most 1h (TONGXIN_JWT_MAX_LIFETIME). Ask for a shorter one.'],
    [['--expires', 'forever'], env, '--expires forever is not a lifetime: write seconds (3600) or a number with s, m, h or d (12h).'],
    [['--expires', '0'], env, '--expires 0 is not a lifetime: write seconds (3600) or a number with s, m, h or d (12h).'],
  ])('refuses %j with a clear message (exit code 2)', async (args, e, message) => {
    const run = tokenCommand(['--role', 'CITY_ADMIN', ...args], e, now);
    await expect(run).rejects.toThrow(new TokenCommandError(message));
    await expect(run).rejects.toMatchObject({ exitCode: 2 });
  });

  it('mints no longer than a shorter configured maximum by default', async () => {
    expect(lifetime(await tokenCommand(['--role', 'ANALYST'], { ...env, TONGXIN_JWT_MAX_LIFETIME: '2h' }, now))).toBe(7200);
  });

  it('writes role and scope under the configured claim names (TONGXIN_CLAIM_*, TONGXIN_ROLE_VALUES), which the services then read', async () => {
    const named = { ...env, TONGXIN_CLAIM_ROLE: 'groups', TONGXIN_CLAIM_ORG: 'tx_org', TONGXIN_ROLE_VALUES: 'tongxin-association=ASSOCIATION_ADMIN' };
    const org = '0190a6f2-7c1e-7a3b-8d4e-5f6a7b8c9d0e';
    const token = await tokenCommand(['--role', 'ASSOCIATION_ADMIN', '--org', org], named, now);
    expect(decodeJwt(token)).toMatchObject({ groups: 'tongxin-association', tx_org: org });
    expect(decodeJwt(token)).not.toHaveProperty('role');
    await expect(new TokenVerifier(authConfigFromEnv(named, { serviceIdentity: false }), 0).verify(`Bearer ${token}`)).resolves.toMatchObject({ role: 'ASSOCIATION_ADMIN', organizationId: org });
    // A role without a value in TONGXIN_ROLE_VALUES cannot be written.
    await expect(tokenCommand(['--role', 'ANALYST'], named, now)).rejects.toThrow('TONGXIN_ROLE_VALUES names no value for the role ANALYST');
  });

  it('refuses a subject the services would refuse', async () => {
    await expect(tokenCommand(['--role', 'ANALYST', '--sub', 'x'.repeat(101)], env, now)).rejects.toThrow(/subject/);
  });

  it("signs with the embedded provider's key, as its issuer, when npm start runs it (no other key configured)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongxin-token-'));
    try {
      const embedded = { TONGXIN_DATA_DIR: dir, GATEWAY_PORT: '4100' };
      const token = await tokenCommand(['--role', 'DISTRICT_ADMIN', '--district', '330302'], embedded, now);
      expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'RS256' });
      // Verified as the services of npm start verify it: the provider's key set, its issuer, the audience.
      const publicSet = { keys: signingKeysFromEnv(embedded).keys.map(({ kty, n, e, kid, alg, use }) => ({ kty, n, e, kid, alg, use })) };
      const { payload } = await jwtVerify(token, createLocalJWKSet(publicSet), { issuer: 'http://127.0.0.1:4100/oidc', audience: 'tongxin' });
      expect(payload).toMatchObject({ role: 'DISTRICT_ADMIN', district: '330302', sub: 'local-district_admin' });
      // The HS256 secret of the same data folder does not verify it: the services would not take it under that configuration.
      const hs256 = authConfigFromEnv({ TONGXIN_DATA_DIR: dir }, { serviceIdentity: false });
      await expect(new TokenVerifier(hs256, 0).verify(`Bearer ${token}`)).rejects.toThrow();
      // TONGXIN_IDENTITY=external: the HS256 secret, as before.
      expect(decodeProtectedHeader(await tokenCommand(['--role', 'ANALYST'], { ...embedded, TONGXIN_IDENTITY: 'external' }, now))).toMatchObject({ alg: 'HS256' });
      // Under configured claim names, as the embedded provider issues them.
      const named = { ...embedded, TONGXIN_CLAIM_ROLE: 'tx.role', TONGXIN_CLAIM_DISTRICT: 'https://tongxin.example/district' };
      const renamed = decodeJwt(await tokenCommand(['--role', 'DISTRICT_ADMIN', '--district', '330302'], named, now));
      expect(renamed).toMatchObject({ 'tx.role': 'DISTRICT_ADMIN', 'https://tongxin.example/district': '330302' });
      expect(renamed).not.toHaveProperty('role');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
