/** What the console knows of who is signed in, from the access token's claims (the services read the same). */
export interface Viewer {
  readonly sub: string;
  readonly name: string;
  readonly role: Role;
  readonly district: string | null;
  readonly org: string | null;
  readonly person: string | null;
}

export type Role = 'CITY_ADMIN' | 'DISTRICT_ADMIN' | 'ASSOCIATION_ADMIN' | 'ANALYST' | 'PERSON';

const ROLES: readonly Role[] = ['CITY_ADMIN', 'DISTRICT_ADMIN', 'ASSOCIATION_ADMIN', 'ANALYST', 'PERSON'];

function base64UrlJson(part: string): unknown {
  const base64 = part
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(part.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** The names of the claims carrying role and scope, as the gateway serves them (/console-config.json, the services' TONGXIN_CLAIM_*). */
export interface ClaimNames {
  readonly role: string;
  readonly district: string;
  readonly org: string;
  readonly person: string;
}

/** The claims the console reads, and how the identity provider's role values map to roles (TONGXIN_ROLE_VALUES). */
export interface ClaimConfig {
  readonly claims: ClaimNames;
  readonly roleValues?: Readonly<Record<string, Role>>;
}

export const DEFAULT_CLAIMS: ClaimConfig = { claims: { role: 'role', district: 'district', org: 'org', person: 'person' } };

const own = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

/** A claim by name: the name whole first, then as a dotted path into nested objects (`realm_access.roles`), as the services read it. */
export function claimValue(claims: Record<string, unknown>, name: string): unknown {
  if (own(claims, name)) return claims[name];
  if (!name.includes('.')) return undefined;
  let value: unknown = claims;
  for (const part of name.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || !own(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** The one role a role claim (a string or an array) names; null for none or more than one, which the services refuse too. */
function roleOf(value: unknown, roleValues?: Readonly<Record<string, Role>>): Role | null {
  const values = typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  const roles = new Set<Role>();
  for (const v of values) {
    const role = roleValues ? (own(roleValues, v) ? roleValues[v] : undefined) : ROLES.includes(v as Role) ? (v as Role) : undefined;
    if (role) roles.add(role);
  }
  return roles.size === 1 ? [...roles][0]! : null;
}

/**
 * The viewer of a JWT access token (read, not verified: the services verify it on every request;
 * the console only shapes its pages by it), its role and scope read from the configured claims.
 * Null when it is not a token of exactly one known role.
 */
export function viewerOf(accessToken: string, name?: string | null, config: ClaimConfig = DEFAULT_CLAIMS): Viewer | null {
  const payload = accessToken.split('.')[1];
  if (!payload) return null;
  let claims: Record<string, unknown>;
  try {
    claims = base64UrlJson(payload) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (claims === null || typeof claims !== 'object') return null;
  const names = config.claims;
  const role = roleOf(claimValue(claims, names.role), config.roleValues);
  if (!role) return null;
  return {
    sub: text(claims.sub) ?? '',
    name: name ?? text(claims.name) ?? text(claims.preferred_username) ?? '',
    role,
    district: text(claimValue(claims, names.district)),
    org: text(claimValue(claims, names.org)),
    person: text(claimValue(claims, names.person)),
  };
}

/** Where a viewer lands after signing in: their own part of the console. */
export function homeOf(viewer: Viewer): string {
  switch (viewer.role) {
    case 'CITY_ADMIN':
    case 'ANALYST':
      return '/overview';
    case 'DISTRICT_ADMIN':
      return viewer.district ? `/districts/${viewer.district}` : '/forbidden';
    case 'ASSOCIATION_ADMIN':
      return '/organization';
    case 'PERSON':
      return '/me';
  }
}

/** Whether a viewer may open the view of one district: the city's roles any, a district administrator only their own. */
export function mayViewDistrict(viewer: Viewer, code: string): boolean {
  if (viewer.role === 'CITY_ADMIN' || viewer.role === 'ANALYST') return true;
  return viewer.role === 'DISTRICT_ADMIN' && viewer.district === code;
}
