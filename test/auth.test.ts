import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { authConfigFromEnv, ConfigError, DEFAULT_MAX_TOKEN_LIFETIME_SECONDS, hs256Config, makeIdNumber, mintServiceToken, mintToken, Role, TokenVerifier } from '@tongxin/common';
import { decodeJwt, exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { TEST_AUTH, TEST_SERVICE_SECRET, tokenFor } from './harness/auth';
import { postGraphQL } from './harness/graphql-client';
import { startTestPlatform, TestPlatform } from './harness/platform';

const QUERY = '{ districts { code } }';
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

const usersKey = (TEST_AUTH as { secret: Uint8Array }).secret;
const serviceKey = new TextEncoder().encode(TEST_SERVICE_SECRET);

/** A token of exactly these claims (none added), signed with HS256 and `key` (the users' by default). */
function signed(claims: Record<string, unknown>, key: Uint8Array = usersKey): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(key);
}

/** A subgraph's reason for refusing a service token; the gateway refuses every one for being one. */
const atGatewayOr = (reason: RegExp) => new RegExp(`${reason.source}|^A service token cannot be used here: sign in as a user\\.$`);

/** Tokens every service must refuse, each with the reason a user is told. */
async function badTokens(): Promise<Array<[string, string | undefined, RegExp]>> {
  const otherKey = hs256Config('a-different-secret-of-enough-length-9876543210');
  const claims = { sub: 'x', role: 'CITY_ADMIN', iss: 'tongxin', aud: 'tongxin', iat: now(), exp: now() + 600 };
  const service = { sub: 'service:persons', role: 'SERVICE', svc: 'persons', iss: 'tongxin-service', aud: 'tongxin', iat: now(), exp: now() + 300 };
  return [
    ['no token', undefined, /Sign in first/],
    ['another scheme', 'Basic dXNlcjpwYXNz', /Bearer/],
    ['a malformed token', 'Bearer not.a.jwt', /malformed/],
    ['an expired token', `Bearer ${await mintToken(TEST_AUTH, { sub: 'x', role: Role.CITY_ADMIN }, now() - 60)}`, /expired/],
    ['a token signed with another key', `Bearer ${await mintToken(otherKey, { sub: 'x', role: Role.CITY_ADMIN })}`, /signature/],
    ['an unsigned alg:none token', `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`, /algorithm|malformed/],
    ['a token of another issuer', `Bearer ${await signed({ ...claims, iss: 'evil' })}`, /iss/],
    ['a token without a role', `Bearer ${await signed({ ...claims, role: undefined })}`, /no role/],
    // The audit log names the caller by `sub`: a number or an object there broke every write of theirs.
    ['a subject that is a number', `Bearer ${await signed({ ...claims, sub: 42 })}`, /subject \(claim "sub"\)/],
    ['a subject that is an object', `Bearer ${await signed({ ...claims, sub: { id: 'x' } })}`, /subject \(claim "sub"\)/],
    ['an empty subject', `Bearer ${await signed({ ...claims, sub: '' })}`, /subject \(claim "sub"\)/],
    ['a blank subject', `Bearer ${await signed({ ...claims, sub: '   ' })}`, /subject \(claim "sub"\)/],
    ['a subject longer than the audit log holds', `Bearer ${await signed({ ...claims, sub: 'x'.repeat(101) })}`, /1 to 100 characters/],
    ['a token without a subject', `Bearer ${await signed({ ...claims, sub: undefined })}`, /sub claim/],
    // Lifetime: iat required, not in the future, exp - iat at most 24 hours.
    ['a token without iat', `Bearer ${await signed({ ...claims, iat: undefined })}`, /when it was issued/],
    ['a token whose iat is not a number', `Bearer ${await signed({ ...claims, iat: 'yesterday' })}`, /iat/],
    ['a token issued in the future', `Bearer ${await signed({ ...claims, iat: now() + 300, exp: now() + 900 })}`, /issued in the future/],
    ['a token living longer than 24 hours', `Bearer ${await signed({ ...claims, exp: claims.iat + DEFAULT_MAX_TOKEN_LIFETIME_SECONDS + 1 })}`, /at most 24h/],
    ['a token living a year', `Bearer ${await signed({ ...claims, iat: now() - 3600, exp: now() + 365 * 86400 })}`, /at most 24h/],
    // Two keys: a user's key never signs a service token, the service key never a user's.
    ["a service token signed with the users' key", `Bearer ${await signed(service)}`, atGatewayOr(/signed with the key of service calls/)],
    ['a city administrator token signed with the service key', `Bearer ${await signed(claims, serviceKey)}`, /signature/],
    ['a city administrator token signed with the service key and issuer', `Bearer ${await signed({ ...claims, iss: 'tongxin-service' }, serviceKey)}`, /signature|iss/],
    ['a district administrator without a district', `Bearer ${await tokenFor({ role: Role.DISTRICT_ADMIN })}`, /district/],
    ['a district administrator of an unknown district', `Bearer ${await tokenFor({ role: Role.DISTRICT_ADMIN, district: '110101' })}`, /district/],
    ['an association administrator without an organization', `Bearer ${await tokenFor({ role: Role.ASSOCIATION_ADMIN })}`, /organization/],
    ['a person token without the person', `Bearer ${await tokenFor({ role: Role.PERSON })}`, /person/],
    ['a service token without its service', `Bearer ${await signed({ ...service, svc: undefined }, serviceKey)}`, atGatewayOr(/must name its service/)],
    ['a service token living longer than 24 hours', `Bearer ${await signed({ ...service, exp: service.iat + DEFAULT_MAX_TOKEN_LIFETIME_SECONDS + 1 }, serviceKey)}`, atGatewayOr(/at most 24h/)],
    ['a service token with a numeric subject', `Bearer ${await signed({ ...service, sub: 7 }, serviceKey)}`, atGatewayOr(/subject/)],
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
      for (const [label, authorization, reason] of cases) {
        const res = await postGraphQL(subgraph.url, '{ __typename }', {}, authorization === undefined ? {} : { authorization });
        expect({ subgraph: subgraph.name, label, status: res.status, code: res.errors?.[0]?.extensions?.code }).toEqual({
          subgraph: subgraph.name,
          label,
          status: 401,
          code: 'UNAUTHENTICATED',
        });
        expect(res.errors![0]!.message).toMatch(reason);
        expect(res.errors![0]!.message).not.toBe('A service token cannot be used here: sign in as a user.');
      }
    }
  });

  it('refuses a mutation of a caller whose subject is not a name at the door: 401, nothing written, not a 500', async () => {
    const REGISTER = `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id } } }`;
    const input = { name: '张三', idNumber: makeIdNumber('330302', '1985-01-02', 11), politicalAffiliation: 'MASSES', category: 'FREELANCER', districtCode: '330302' };
    const events = async () => (await p.subgraphs.persons!.dataSource.query('SELECT COUNT(*) AS n FROM audit_event'))[0].n;
    const before = Number(await events());
    for (const sub of [42, { id: 'x' }, '']) {
      const authorization = `Bearer ${await signed({ sub, role: 'CITY_ADMIN', iss: 'tongxin', aud: 'tongxin', iat: now(), exp: now() + 600 })}`;
      for (const url of [p.url, p.subgraphs.persons!.url]) {
        const res = await postGraphQL(url, REGISTER, { input }, { authorization });
        expect({ sub, url, status: res.status, code: res.errors?.[0]?.extensions?.code }).toEqual({ sub, url, status: 401, code: 'UNAUTHENTICATED' });
      }
    }
    expect(Number(await events())).toBe(before);
  });
});

describe('claims under configured names (TONGXIN_CLAIM_*)', () => {
  // A department's identity provider: roles in a nested array (Keycloak), the district under a namespaced name.
  const claimsEnv = { TONGXIN_CLAIM_ROLE: 'realm_access.roles', TONGXIN_CLAIM_DISTRICT: 'https://tongxin.example/district', TONGXIN_CLAIM_ORG: 'tx_org', TONGXIN_CLAIM_PERSON: 'tx_person' };
  let p: TestPlatform;
  beforeAll(async () => {
    const auth = authConfigFromEnv({ TONGXIN_JWT_SECRET: new TextDecoder().decode(usersKey), TONGXIN_SERVICE_SECRET: TEST_SERVICE_SECRET, ...claimsEnv });
    p = await startTestPlatform({ auth });
  });
  afterAll(async () => {
    await p?.stop();
  });

  const user = (claims: Record<string, unknown>) => signed({ sub: 'kc-user', iss: 'tongxin', aud: 'tongxin', iat: now(), exp: now() + 600, ...claims });
  const REGISTER = `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id district { code } } } }`;
  const person = (districtCode: string, serial: number) => ({
    name: '李四',
    idNumber: makeIdNumber(districtCode, '1990-03-04', serial),
    politicalAffiliation: 'MASSES',
    category: 'FREELANCER',
    districtCode,
  });

  it('takes a token with the renamed claims at the gateway and at each subgraph, scoped by the renamed district claim', async () => {
    const analyst = `Bearer ${await user({ realm_access: { roles: ['offline_access', 'ANALYST'] } })}`;
    const res = await p.request(QUERY, {}, { authorization: analyst });
    expect(res.errors).toBeUndefined();
    for (const subgraph of Object.values(p.subgraphs)) expect((await postGraphQL(subgraph.url, '{ __typename }', {}, { authorization: analyst })).status).toBe(200);

    const lucheng = `Bearer ${await user({ realm_access: { roles: ['DISTRICT_ADMIN'] }, 'https://tongxin.example/district': '330302' })}`;
    const own = await p.request(REGISTER, { input: person('330302', 21) }, { authorization: lucheng });
    expect(own.errors).toBeUndefined();
    expect(own.data).toMatchObject({ registerPerson: { person: { district: { code: '330302' } } } });
    const other = await p.request(REGISTER, { input: person('330303', 22) }, { authorization: lucheng });
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses, naming the configured claim: the default names, two platform roles, a district administrator without the renamed district', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ role: 'CITY_ADMIN' }, 'The token names no role of this platform (claim "realm_access.roles").'],
      [{ realm_access: { roles: ['CITY_ADMIN', 'ANALYST'] } }, 'The token names more than one role of this platform (claim "realm_access.roles": CITY_ADMIN, ANALYST): an account holds exactly one.'],
      [{ realm_access: { roles: ['DISTRICT_ADMIN'] }, district: '330302' }, 'A district administrator token must name one of the 12 districts (claim "https://tongxin.example/district").'],
    ];
    for (const [claims, message] of cases) {
      const authorization = `Bearer ${await user(claims)}`;
      for (const url of [p.url, p.subgraphs.persons!.url]) {
        const res = await postGraphQL(url, QUERY, {}, { authorization });
        expect({ url, status: res.status, code: res.errors?.[0]?.extensions?.code, message: res.errors?.[0]?.message }).toEqual({ url, status: 401, code: 'UNAUTHENTICATED', message });
      }
    }
  });
});

describe('RS256 keys', () => {
  it('verifies with a PEM public key and refuses HS256 tokens against it', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const verifier = new TokenVerifier({ kind: 'rs256-pem', publicKeyPem: await exportSPKI(publicKey), issuer: 'tongxin', audience: 'tongxin' });
    const good = await new SignJWT({ role: 'ANALYST' })
      .setProtectedHeader({ alg: 'RS256' })
      .setSubject('a')
      .setIssuer('tongxin')
      .setAudience('tongxin')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
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
      const token = await new SignJWT({ role: 'DISTRICT_ADMIN', district: '330302' })
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setSubject('d')
        .setIssuer('tongxin')
        .setAudience('tongxin')
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey);
      await expect(verifier.verify(`Bearer ${token}`)).resolves.toMatchObject({ role: Role.DISTRICT_ADMIN, districtCode: '330302' });
      const other = await generateKeyPair('RS256');
      const forged = await new SignJWT({ role: 'CITY_ADMIN' })
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setSubject('d')
        .setIssuer('tongxin')
        .setAudience('tongxin')
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(other.privateKey);
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

  const SECRET = 'x'.repeat(40);

  it.each([
    [undefined, 86400],
    ['', 86400],
    ['3600', 3600],
    ['90s', 90],
    ['30m', 1800],
    ['8h', 28800],
    ['7d', 604800],
    ['30d', 2592000],
  ])('reads TONGXIN_JWT_MAX_LIFETIME=%j as %d seconds (24h by default)', (value, seconds) => {
    expect(authConfigFromEnv({ TONGXIN_JWT_SECRET: SECRET, TONGXIN_JWT_MAX_LIFETIME: value }, { serviceIdentity: false }).maxLifetimeSeconds).toBe(seconds);
  });

  it.each(['forever', '24 hours', '1.5h', '-1h', '0', '59s', '31d', '1w', '12h30m'])('refuses to start on TONGXIN_JWT_MAX_LIFETIME=%s, saying what it takes', (value) => {
    const env = { TONGXIN_JWT_SECRET: SECRET, TONGXIN_JWT_MAX_LIFETIME: value };
    expect(() => authConfigFromEnv(env)).toThrow(new ConfigError(`TONGXIN_JWT_MAX_LIFETIME=${value} is not a lifetime from 1m to 30d: write seconds (86400) or a number with s, m, h or d (24h)`));
  });
});

describe('token lifetime', () => {
  const at = 1_800_000_000;
  const claims = { sub: 'life', role: 'ANALYST', iss: 'tongxin', aud: 'tongxin' };
  const hourly = { ...TEST_AUTH, maxLifetimeSeconds: 3600 };

  it('takes a token living exactly the configured maximum and refuses one a second longer', async () => {
    const verifier = new TokenVerifier(hourly, 0, () => at);
    await expect(verifier.verify(`Bearer ${await signed({ ...claims, iat: at, exp: at + 3600 })}`)).resolves.toMatchObject({ role: Role.ANALYST });
    await expect(verifier.verify(`Bearer ${await signed({ ...claims, iat: at, exp: at + 3601 })}`)).rejects.toMatchObject({
      message: 'The token lives longer than this platform allows (at most 1h from "iat" to "exp"): ask for a shorter-lived one.',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    // Measured from iat, not from now: a token issued long ago for a long time is refused too.
    await expect(verifier.verify(`Bearer ${await signed({ ...claims, iat: at - 7000, exp: at + 600 })}`)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('takes an iat up to a minute ahead of its clock (clock skew) and refuses one further ahead', async () => {
    const verifier = new TokenVerifier(TEST_AUTH, 0, () => at);
    await expect(verifier.verify(`Bearer ${await signed({ ...claims, iat: at + 60, exp: at + 600 })}`)).resolves.toMatchObject({ role: Role.ANALYST });
    await expect(verifier.verify(`Bearer ${await signed({ ...claims, iat: at + 61, exp: at + 600 })}`)).rejects.toMatchObject({
      message: 'The token claims to be issued in the future (claim "iat"): check the clock of whoever issued it.',
    });
  });

  it('refuses a token without iat, whose lifetime cannot be known, even when it expires soon', async () => {
    const verifier = new TokenVerifier(TEST_AUTH, 0, () => at);
    await expect(verifier.verify(`Bearer ${await signed({ ...claims, exp: at + 60 })}`)).rejects.toMatchObject({
      message: 'The token must say when it was issued (claim "iat"): ask for a new one.',
    });
  });

  it("carries iat in every token the platform mints (users' and services')", async () => {
    for (const token of [await tokenFor({ role: Role.CITY_ADMIN }), await mintToken(TEST_AUTH, { sub: 'a', role: Role.ANALYST }), await mintServiceToken(TEST_AUTH, 'persons')]) {
      const { iat, exp } = decodeJwt(token);
      expect(typeof iat).toBe('number');
      expect(exp! - iat!).toBeLessThanOrEqual(DEFAULT_MAX_TOKEN_LIFETIME_SECONDS);
    }
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
