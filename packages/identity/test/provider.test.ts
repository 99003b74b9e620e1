import { authConfigFromEnv, Role, TokenVerifier } from '@tongxin/common';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import * as oauth from 'oauth4webapi';
import { ConsoleClient, startIdentity, TestIdentity } from './harness';

const PASSWORD = 'correct-horse-battery';

describe('the embedded OpenID provider', () => {
  let t: TestIdentity;
  let verifier: TokenVerifier;

  beforeAll(async () => {
    t = await startIdentity();
    await t.idp.accounts.add({ username: 'lucheng', password: PASSWORD, displayName: '鹿城区管理员', role: 'DISTRICT_ADMIN', district: '330302' });
    verifier = new TokenVerifier(authConfigFromEnv({ TONGXIN_JWKS_URL: t.idp.jwksUrl, TONGXIN_JWT_ISSUER: t.idp.issuer }, { serviceIdentity: false }), 0);
  });
  afterAll(() => t?.stop());

  it('signs a district administrator in with code + PKCE; the services accept the access token through the JWKS', async () => {
    const c = new ConsoleClient(t);
    const start = await c.authorize();
    expect(start.status).toBe(200);
    expect(start.body).toContain('用户名');
    const done = await c.submitLogin(start, 'lucheng', PASSWORD);
    expect(done.url.href.startsWith(t.redirectUri)).toBe(true);
    const tokens = await c.exchange(done.url, start.state, start.verifier);
    expect(decodeProtectedHeader(tokens.access_token)).toMatchObject({ typ: 'at+jwt', alg: 'RS256' });
    console.log(decodeJwt(tokens.access_token), oauth.getValidatedIdTokenClaims(tokens), tokens.refresh_token);
    const viewer = await verifier.verify(`Bearer ${tokens.access_token}`);
    expect(viewer).toMatchObject({ role: Role.DISTRICT_ADMIN, districtCode: '330302' });
  });
});
