import { SignJWT } from 'jose';
import { AuthConfig, authConfigFromEnv, claimConfigFromEnv, claimValue, ConfigError, DEFAULT_CLAIM_NAMES, mintServiceToken, mintToken, Role, TokenVerifier, withServiceSecret } from '../src';

const SECRET = 'claims-test-secret-of-enough-length-0123456789';
const SERVICE_SECRET = 'claims-test-service-secret-of-enough-length-98765';
const ORG = '0190a6f2-7c1e-7a3b-8d4e-5f6a7b8c9d0e';
const PERSON = '0190a6f2-7c1e-7a3b-8d4e-5f6a7b8c9d0f';
const now = () => Math.floor(Date.now() / 1000);

/** A configuration as the services read it from these variables, with the users' HS256 secret and the service key. */
function configOf(vars: Record<string, string> = {}): AuthConfig {
  return authConfigFromEnv({ TONGXIN_JWT_SECRET: SECRET, TONGXIN_SERVICE_SECRET: SERVICE_SECRET, ...vars });
}

/** A token of exactly these claims (besides the standard ones), signed with the users' key. */
function signed(claims: Record<string, unknown>): Promise<string> {
  return new SignJWT({ sub: 'someone', iss: 'tongxin', aud: 'tongxin', iat: now(), exp: now() + 600, ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode(SECRET));
}

const verify = (config: AuthConfig, token: string) => new TokenVerifier(config, 0).verify(`Bearer ${token}`);

const KEYCLOAK = {
  TONGXIN_CLAIM_ROLE: 'realm_access.roles',
  TONGXIN_CLAIM_DISTRICT: 'https://tongxin.example/district',
  TONGXIN_CLAIM_ORG: 'tongxin.org',
  TONGXIN_CLAIM_PERSON: 'tongxin_person',
};

describe('claim names from the environment', () => {
  it('defaults to role, district, org and person', () => {
    expect(configOf().claims).toEqual({ names: DEFAULT_CLAIM_NAMES });
    expect(DEFAULT_CLAIM_NAMES).toEqual({ role: 'role', district: 'district', org: 'org', person: 'person' });
  });

  it('reads the four names and the role values', () => {
    const config = claimConfigFromEnv({ ...KEYCLOAK, TONGXIN_ROLE_VALUES: 'tongxin-city=CITY_ADMIN, tongxin-district=DISTRICT_ADMIN,city=CITY_ADMIN' });
    expect(config.names).toEqual({ role: 'realm_access.roles', district: 'https://tongxin.example/district', org: 'tongxin.org', person: 'tongxin_person' });
    expect([...config.roleValues!]).toEqual([
      ['tongxin-city', Role.CITY_ADMIN],
      ['tongxin-district', Role.DISTRICT_ADMIN],
      ['city', Role.CITY_ADMIN],
    ]);
  });

  it.each([
    [{ TONGXIN_CLAIM_ROLE: 'has space' }, /TONGXIN_CLAIM_ROLE=has space is not a claim name/],
    [{ TONGXIN_CLAIM_DISTRICT: 'a..b' }, /TONGXIN_CLAIM_DISTRICT=a\.\.b is not a claim name/],
    [{ TONGXIN_CLAIM_ORG: '.org' }, /TONGXIN_CLAIM_ORG=\.org is not a claim name/],
    [{ TONGXIN_CLAIM_PERSON: 'sub' }, /TONGXIN_CLAIM_PERSON=sub: the claim "sub" means something else/],
    [{ TONGXIN_CLAIM_ROLE: 'svc' }, /TONGXIN_CLAIM_ROLE=svc/],
    [{ TONGXIN_CLAIM_ORG: 'district' }, /TONGXIN_CLAIM_DISTRICT and TONGXIN_CLAIM_ORG both name the claim "district"/],
    [{ TONGXIN_ROLE_VALUES: 'tongxin-city=MAYOR' }, /TONGXIN_ROLE_VALUES: "tongxin-city=MAYOR" is not value=ROLE/],
    [{ TONGXIN_ROLE_VALUES: 'CITY_ADMIN' }, /is not value=ROLE/],
    [{ TONGXIN_ROLE_VALUES: 'a=ANALYST,a=CITY_ADMIN' }, /names "a" twice/],
    [{ TONGXIN_ROLE_VALUES: 'x=SERVICE' }, /is not value=ROLE/],
  ])('refuses %p with a ConfigError', (vars, message) => {
    expect(() => configOf(vars)).toThrow(ConfigError);
    expect(() => configOf(vars)).toThrow(message);
  });
});

describe('claimValue', () => {
  it('looks a name up whole first, then as a path into nested objects', () => {
    const payload = { 'a.b': 'whole', a: { b: 'nested', c: { d: ['x'] } }, e: ['not', 'an', 'object'] };
    expect(claimValue(payload, 'a.b')).toBe('whole');
    expect(claimValue(payload, 'a.c.d')).toEqual(['x']);
    expect(claimValue(payload, 'a.x')).toBeUndefined();
    expect(claimValue(payload, 'e.0')).toBeUndefined();
    expect(claimValue(payload, 'a.b.c')).toBeUndefined();
    expect(claimValue(payload, 'toString')).toBeUndefined();
    expect(claimValue(payload, 'a.constructor')).toBeUndefined();
  });
});

describe('the viewer of a token, from the configured claims', () => {
  it('reads role, district, org and person by default', async () => {
    const config = configOf();
    await expect(verify(config, await signed({ role: 'DISTRICT_ADMIN', district: '330302' }))).resolves.toMatchObject({ role: Role.DISTRICT_ADMIN, districtCode: '330302' });
    await expect(verify(config, await signed({ role: 'ASSOCIATION_ADMIN', org: ORG }))).resolves.toMatchObject({ role: Role.ASSOCIATION_ADMIN, organizationId: ORG });
    await expect(verify(config, await signed({ role: 'PERSON', person: PERSON }))).resolves.toMatchObject({ role: Role.PERSON, personId: PERSON });
  });

  it('reads renamed claims, and no longer the default names', async () => {
    const config = configOf({ TONGXIN_CLAIM_ROLE: 'tx_role', TONGXIN_CLAIM_DISTRICT: 'tx_district', TONGXIN_CLAIM_ORG: 'tx_org', TONGXIN_CLAIM_PERSON: 'tx_person' });
    await expect(verify(config, await signed({ tx_role: 'DISTRICT_ADMIN', tx_district: '330302' }))).resolves.toMatchObject({ role: Role.DISTRICT_ADMIN, districtCode: '330302' });
    await expect(verify(config, await signed({ tx_role: 'ASSOCIATION_ADMIN', tx_org: ORG }))).resolves.toMatchObject({ organizationId: ORG });
    await expect(verify(config, await signed({ tx_role: 'PERSON', tx_person: PERSON }))).resolves.toMatchObject({ personId: PERSON });
    await expect(verify(config, await signed({ role: 'CITY_ADMIN' }))).rejects.toThrow('The token names no role of this platform (claim "tx_role").');
    await expect(verify(config, await signed({ tx_role: 'DISTRICT_ADMIN', district: '330302' }))).rejects.toThrow(
      'A district administrator token must name one of the 12 districts (claim "tx_district").',
    );
    await expect(verify(config, await signed({ tx_role: 'ASSOCIATION_ADMIN', org: ORG }))).rejects.toThrow('(claim "tx_org")');
    await expect(verify(config, await signed({ tx_role: 'PERSON', person: PERSON }))).rejects.toThrow('(claim "tx_person")');
  });

  it("reads Keycloak's nested array of roles and namespaced claims whose names hold dots", async () => {
    const config = configOf(KEYCLOAK);
    const token = await signed({ realm_access: { roles: ['offline_access', 'DISTRICT_ADMIN', 'uma_authorization'] }, 'https://tongxin.example/district': '330302' });
    await expect(verify(config, token)).resolves.toMatchObject({ role: Role.DISTRICT_ADMIN, districtCode: '330302' });
    // `tongxin.org` as one claim (whole first) and as a path.
    await expect(verify(config, await signed({ realm_access: { roles: ['ASSOCIATION_ADMIN'] }, 'tongxin.org': ORG }))).resolves.toMatchObject({ organizationId: ORG });
    await expect(verify(config, await signed({ realm_access: { roles: ['ASSOCIATION_ADMIN'] }, tongxin: { org: ORG } }))).resolves.toMatchObject({ organizationId: ORG });
    // A string where an array is expected is one value.
    await expect(verify(config, await signed({ realm_access: { roles: 'ANALYST' } }))).resolves.toMatchObject({ role: Role.ANALYST });
  });

  it('refuses a role claim listing two platform roles, and one listing none', async () => {
    const config = configOf(KEYCLOAK);
    await expect(verify(config, await signed({ realm_access: { roles: ['CITY_ADMIN', 'ANALYST'] } }))).rejects.toMatchObject({
      message: 'The token names more than one role of this platform (claim "realm_access.roles": CITY_ADMIN, ANALYST): an account holds exactly one.',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    // The same role twice is one role.
    await expect(verify(config, await signed({ realm_access: { roles: ['ANALYST', 'ANALYST'] } }))).resolves.toMatchObject({ role: Role.ANALYST });
    await expect(verify(config, await signed({ realm_access: { roles: ['offline_access'] } }))).rejects.toThrow('The token names no role of this platform (claim "realm_access.roles").');
    await expect(verify(config, await signed({ realm_access: { roles: [] } }))).rejects.toThrow('names no role');
    await expect(verify(config, await signed({ realm_access: 'CITY_ADMIN' }))).rejects.toThrow('names no role');
    await expect(verify(config, await signed({ role: 'CITY_ADMIN' }))).rejects.toThrow('names no role');
  });

  it("maps the identity provider's role values (TONGXIN_ROLE_VALUES), and then takes only those", async () => {
    const config = configOf({ TONGXIN_CLAIM_ROLE: 'groups', TONGXIN_ROLE_VALUES: 'tongxin-city=CITY_ADMIN,tongxin-analyst=ANALYST,tongxin-admins=CITY_ADMIN' });
    await expect(verify(config, await signed({ groups: ['staff', 'tongxin-analyst'] }))).resolves.toMatchObject({ role: Role.ANALYST });
    await expect(verify(config, await signed({ groups: ['tongxin-city', 'tongxin-admins'] }))).resolves.toMatchObject({ role: Role.CITY_ADMIN });
    await expect(verify(config, await signed({ groups: ['tongxin-city', 'tongxin-analyst'] }))).rejects.toThrow('more than one role');
    await expect(verify(config, await signed({ groups: ['CITY_ADMIN'] }))).rejects.toThrow('names no role');
  });

  it('leaves service tokens with their fixed role and svc claims', async () => {
    const config = withServiceSecret(configOf(KEYCLOAK), SERVICE_SECRET);
    await expect(verify(config, await mintServiceToken(config, 'persons'))).resolves.toMatchObject({ service: 'persons', role: null });
  });

  it('mints tokens under the configured names, which it then reads', async () => {
    const config = configOf({ ...KEYCLOAK, TONGXIN_CLAIM_ROLE: 'groups', TONGXIN_ROLE_VALUES: 'tongxin-district=DISTRICT_ADMIN' });
    const token = await mintToken(config, { sub: 'd', role: Role.DISTRICT_ADMIN, district: '330302' });
    const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    expect(payload).toMatchObject({ groups: 'tongxin-district', 'https://tongxin.example/district': '330302' });
    expect(payload).not.toHaveProperty('role');
    expect(payload).not.toHaveProperty('district');
    await expect(verify(config, token)).resolves.toMatchObject({ role: Role.DISTRICT_ADMIN, districtCode: '330302' });
    await expect(mintToken(config, { sub: 'c', role: Role.CITY_ADMIN })).rejects.toThrow('TONGXIN_ROLE_VALUES names no value for the role CITY_ADMIN');
  });
});
