import * as oauth from 'oauth4webapi';
import { ClaimConfig, DEFAULT_CLAIMS, Viewer, viewerOf } from './claims';

/**
 * The sign-in: OpenID Connect authorization code with PKCE against the issuer the gateway names
 * (/console-config.json), with oauth4webapi. The tokens are kept in memory only; the access token
 * is refreshed (the refresh token rotates) a minute before it expires. Signing out goes through
 * the provider's end_session endpoint, which ends the session and its refresh tokens.
 */

export type SessionState =
  | { readonly status: 'starting' }
  | { readonly status: 'signed-out'; readonly message?: string }
  | { readonly status: 'signed-in'; readonly viewer: Viewer }
  /** The session ended (refresh refused, sign-in failed): a message and a way to sign in again. */
  | { readonly status: 'expired'; readonly message: string };

interface ConsoleConfig extends Partial<ClaimConfig> {
  readonly issuer: string;
  readonly clientId: string;
}

interface Tokens {
  accessToken: string;
  refreshToken: string | undefined;
  idToken: string | undefined;
  expiresAt: number;
}

/** Kept in sessionStorage across the provider's redirect, and removed at once on return. */
const PENDING_KEY = 'tongxin.signin';
/** Set while this tab is signed in: a reload signs in again (the provider still knows the browser) instead of asking. */
const ACTIVE_KEY = 'tongxin.active';
const REFRESH_MARGIN_MS = 60_000;

export const SESSION_MESSAGES = {
  expired: '登录已过期，请重新登录。',
  failed: '登录没有完成，请重新登录。',
  noRole: '该账号没有可用的角色，请联系管理员。',
  unreachable: '无法连接登录服务，请稍后重试。',
  signedOut: '您已退出登录。',
} as const;

let state: SessionState = { status: 'starting' };
const listeners = new Set<() => void>();
let tokens: Tokens | null = null;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let refreshing: Promise<boolean> | null = null;
let server: Promise<{ as: oauth.AuthorizationServer; client: oauth.Client }> | null = null;
/** The claims tokens carry role and scope in, as the gateway names them (read with the issuer, before any token). */
let claimConfig: ClaimConfig = DEFAULT_CLAIMS;

function setState(next: SessionState): void {
  state = next;
  for (const l of listeners) l();
}

export function getSession(): SessionState {
  return state;
}

export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function httpOptions(url: string): { [oauth.allowInsecureRequests]?: boolean } {
  // The embedded provider of a local `npm start` is plain http on 127.0.0.1; production is https.
  return url.startsWith('http:') ? { [oauth.allowInsecureRequests]: true } : {};
}

function discover(): Promise<{ as: oauth.AuthorizationServer; client: oauth.Client }> {
  server ??= (async () => {
    const res = await fetch('/console-config.json', { headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`console-config.json: ${res.status}`);
    const config = (await res.json()) as ConsoleConfig;
    claimConfig = config.claims ? { claims: { ...DEFAULT_CLAIMS.claims, ...config.claims }, roleValues: config.roleValues } : DEFAULT_CLAIMS;
    const issuer = new URL(config.issuer);
    const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: 'oidc', ...httpOptions(config.issuer) }));
    return { as, client: { client_id: config.clientId } };
  })().catch((error: unknown) => {
    server = null;
    throw error;
  });
  return server;
}

const redirectUri = () => `${location.origin}/auth/callback`;

/** Sends the browser to the provider's sign-in; `returnTo` is where it comes back to afterwards. */
export async function signIn(returnTo = `${location.pathname}${location.search}`): Promise<void> {
  let as: oauth.AuthorizationServer;
  let client: oauth.Client;
  try {
    ({ as, client } = await discover());
  } catch {
    return setState({ status: 'expired', message: SESSION_MESSAGES.unreachable });
  }
  const verifier = oauth.generateRandomCodeVerifier();
  const expectedState = oauth.generateRandomState();
  const nonce = oauth.generateRandomNonce();
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state: expectedState, nonce, returnTo: returnTo.startsWith('/auth/') ? '/' : returnTo }));
  const url = new URL(as.authorization_endpoint!);
  url.searchParams.set('client_id', client.client_id);
  url.searchParams.set('redirect_uri', redirectUri());
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', 'openid profile api');
  url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(verifier));
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('state', expectedState);
  url.searchParams.set('nonce', nonce);
  location.assign(url.href);
}

function accept(result: oauth.TokenEndpointResponse, previous: Tokens | null): boolean {
  const viewer = viewerOf(result.access_token, nameOf(result) ?? (state.status === 'signed-in' ? state.viewer.name : null), claimConfig);
  if (!viewer) {
    clearSession();
    setState({ status: 'expired', message: SESSION_MESSAGES.noRole });
    return false;
  }
  tokens = {
    accessToken: result.access_token,
    refreshToken: result.refresh_token ?? previous?.refreshToken,
    idToken: result.id_token ?? previous?.idToken,
    expiresAt: Date.now() + (result.expires_in ?? 300) * 1000,
  };
  sessionStorage.setItem(ACTIVE_KEY, '1');
  scheduleRefresh();
  setState({ status: 'signed-in', viewer });
  return true;
}

function nameOf(result: oauth.TokenEndpointResponse): string | null {
  const claims = oauth.getValidatedIdTokenClaims(result);
  const name = claims?.name;
  return typeof name === 'string' ? name : null;
}

/** Finishes a sign-in on /auth/callback; returns where to go next. */
export async function completeSignIn(): Promise<string> {
  const raw = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  const pending = raw ? (JSON.parse(raw) as { verifier: string; state: string; nonce: string; returnTo: string }) : null;
  if (!pending) {
    setState({ status: 'expired', message: SESSION_MESSAGES.failed });
    return '/';
  }
  try {
    const { as, client } = await discover();
    const params = oauth.validateAuthResponse(as, client, new URL(location.href), pending.state);
    const response = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params, redirectUri(), pending.verifier, httpOptions(as.issuer));
    const result = await oauth.processAuthorizationCodeResponse(as, client, response, { expectedNonce: pending.nonce, requireIdToken: true });
    return accept(result, null) ? pending.returnTo || '/' : '/';
  } catch {
    clearSession();
    setState({ status: 'expired', message: SESSION_MESSAGES.failed });
    return '/';
  }
}

function scheduleRefresh(): void {
  clearTimeout(refreshTimer);
  if (!tokens?.refreshToken) return;
  const wait = Math.max(5_000, tokens.expiresAt - Date.now() - REFRESH_MARGIN_MS);
  refreshTimer = setTimeout(() => void refresh(), wait);
}

/** A new access token with the refresh token (which rotates); false, with the session ended, when refused. */
export function refresh(): Promise<boolean> {
  refreshing ??= (async () => {
    const current = tokens;
    if (!current?.refreshToken) return expire();
    try {
      const { as, client } = await discover();
      const response = await oauth.refreshTokenGrantRequest(as, client, oauth.None(), current.refreshToken, httpOptions(as.issuer));
      const result = await oauth.processRefreshTokenResponse(as, client, response);
      return accept(result, current);
    } catch {
      return expire();
    }
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

function clearSession(): void {
  clearTimeout(refreshTimer);
  tokens = null;
  sessionStorage.removeItem(ACTIVE_KEY);
}

function expire(): false {
  clearSession();
  setState({ status: 'expired', message: SESSION_MESSAGES.expired });
  return false;
}

/** The access token for a request, refreshed first when it expires within the next few seconds. */
export async function accessToken(): Promise<string | null> {
  if (tokens && tokens.expiresAt - Date.now() < 5_000) await refresh();
  return tokens?.accessToken ?? null;
}

/** The API refused the token (401): one refresh, then the session counts as ended. */
export async function onUnauthorized(): Promise<boolean> {
  return tokens ? refresh() : expire();
}

/** Ends the session at the provider (end_session), which sends the browser back to the console's start. */
export async function signOut(): Promise<void> {
  const idToken = tokens?.idToken;
  clearSession();
  try {
    const { as, client } = await discover();
    if (as.end_session_endpoint) {
      const url = new URL(as.end_session_endpoint);
      url.searchParams.set('client_id', client.client_id);
      url.searchParams.set('post_logout_redirect_uri', `${location.origin}/`);
      if (idToken) url.searchParams.set('id_token_hint', idToken);
      location.assign(url.href);
      return;
    }
  } catch {
    // The provider cannot be reached: the tokens are gone from this tab all the same.
  }
  setState({ status: 'signed-out', message: SESSION_MESSAGES.signedOut });
}

let started: Promise<string | null> | null = null;

/** At start (once): finish a sign-in on /auth/callback, sign in again after a reload of a signed-in tab, or wait for the user. */
export function startSession(): Promise<string | null> {
  started ??= start();
  return started;
}

async function start(): Promise<string | null> {
  if (location.pathname === '/auth/callback') return completeSignIn();
  if (sessionStorage.getItem(ACTIVE_KEY)) {
    await signIn();
    return null;
  }
  setState({ status: 'signed-out' });
  return null;
}
