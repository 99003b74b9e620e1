import { ConfigError, Env } from '../config';
import { Role } from '../context';

/** The names of the claims a user's token carries its role and scope in. */
export interface ClaimNames {
  readonly role: string;
  readonly district: string;
  readonly org: string;
  readonly person: string;
}

/**
 * Which claims carry role, district, organization and person, and (optionally) how the identity
 * provider's role values map to the platform's roles.
 */
export interface ClaimConfig {
  readonly names: ClaimNames;
  /**
   * TONGXIN_ROLE_VALUES: the identity provider's values of the role claim and the platform role
   * each stands for. When set, only these values count; without it, the platform's role names.
   */
  readonly roleValues?: ReadonlyMap<string, Role>;
}

export const DEFAULT_CLAIM_NAMES: ClaimNames = Object.freeze({ role: 'role', district: 'district', org: 'org', person: 'person' });

export const DEFAULT_CLAIM_CONFIG: ClaimConfig = Object.freeze({ names: DEFAULT_CLAIM_NAMES });

/** The variable that names each claim. */
export const CLAIM_NAME_VARIABLES: Readonly<Record<keyof ClaimNames, string>> = {
  role: 'TONGXIN_CLAIM_ROLE',
  district: 'TONGXIN_CLAIM_DISTRICT',
  org: 'TONGXIN_CLAIM_ORG',
  person: 'TONGXIN_CLAIM_PERSON',
};

/** Claims the platform reads for something else: a role or scope claim may not be one of them. */
const RESERVED_CLAIMS = ['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti', 'svc', 'typ', 'name', 'preferred_username'];

/** The roles a token of a user may hold (SERVICE is not one: service tokens are apart). */
const USER_ROLES = Object.values(Role) as string[];

function claimName(env: Env, key: keyof ClaimNames): string {
  const variable = CLAIM_NAME_VARIABLES[key];
  const raw = env[variable];
  if (raw === undefined || raw.trim() === '') return DEFAULT_CLAIM_NAMES[key];
  const name = raw.trim();
  if (name.length > 200 || /\s/.test(name) || name.startsWith('.') || name.endsWith('.') || name.includes('..')) {
    throw new ConfigError(
      `${variable}=${raw} is not a claim name: write a name (role) or a dotted path into nested claims (realm_access.roles), without spaces, empty parts or more than 200 characters`,
    );
  }
  if (RESERVED_CLAIMS.includes(name)) throw new ConfigError(`${variable}=${name}: the claim "${name}" means something else in a token; name the claim that carries the ${key}`);
  return name;
}

/**
 * TONGXIN_ROLE_VALUES, `value=ROLE` pairs separated by commas (`tongxin-city=CITY_ADMIN,
 * tongxin-analyst=ANALYST`); undefined when unset.
 */
export function roleValuesFromEnv(env: Env): ReadonlyMap<string, Role> | undefined {
  const raw = env.TONGXIN_ROLE_VALUES;
  if (raw === undefined || raw.trim() === '') return undefined;
  const map = new Map<string, Role>();
  for (const pair of raw.split(',')) {
    if (pair.trim() === '') continue;
    const at = pair.lastIndexOf('=');
    const value = at > 0 ? pair.slice(0, at).trim() : '';
    const role = at > 0 ? pair.slice(at + 1).trim() : '';
    if (!value || !USER_ROLES.includes(role)) {
      throw new ConfigError(`TONGXIN_ROLE_VALUES: "${pair.trim()}" is not value=ROLE with ROLE one of ${USER_ROLES.join(', ')} (e.g. tongxin-city=CITY_ADMIN)`);
    }
    if (map.has(value)) throw new ConfigError(`TONGXIN_ROLE_VALUES names "${value}" twice`);
    map.set(value, role as Role);
  }
  if (map.size === 0) throw new ConfigError('TONGXIN_ROLE_VALUES names no value=ROLE pair');
  return map;
}

/**
 * TONGXIN_CLAIM_ROLE (role), TONGXIN_CLAIM_DISTRICT (district), TONGXIN_CLAIM_ORG (org),
 * TONGXIN_CLAIM_PERSON (person): a name, or a dotted path into nested objects (`realm_access.roles`;
 * a claim whose own name contains the dots, such as `https://tongxin.example/district`, is looked up
 * whole first). The four must differ. TONGXIN_ROLE_VALUES maps the role claim's values.
 */
export function claimConfigFromEnv(env: Env): ClaimConfig {
  const names: ClaimNames = { role: claimName(env, 'role'), district: claimName(env, 'district'), org: claimName(env, 'org'), person: claimName(env, 'person') };
  const keys = Object.keys(names) as Array<keyof ClaimNames>;
  for (const [i, a] of keys.entries()) {
    for (const b of keys.slice(i + 1)) {
      if (names[a] === names[b]) throw new ConfigError(`${CLAIM_NAME_VARIABLES[a]} and ${CLAIM_NAME_VARIABLES[b]} both name the claim "${names[a]}": each needs a claim of its own`);
    }
  }
  const roleValues = roleValuesFromEnv(env);
  return roleValues ? { names, roleValues } : { names };
}

/**
 * The value of claim `name` in a token's payload: the name whole first, then, when it has dots, as
 * a path into nested objects (`realm_access.roles`). Undefined when it is not there.
 */
export function claimValue(payload: Readonly<Record<string, unknown>>, name: string): unknown {
  if (Object.prototype.hasOwnProperty.call(payload, name)) return payload[name];
  if (!name.includes('.')) return undefined;
  let value: unknown = payload;
  for (const part of name.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.prototype.hasOwnProperty.call(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/**
 * The platform roles a role claim's value names: a string or an array of them (Keycloak's
 * `realm_access.roles`, `groups`), each mapped by `roleValues` when set, or taken as a role's name.
 * Values that name no platform role are ignored; each role is listed once.
 */
export function platformRolesOf(value: unknown, roleValues?: ReadonlyMap<string, Role>): Role[] {
  const values = typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  const roles = new Set<Role>();
  for (const v of values) {
    const role = roleValues ? roleValues.get(v) : USER_ROLES.includes(v) ? (v as Role) : undefined;
    if (role) roles.add(role);
  }
  return [...roles];
}

/**
 * The payload of a token carrying these claims under the configured names (the embedded provider's
 * tokens, the token command's). Each name is one claim, dots and all: the services and the console
 * look a name up whole first, and a namespaced name (`https://tongxin.example/district`) must stay
 * whole. With TONGXIN_ROLE_VALUES the role is written as the first value that maps to it.
 */
export function claimsPayload(config: ClaimConfig, claims: { readonly role: Role; readonly district?: string; readonly org?: string; readonly person?: string }): Record<string, string> {
  const { names } = config;
  let role: string = claims.role;
  if (config.roleValues) {
    const value = [...config.roleValues].find(([, r]) => r === claims.role)?.[0];
    if (value === undefined) throw new ConfigError(`TONGXIN_ROLE_VALUES names no value for the role ${claims.role}: its tokens could not say it`);
    role = value;
  }
  const entries: Array<[string, string | undefined]> = [
    [names.role, role],
    [names.district, claims.district],
    [names.org, claims.org],
    [names.person, claims.person],
  ];
  return Object.fromEntries(entries.filter((e): e is [string, string] => e[1] !== undefined));
}

/** The claim names and role values as the console reads them (/console-config.json). */
export function claimConfigJson(config: ClaimConfig): { claims: ClaimNames; roleValues?: Record<string, Role> } {
  return { claims: { ...config.names }, ...(config.roleValues ? { roleValues: Object.fromEntries(config.roleValues) } : {}) };
}
