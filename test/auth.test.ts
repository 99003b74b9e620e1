import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { authConfigFromEnv, ConfigError, hs256Config, mintServiceToken, mintToken, Role, ServiceCredentials, TokenVerifier } from '@tongxin/common';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { TEST_AUTH, tokenFor } from './harness/auth';
import { postGraphQL } from './harness/graphql-client';
import { startTestPlatform, TestPlatform } from './harness/platform';

const QUERY = '{ districts { code } }';
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

/** Tokens every service must refuse, each with the reason a user is told. */
async function badTokens(): Promise<Array<[string, string | undefined, RegExp]>> {
  const otherKey = hs256Config('a-different-secret-of-enough-length-9876543210');
  const claims = { sub: 'x', role: 'CITY_ADMIN', iss: 'tongxin', aud: 'tongxin', iat: now(), exp: now() + 600 };
  return [
    ['no token', undefined, /Sign in first/],
    ['another scheme', 'Basic dXNlcjpwYXNz', /Bearer/],
    ['a malformed token', 'Bearer not.a.jwt', /malformed/],
    ['an expired token', `Bearer ${await mintToken(TEST_AUTH, { sub: 'x', role: Role.CITY_ADMIN }, now() - 60)}`, /expired/],
    ['a token signed with another key', `Bearer ${await mintToken(otherKey, { sub: 'x', role: Role.CITY_ADMIN })}`, /signature/],
    ['an unsigned alg:none token', `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`, /algorithm|malformed/],
    ['a token of another issuer', `Bearer ${await new SignJWT({ role: 'CITY_ADMIN' }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setIssuer('evil').setAudience('tongxin').setExpirationTime('1h').sign((TEST_AUTH as { secret: Uint8Array }).secret)}`, /iss/],
    ['a token without a role', `Bearer ${await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setIssuer('tongxin').setAudience('tongxin').setExpirationTime('1h').sign((TEST_AUTH as { secret: Uint8Array }).secret)}`, /no role/],
    ['a district administrator without a district', `Bearer ${await tokenFor({ role: Role.DISTRICT_ADMIN })}`, /district/],
    ['a district administrator of an unknown district', `Bearer ${await tokenFor({ role: Role.DISTRICT_ADMIN, district: '110101' })}`, /district/],
    ['an association administrator without an organization', `Bearer ${await tokenFor({ role: Role.ASSOCIATION_ADMIN })}`, /organization/],
    ['a person token without the person', `Bearer ${await tokenFor({ role: Role.PERSON })}`, /person/],
    ['a service token without its service', `Bearer ${await new SignJWT({ role: 'SERVICE' }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setIssuer('tongxin').setAudience('tongxin').setExpirationTime('1h').sign((TEST_AUTH as { secret: Uint8Array }).secret)}`, /service/],
  ];
}

describe('tokens', () => {
  let p: TestPlatform;
  let cases: Awaited<ReturnType<typeof badTokens>>;
  beforeAll(async () => {
    p = await startTestPlatform();
    cases = await badTokens();
  });
  afterAll(async () => {
    await p?.stop();
  });

  const requestsReceived = () => Object.values(p.subgraphs).reduce((n, s) => n + s.http.graphqlRequests(), 0);

  it('lets a valid token through the gateway', async () => {
    const res = await p.request(QUERY, {}, { authorization: `Bearer ${await tokenFor({ role: Role.ANALYST })}` });
    expect(res.errors).toBeUndefined();
    expect(res.data!.districts).toHaveLength(13);
  });

  it('refuses every bad token at the gateway with 401 UNAUTHENTICATED, before any subgraph sees it', async () => {
    for (const [label, authorization, reason] of cases) {
      const before = requestsReceived();
      const res = await postGraphQL(p.url, QUERY, {}, authorization === undefined ? {} : { authorization });
      expect({ label, status: res.status, code: res.errors?.[0]?.extensions?.code, data: res.data }).toEqual({ label, status: 401, code: 'UNAUTHENTICATED', data: undefined });
      expect(res.errors![0]!.message).toMatch(reason);
      expect(requestsReceived()).toBe(before);
    }
  });

  it('refuses every bad token at each subgraph too, when called directly', async () => {
    for (const subgraph of Object.values(p.subgraphs)) {
      for (const [label, authorization] of cases) {
        const res = await postGraphQL(subgraph.url, '{ __typename }', {}, authorization === undefined ? {} : { authorization });
        expect({ subgraph: subgraph.name, label, status: res.status, code: res.errors?.[0]?.extensions?.code }).toEqual({
          subgraph: subgraph.name,
          label,
          status: 401,
          code: 'UNAUTHENTICATED',
        });
      }
    }
  });
});

describe('service tokens', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startTestPlatform();
  });
  afterAll(async () => {
    await p?.stop();
  });

  it('are refused at the gateway: clients never carry one', async () => {
    const res = await postGraphQL(p.url, QUERY, {}, { authorization: `Bearer ${await mintServiceToken(TEST_AUTH, 'persons')}` });
    expect(res.status).toBe(401);
    expect(res.errors![0]!.message).toBe('A service token cannot be used here: sign in as a user.');
  });

  it('hold no role in a subgraph: every operation of the register refuses them', async () => {
    const authorization = `Bearer ${await mintServiceToken(TEST_AUTH, 'persons')}`;
    const res = await postGraphQL(p.subgraphs.persons!.url, '{ persons(first: 1) { totalCount } }', {}, { authorization });
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const audit = await postGraphQL(p.subgraphs.organizations!.url, '{ organizationsAuditEvents(first: 1) { hasMore } }', {}, { authorization });
    expect(audit.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });

  it('are minted and renewed with the embedded secret, or must be configured with an identity provider', async () => {
    const credentials = new ServiceCredentials(TEST_AUTH, 'persons', undefined);
    const first = await credentials.authorization(0);
    expect(await credentials.authorization(60_000)).toBe(first);
    const viewer = await new TokenVerifier(TEST_AUTH).verify(first);
    expect(viewer).toMatchObject({ service: 'persons', role: null, system: false });
    const rs256 = { kind: 'rs256-jwks', jwksUrl: 'https://idp.example/jwks', issuer: 'tongxin', audience: 'tongxin' } as const;
    expect(() => new ServiceCredentials(rs256, 'persons', undefined)).toThrow(ConfigError);
    expect(await new ServiceCredentials(rs256, 'persons', 'issued.by.idp').authorization()).toBe('Bearer issued.by.idp');
  });
});

describe('RS256 keys', () => {
  it('verifies with a PEM public key and refuses HS256 tokens against it', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const verifier = new TokenVerifier({ kind: 'rs256-pem', publicKeyPem: await exportSPKI(publicKey), issuer: 'tongxin', audience: 'tongxin' });
    const good = await new SignJWT({ role: 'ANALYST' }).setProtectedHeader({ alg: 'RS256' }).setSubject('a').setIssuer('tongxin').setAudience('tongxin').setExpirationTime('5m').sign(privateKey);
    await expect(verifier.verify(`Bearer ${good}`)).resolves.toMatchObject({ role: Role.ANALYST, subject: 'a' });
    const hs = await mintToken(TEST_AUTH, { sub: 'a', role: Role.CITY_ADMIN });
    await expect(verifier.verify(`Bearer ${hs}`)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('verifies with keys fetched from a JWKS endpoint', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    const server = http.createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const { port } = server.address() as { port: number };
      const verifier = new TokenVerifier({ kind: 'rs256-jwks', jwksUrl: `http://127.0.0.1:${port}/jwks.json`, issuer: 'tongxin', audience: 'tongxin' });
      const token = await new SignJWT({ role: 'DISTRICT_ADMIN', district: '330302' }).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setSubject('d').setIssuer('tongxin').setAudience('tongxin').setExpirationTime('5m').sign(privateKey);
      await expect(verifier.verify(`Bearer ${token}`)).resolves.toMatchObject({ role: Role.DISTRICT_ADMIN, districtCode: '330302' });
      const other = await generateKeyPair('RS256');
      const forged = await new SignJWT({ role: 'CITY_ADMIN' }).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setSubject('d').setIssuer('tongxin').setAudience('tongxin').setExpirationTime('5m').sign(other.privateKey);
      await expect(verifier.verify(`Bearer ${forged}`)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    } finally {
      server.close();
    }
  });
});

describe('token configuration', () => {
  it('makes one secret for the embedded default and reuses it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongxin-auth-'));
    const first = authConfigFromEnv({ TONGXIN_DATA_DIR: dir });
    const second = authConfigFromEnv({ TONGXIN_DATA_DIR: dir });
    expect(first).toEqual(second);
    expect(fs.statSync(path.join(dir, 'jwt-secret')).mode & 0o777).toBe(0o600);
    fs.rmSync(dir, { recursive: true });
  });

  it.each([
    [{ NODE_ENV: 'production' }, /In production/],
    [{ TONGXIN_JWT_SECRET: 'too-short' }, /at least 32 bytes/],
    [{ TONGXIN_JWT_SECRET: 'x'.repeat(40), TONGXIN_JWKS_URL: 'https://idp.example/jwks.json' }, /only one/],
    [{ TONGXIN_JWT_PUBLIC_KEY: 'not a key' }, /PEM/],
    [{ TONGXIN_JWKS_URL: 'ftp://idp' }, /http/],
  ])('refuses to start on %j', (env, message) => {
    expect(() => authConfigFromEnv(env)).toThrow(ConfigError);
    expect(() => authConfigFromEnv(env)).toThrow(message);
  });
});

describe('verified tokens are remembered until they expire', () => {
  const city = { sub: 'remembered-city', role: Role.CITY_ADMIN };

  it('answers the same token with the same (frozen) viewer, and verifies a token differing in one byte afresh', async () => {
    const verifier = new TokenVerifier(TEST_AUTH);
    const token = await mintToken(TEST_AUTH, city, '1h');
    const first = await verifier.verify(`Bearer ${token}`);
    expect(await verifier.verify(`Bearer ${token}`)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(verifier.remembered).toBe(1);
    const last = token.at(-2) === 'A' ? 'B' : 'A';
    const forged = `${token.slice(0, -2)}${last}${token.at(-1)}`;
    await expect(verifier.verify(`Bearer ${forged}`)).rejects.toMatchObject({ message: 'The token signature is not valid.', extensions: { code: 'UNAUTHENTICATED' } });
    expect(verifier.remembered).toBe(1);
  });

  it('refuses a remembered token once it has expired, and forgets it', async () => {
    let now = Math.floor(Date.now() / 1000);
    const verifier = new TokenVerifier(TEST_AUTH, 100, () => now);
    const token = await mintToken(TEST_AUTH, city, now + 60);
    await expect(verifier.verify(`Bearer ${token}`)).resolves.toMatchObject({ role: Role.CITY_ADMIN });
    now += 59;
    await expect(verifier.verify(`Bearer ${token}`)).resolves.toMatchObject({ role: Role.CITY_ADMIN });
    now += 1;
    await expect(verifier.verify(`Bearer ${token}`)).rejects.toMatchObject({ message: 'The token has expired: sign in again.' });
    expect(verifier.remembered).toBe(0);
  });

  it('verifies a long-lived token afresh after 10 minutes (a withdrawn key stops working as soon as jose would notice)', async () => {
    let now = Math.floor(Date.now() / 1000);
    const verifier = new TokenVerifier(TEST_AUTH, 100, () => now);
    const token = await mintToken(TEST_AUTH, city, now + 3600);
    const first = await verifier.verify(`Bearer ${token}`);
    now += 599;
    expect(await verifier.verify(`Bearer ${token}`)).toBe(first);
    now += 1;
    const again = await verifier.verify(`Bearer ${token}`);
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
    // Signed with another secret (a withdrawn key), the same claims are refused once re-verified.
    const other = new TokenVerifier({ ...TEST_AUTH, secret: new TextEncoder().encode('another-secret-of-enough-length-0123456789') } as never, 100, () => now);
    await expect(other.verify(`Bearer ${token}`)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('remembers at most its size, forgetting the least recently used', async () => {
    const verifier = new TokenVerifier(TEST_AUTH, 2);
    const tokens = await Promise.all(['a', 'b', 'c'].map((sub) => mintToken(TEST_AUTH, { sub, role: Role.ANALYST }, '1h')));
    for (const t of tokens) await verifier.verify(`Bearer ${t}`);
    expect(verifier.remembered).toBe(2);
    const none = new TokenVerifier(TEST_AUTH, 0);
    await none.verify(`Bearer ${tokens[0]}`);
    expect(none.remembered).toBe(0);
  });
});
