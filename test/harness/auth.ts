import { AuthConfig, hs256Config, mintToken, Role, TokenClaims } from '@tongxin/common';

/** The key every test service verifies tokens with. */
export const TEST_AUTH: AuthConfig = hs256Config('tongxin-test-secret-only-for-tests-0123456789');

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
