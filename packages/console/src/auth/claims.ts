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

/**
 * The viewer of a JWT access token (read, not verified: the services verify it on every request;
 * the console only shapes its pages by it). Null when it is not a token of a known role.
 */
export function viewerOf(accessToken: string, name?: string | null): Viewer | null {
  const payload = accessToken.split('.')[1];
  if (!payload) return null;
  let claims: Record<string, unknown>;
  try {
    claims = base64UrlJson(payload) as Record<string, unknown>;
  } catch {
    return null;
  }
  const role = claims.role as Role;
  if (!ROLES.includes(role)) return null;
  return {
    sub: text(claims.sub) ?? '',
    name: name ?? text(claims.name) ?? text(claims.preferred_username) ?? '',
    role,
    district: text(claims.district),
    org: text(claims.org),
    person: text(claims.person),
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
