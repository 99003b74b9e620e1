import { authConfigFromEnv, claimConfigFromEnv, Role, TokenVerifier } from '@tongxin/common';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import * as oauth from 'oauth4webapi';
import { MESSAGES } from '../src';
import { Browser, ConsoleClient, insecure, startIdentity, TestIdentity } from './harness';

const PASSWORD = 'correct-horse-battery';
const ORG = '01900000-0000-7000-8000-000000000001';
const PERSON = '01900000-0000-7000-8000-000000000002';

/** The access token's claims as the services read them, through the provider's JWKS. */
function servicesVerifier(t: TestIdentity): TokenVerifier {
  return new TokenVerifier(authConfigFromEnv({ TONGXIN_JWKS_URL: t.idp.jwksUrl, TONGXIN_JWT_ISSUER: t.idp.issuer }, { serviceIdentity: false }), 0);
}

async function tokenRequestFails(t: TestIdentity, refreshToken: string): Promise<string> {
  const c = new ConsoleClient(t);
  const as = await c.server();
  const response = await oauth.refreshTokenGrantRequest(as, c.client, oauth.None(), refreshToken, insecure);
  expect(response.status).toBe(400);
  return ((await response.json()) as { error: string }).error;
}

describe('the embedded OpenID provider', () => {
  let t: TestIdentity;
  let verifier: TokenVerifier;

  beforeAll(async () => {
    t = await startIdentity();
    const add = (username: string, role: Role, claims: { district?: string; org?: string; person?: string } = {}) =>
      t.idp.accounts.add({ username, password: PASSWORD, displayName: `${username} 的名字`, role, ...claims });
    await add('lucheng', Role.DISTRICT_ADMIN, { district: '330302' });
    await add('city', Role.CITY_ADMIN);
    await add('assoc', Role.ASSOCIATION_ADMIN, { org: ORG });
    await add('analyst', Role.ANALYST);
    await add('person', Role.PERSON, { person: PERSON });
    await add('locked-out', Role.ANALYST);
    await add('gone', Role.ANALYST);
    await add('leaver', Role.ANALYST);
    verifier = servicesVerifier(t);
  });
  afterAll(() => t?.stop());

  it('publishes its discovery document and keys: code flow with PKCE S256 only, RS256', async () => {
    const as = await new ConsoleClient(t).server();
    expect(as.issuer).toBe(t.idp.issuer);
    expect(as.jwks_uri).toBe(`${t.idp.issuer}/jwks`);
    expect(as.response_types_supported).toEqual(['code']);
    expect(as.code_challenge_methods_supported).toEqual(['S256']);
    const jwks = (await (await fetch(t.idp.jwksUrl)).json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('signs a district administrator in with code + PKCE; the services accept the access token through the JWKS', async () => {
    const c = new ConsoleClient(t);
    const start = await c.authorize();
    expect(start.status).toBe(200);
    for (const text of ['用户名', '密码', '登录']) expect(start.body).toContain(text);
    expect(start.headers.get('content-security-policy')).toBe(`default-src 'none'; style-src 'unsafe-inline'; form-action 'self' ${t.origin}; frame-ancestors 'none'; base-uri 'none'`);
    expect(start.headers.get('cache-control')).toBe('no-store');
    const done = await c.submitLogin(start, 'lucheng', PASSWORD);
    expect(done.url.href.startsWith(t.redirectUri)).toBe(true);
    const tokens = await c.exchange(done.url, start.state, start.verifier);

    expect(decodeProtectedHeader(tokens.access_token)).toMatchObject({ typ: 'at+jwt', alg: 'RS256' });
    const claims = decodeJwt(tokens.access_token);
    expect(claims).toMatchObject({ iss: t.idp.issuer, aud: 'tongxin', role: 'DISTRICT_ADMIN', district: '330302' });
    expect(claims).not.toHaveProperty('org');
    expect(claims).not.toHaveProperty('person');
    expect(claims.exp! - claims.iat!).toBe(600);
    expect(tokens.expires_in).toBe(600);
    const account = await t.idp.accounts.findByUsername('lucheng');
    expect(claims.sub).toBe(account!.id);

    const viewer = await verifier.verify(`Bearer ${tokens.access_token}`);
    expect(viewer).toMatchObject({ subject: account!.id, role: Role.DISTRICT_ADMIN, districtCode: '330302', organizationId: null, personId: null });

    expect(oauth.getValidatedIdTokenClaims(tokens)).toMatchObject({ sub: account!.id, aud: t.idp.clientId, name: 'lucheng 的名字', preferred_username: 'lucheng', role: 'DISTRICT_ADMIN' });
    expect(tokens.refresh_token).toEqual(expect.any(String));
  });

  it.each([
    ['city', { role: Role.CITY_ADMIN, districtCode: null, organizationId: null, personId: null }],
    ['assoc', { role: Role.ASSOCIATION_ADMIN, organizationId: ORG }],
    ['analyst', { role: Role.ANALYST }],
    ['person', { role: Role.PERSON, personId: PERSON }],
  ])('gives %s the claims of its role', async (username, expected) => {
    const tokens = await new ConsoleClient(t).signIn(username, PASSWORD);
    expect(await verifier.verify(`Bearer ${tokens.access_token}`)).toMatchObject(expected);
  });

  it('refreshes with a rotating refresh token: a new one each time, the old one refused', async () => {
    const c = new ConsoleClient(t);
    const first = await c.signIn('analyst', PASSWORD);
    const second = await c.refresh(first.refresh_token!);
    expect(second.refresh_token).toEqual(expect.any(String));
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(second.access_token).not.toBe(first.access_token);
    expect(await verifier.verify(`Bearer ${second.access_token}`)).toMatchObject({ role: Role.ANALYST });
    expect(await tokenRequestFails(t, first.refresh_token!)).toBe('invalid_grant');
  });

  it('refuses a wrong password and an unknown username alike, in Chinese, and issues nothing', async () => {
    for (const [username, password] of [
      ['lucheng', 'wrong-password'],
      ['nobody-here', PASSWORD],
    ]) {
      const c = new ConsoleClient(t);
      const start = await c.authorize();
      const res = await c.submitLogin(start, username!, password!);
      expect(res.status).toBe(401);
      expect(res.body).toContain(MESSAGES.invalid);
      expect(res.url.href.startsWith(t.redirectUri)).toBe(false);
      expect(res.location).toBeNull();
    }
  });

  it('escapes what it shows back', async () => {
    const c = new ConsoleClient(t);
    const start = await c.authorize();
    const res = await c.submitLogin(start, '<script>alert(1)</script>', 'x');
    expect(res.body).not.toContain('<script>alert(1)</script>');
    expect(res.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.body).not.toMatch(/<script/i);
  });

  it('locks a username for 15 minutes after 5 failures, whether it exists or not, even against the right password', async () => {
    for (const username of ['locked-out', 'no-such-user']) {
      const c = new ConsoleClient(t);
      let page: { status: number; body: string; url: URL } = await c.authorize();
      for (let i = 0; i < 5; i++) {
        page = await c.submitLogin(page, username, `wrong-${i}-password`);
        expect(page.status).toBe(401);
        expect(page.body).toContain(MESSAGES.invalid);
      }
      const res = await c.submitLogin(page, username, PASSWORD);
      expect(res.status).toBe(429);
      expect(res.body).toContain('尝试次数过多，请 15 分钟后再试');
      expect(res.url.href.startsWith(t.redirectUri)).toBe(false);
    }
    const account = await t.idp.accounts.findByUsername('locked-out');
    expect(account!.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000);
    // Another account from the same address still signs in (under the address's own limit).
    await expect(new ConsoleClient(t).signIn('city', PASSWORD)).resolves.toHaveProperty('access_token');
  });

  it('refuses a disabled account, and the refresh tokens it holds', async () => {
    const c = new ConsoleClient(t);
    const tokens = await c.signIn('gone', PASSWORD);
    await t.idp.accounts.setDisabled('gone', true);
    expect(await tokenRequestFails(t, tokens.refresh_token!)).toBe('invalid_grant');

    const fresh = new ConsoleClient(t);
    const start = await fresh.authorize();
    const res = await fresh.submitLogin(start, 'gone', PASSWORD);
    expect(res.status).toBe(403);
    expect(res.body).toContain(MESSAGES.disabled);
    expect(res.url.href.startsWith(t.redirectUri)).toBe(false);
  });

  it('ends the session on sign-out: its refresh token is refused and a new authorization asks for the password again', async () => {
    const c = new ConsoleClient(t);
    const tokens = await c.signIn('leaver', PASSWORD);
    // Still signed in at the provider: a second authorization goes straight back to the console.
    const again = await c.authorize();
    expect(again.url.href.startsWith(t.redirectUri)).toBe(true);

    const as = await c.server();
    const end = new URL(as.end_session_endpoint!);
    end.searchParams.set('id_token_hint', tokens.id_token!);
    end.searchParams.set('post_logout_redirect_uri', t.postLogoutRedirectUri);
    const confirm = await c.browser.request(end);
    expect(confirm.status).toBe(200);
    expect(confirm.body).toContain('退出登录');
    expect(confirm.headers.get('content-security-policy')).toContain("default-src 'none'");
    const action = /<form id="op.logoutForm" method="post" action="([^"]+)"/.exec(confirm.body)![1]!;
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(confirm.body)![1]!;
    const out = await c.browser.request(new URL(action, end), { form: { xsrf, logout: 'yes' } });
    expect(out.status).toBe(303);
    expect(out.location).toBe(t.postLogoutRedirectUri);

    expect(await tokenRequestFails(t, tokens.refresh_token!)).toBe('invalid_grant');
    const next = await c.authorize();
    expect(next.url.href.startsWith(t.redirectUri)).toBe(false);
    expect(next.body).toContain('密码');
  });

  it('keeps sessions and refresh tokens over a restart (its own table), and signing keys', async () => {
    const c = new ConsoleClient(t);
    const tokens = await c.signIn('analyst', PASSWORD);
    await t.restart();
    const refreshed = await c.refresh(tokens.refresh_token!);
    expect(await servicesVerifier(t).verify(`Bearer ${refreshed.access_token}`)).toMatchObject({ role: Role.ANALYST });
    const again = await c.authorize();
    expect(again.url.href.startsWith(t.redirectUri)).toBe(true);
  });

  it('takes a login form only with its interaction cookie (a form posted from elsewhere carries none)', async () => {
    const c = new ConsoleClient(t);
    const start = await c.authorize();
    const action = /<form method="post" action="([^"]+)"/.exec(start.body)![1]!;
    const stranger = new Browser(t.origin);
    const res = await stranger.request(new URL(action, start.url), { form: { username: 'city', password: PASSWORD } });
    expect(res.status).toBe(400);
    expect(res.body).toContain(MESSAGES.expired);
    expect(res.location).toBeNull();
  });

  it('refuses an authorization without PKCE', async () => {
    const c = new ConsoleClient(t);
    const res = await c.authorize({ code_challenge: '', code_challenge_method: '' });
    expect(res.url.href.startsWith(t.redirectUri)).toBe(true);
    expect(res.url.searchParams.get('error')).toBe('invalid_request');
    expect(res.url.searchParams.get('code')).toBeNull();
  });
});

describe('limits by client address', () => {
  let t: TestIdentity;
  beforeAll(async () => {
    t = await startIdentity({ lockout: { maxFailures: 5, maxFailuresPerAddress: 3, windowSeconds: 900, lockSeconds: 600 } });
    await t.idp.accounts.add({ username: 'city', password: PASSWORD, displayName: '市管理员', role: Role.CITY_ADMIN });
  });
  afterAll(() => t?.stop());

  it('locks an address that failed with many usernames, telling the configured time', async () => {
    const c = new ConsoleClient(t);
    let page: { status: number; body: string; url: URL } = await c.authorize();
    for (const username of ['a-user', 'b-user', 'c-user']) {
      page = await c.submitLogin(page, username, 'wrong-password');
      expect(page.status).toBe(401);
    }
    const res = await c.submitLogin(page, 'city', PASSWORD);
    expect(res.status).toBe(429);
    expect(res.body).toContain(MESSAGES.locked(10));
    expect(res.body).toContain('尝试次数过多，请 10 分钟后再试');
  });
});

describe('claims under the configured names (TONGXIN_CLAIM_*)', () => {
  const env = {
    TONGXIN_CLAIM_ROLE: 'tongxin_roles',
    TONGXIN_CLAIM_DISTRICT: 'https://tongxin.example/district',
    TONGXIN_CLAIM_ORG: 'tongxin.org',
    TONGXIN_CLAIM_PERSON: 'tongxin_person',
    TONGXIN_ROLE_VALUES: 'tx-district=DISTRICT_ADMIN,tx-person=PERSON',
  };
  let t: TestIdentity;
  beforeAll(async () => {
    t = await startIdentity({ claims: claimConfigFromEnv(env) });
    await t.idp.accounts.add({ username: 'lucheng', password: PASSWORD, displayName: '鹿城区管理员', role: Role.DISTRICT_ADMIN, district: '330302' });
    await t.idp.accounts.add({ username: 'person', password: PASSWORD, displayName: '张三', role: Role.PERSON, person: PERSON });
  });
  afterAll(() => t?.stop());

  it("issues role and scope under the configured names (dots and all) in the access token and the ID token (userinfo's claims are the ID token's); the services read them", async () => {
    const tokens = await new ConsoleClient(t).signIn('lucheng', PASSWORD);
    const access = decodeJwt(tokens.access_token);
    expect(access).toMatchObject({ tongxin_roles: 'tx-district', 'https://tongxin.example/district': '330302' });
    for (const name of ['role', 'district', 'org', 'person', 'tongxin.org', 'tongxin_person']) expect(access).not.toHaveProperty([name]);
    expect(oauth.getValidatedIdTokenClaims(tokens)).toMatchObject({ name: '鹿城区管理员', tongxin_roles: 'tx-district', 'https://tongxin.example/district': '330302' });
    expect(oauth.getValidatedIdTokenClaims(tokens)).not.toHaveProperty('role');

    const services = new TokenVerifier(authConfigFromEnv({ ...env, TONGXIN_JWKS_URL: t.idp.jwksUrl, TONGXIN_JWT_ISSUER: t.idp.issuer }, { serviceIdentity: false }), 0);
    expect(await services.verify(`Bearer ${tokens.access_token}`)).toMatchObject({ role: Role.DISTRICT_ADMIN, districtCode: '330302' });
    // Services still reading the default names refuse it, naming the claim they looked for.
    await expect(servicesVerifier(t).verify(`Bearer ${tokens.access_token}`)).rejects.toThrow('The token names no role of this platform (claim "role").');

    const person = await new ConsoleClient(t).signIn('person', PASSWORD);
    expect(decodeJwt(person.access_token)).toMatchObject({ tongxin_roles: 'tx-person', tongxin_person: PERSON });
    expect(await services.verify(`Bearer ${person.access_token}`)).toMatchObject({ role: Role.PERSON, personId: PERSON });
  });
});
