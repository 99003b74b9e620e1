import { AuthConfig, hs256Config, mintToken, Role, TokenClaims, withServiceSecret } from '@tongxin/common';

/** The key the test services sign service calls with (TONGXIN_SERVICE_SECRET), apart from the users' key. */
export const TEST_SERVICE_SECRET = 'tongxin-test-service-secret-only-for-tests-9876543210';

/** The keys every test service verifies tokens with: the users' HS256 secret and the service calls' own. */
export const TEST_AUTH: AuthConfig = withServiceSecret(hs256Config('tongxin-test-secret-only-for-tests-0123456789'), TEST_SERVICE_SECRET);

/** A valid token of a role (and its scope), e.g. `tokenFor({ role: Role.DISTRICT_ADMIN, district: '330302' })`. */
export function tokenFor(claims: Partial<TokenClaims> & { role: Role }, expiresIn: string | number = '1h'): Promise<string> {
  return mintToken(TEST_AUTH, { sub: `test-${claims.role.toLowerCase()}`, ...claims }, expiresIn);
}

let cityAdmin: Promise<string> | undefined;

/** The headers of a city administrator, the default caller of the harness. */
export async function cityAdminHeaders(): Promise<Record<string, string>> {
  cityAdmin ??= tokenFor({ role: Role.CITY_ADMIN });
  return { authorization: `Bearer ${await cityAdmin}` };
}
