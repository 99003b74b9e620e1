import { ClaimConfig, claimConfigFromEnv, ConfigError, DEFAULT_CLAIM_CONFIG, Env, envInt, envString, formatDuration, maxLifetimeFromEnv, parseDuration } from '@tongxin/common';
import { DEFAULT_LOCKOUT, LockoutPolicy } from './limiter';

/** The console's client id unless TONGXIN_IDENTITY_CLIENT_ID says otherwise. */
export const DEFAULT_CLIENT_ID = 'tongxin-console';

/** The resource indicator of the platform's API (access tokens are issued for it). */
export const DEFAULT_RESOURCE = 'urn:tongxin:api';

/** The one scope of the platform's API. */
export const API_SCOPE = 'api';

/** What the provider is configured with beyond its issuer, database and keys. */
export interface ProviderSettings {
  /** The console's client id (public client: no secret, PKCE). */
  readonly clientId: string;
  /** Where the console may be sent back to after sign-in. */
  readonly redirectUris: readonly string[];
  /** Where the console may be sent back to after sign-out. */
  readonly postLogoutRedirectUris: readonly string[];
  /** `aud` of access tokens: the services' TONGXIN_JWT_AUDIENCE. */
  readonly audience: string;
  readonly resource: string;
  /** Seconds an access token (and an ID token) lives: 10 minutes. */
  readonly accessTokenTtl: number;
  /** Seconds a refresh token lives (each refresh gives a new one): 12 hours. */
  readonly refreshTokenTtl: number;
  /** Seconds a sign-in lasts at the provider: 12 hours. Signing out ends it sooner, with its refresh tokens. */
  readonly sessionTtl: number;
  readonly lockout: LockoutPolicy;
  /**
   * The names the tokens carry role, district, organization and person under, as the services read
   * them (TONGXIN_CLAIM_ROLE, …, TONGXIN_ROLE_VALUES). Each is issued as one claim of that name,
   * dots and all (`https://tongxin.example/district`); the services look a name up whole first.
   */
  readonly claims: ClaimConfig;
}

export const DEFAULT_SETTINGS: Omit<ProviderSettings, 'redirectUris' | 'postLogoutRedirectUris'> = {
  clientId: DEFAULT_CLIENT_ID,
  audience: 'tongxin',
  resource: DEFAULT_RESOURCE,
  accessTokenTtl: 600,
  refreshTokenTtl: 12 * 3600,
  sessionTtl: 12 * 3600,
  lockout: DEFAULT_LOCKOUT,
  claims: DEFAULT_CLAIM_CONFIG,
};

function duration(env: Env, name: string, fallback: number, min: number, max: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const seconds = parseDuration(text);
  if (seconds === null || seconds < min || seconds > max) {
    throw new ConfigError(`${name}=${text} is not a duration from ${formatDuration(min)} to ${formatDuration(max)}: write seconds (600) or a number with s, m, h or d (10m)`);
  }
  return seconds;
}

function urls(env: Env, name: string, fallback: readonly string[]): string[] {
  const text = env[name];
  if (text === undefined || text.trim() === '') return [...fallback];
  const list = text
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  for (const u of list) {
    let parsed: URL;
    try {
      parsed = new URL(u);
    } catch {
      throw new ConfigError(`${name}: ${u} is not an absolute URL`);
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new ConfigError(`${name}: ${u} must be an http(s) URL`);
    if (parsed.hash) throw new ConfigError(`${name}: ${u} may not have a fragment (#…)`);
  }
  return list;
}

/**
 * The settings from the environment; `consoleUrl` (the console's address, e.g. the gateway's
 * origin) gives the default redirect URIs `<consoleUrl>/auth/callback` and `<consoleUrl>/`.
 *
 * TONGXIN_IDENTITY_CLIENT_ID (tongxin-console), TONGXIN_IDENTITY_REDIRECT_URIS and
 * TONGXIN_IDENTITY_POST_LOGOUT_REDIRECT_URIS (comma-separated), TONGXIN_IDENTITY_ACCESS_TOKEN_TTL
 * (10m, at most TONGXIN_JWT_MAX_LIFETIME), TONGXIN_IDENTITY_REFRESH_TOKEN_TTL (12h),
 * TONGXIN_IDENTITY_SESSION_TTL (12h), TONGXIN_IDENTITY_MAX_FAILURES (5),
 * TONGXIN_IDENTITY_MAX_FAILURES_PER_ADDRESS (20), TONGXIN_IDENTITY_FAILURE_WINDOW (15m),
 * TONGXIN_IDENTITY_LOCK_TIME (15m); the audience is TONGXIN_JWT_AUDIENCE (tongxin); the claim names
 * are the services' (TONGXIN_CLAIM_ROLE, TONGXIN_CLAIM_DISTRICT, TONGXIN_CLAIM_ORG,
 * TONGXIN_CLAIM_PERSON, TONGXIN_ROLE_VALUES).
 */
export function providerSettingsFromEnv(env: Env, consoleUrl?: string): ProviderSettings {
  const base = consoleUrl?.replace(/\/+$/, '');
  const maxLifetime = maxLifetimeFromEnv(env);
  const redirectUris = urls(env, 'TONGXIN_IDENTITY_REDIRECT_URIS', base ? [`${base}/auth/callback`] : []);
  if (redirectUris.length === 0) throw new ConfigError('Set TONGXIN_IDENTITY_REDIRECT_URIS: where the console may be sent back to after sign-in');
  return {
    clientId: envString(env, 'TONGXIN_IDENTITY_CLIENT_ID', DEFAULT_CLIENT_ID),
    redirectUris,
    postLogoutRedirectUris: urls(env, 'TONGXIN_IDENTITY_POST_LOGOUT_REDIRECT_URIS', base ? [`${base}/`] : []),
    audience: envString(env, 'TONGXIN_JWT_AUDIENCE', 'tongxin'),
    resource: DEFAULT_RESOURCE,
    accessTokenTtl: duration(env, 'TONGXIN_IDENTITY_ACCESS_TOKEN_TTL', Math.min(DEFAULT_SETTINGS.accessTokenTtl, maxLifetime), 30, maxLifetime),
    refreshTokenTtl: duration(env, 'TONGXIN_IDENTITY_REFRESH_TOKEN_TTL', DEFAULT_SETTINGS.refreshTokenTtl, 60, 30 * 86400),
    sessionTtl: duration(env, 'TONGXIN_IDENTITY_SESSION_TTL', DEFAULT_SETTINGS.sessionTtl, 60, 30 * 86400),
    lockout: {
      maxFailures: envInt(env, 'TONGXIN_IDENTITY_MAX_FAILURES', DEFAULT_LOCKOUT.maxFailures, 1, 100),
      maxFailuresPerAddress: envInt(env, 'TONGXIN_IDENTITY_MAX_FAILURES_PER_ADDRESS', DEFAULT_LOCKOUT.maxFailuresPerAddress, 1, 10_000),
      windowSeconds: duration(env, 'TONGXIN_IDENTITY_FAILURE_WINDOW', DEFAULT_LOCKOUT.windowSeconds, 60, 86400),
      lockSeconds: duration(env, 'TONGXIN_IDENTITY_LOCK_TIME', DEFAULT_LOCKOUT.lockSeconds, 60, 86400),
    },
    claims: claimConfigFromEnv(env),
  };
}
