import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@tongxin/common';
import * as oauth from 'oauth4webapi';
import { freshDatabase } from '../../../test/harness/database';
import { createIdentityProvider, generateSigningKeys, IdentityProvider, IdentityProviderOptions } from '../src';

/** The provider mounted at `/oidc` of a server on a free loopback port, over a fresh database. */
export interface TestIdentity {
  /** The provider (a new instance after `restart`). */
  readonly idp: IdentityProvider;
  readonly origin: string;
  readonly redirectUri: string;
  readonly postLogoutRedirectUri: string;
  /** Replaces the provider by a new instance over the same database and keys, as a restarted process. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startIdentity(opts: Partial<Omit<IdentityProviderOptions, 'issuer' | 'db' | 'keys'>> = {}): Promise<TestIdentity> {
  const db = freshDatabase();
  let handler: http.RequestListener = (_req, res) => res.writeHead(503).end();
  const server = http.createServer((req, res) => {
    if (req.url?.startsWith('/oidc/') || req.url === '/oidc') return handler(req, res);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const redirectUri = `${origin}/auth/callback`;
  const postLogoutRedirectUri = `${origin}/`;
  const keys = generateSigningKeys();
  const create = () =>
    createIdentityProvider({
      issuer: `${origin}/oidc`,
      db: db.config,
      keys,
      redirectUris: [redirectUri],
      postLogoutRedirectUris: [postLogoutRedirectUri],
      log: createLogger('identity', process.env.LOG_LEVEL ?? 'silent'),
      ...opts,
    });
  let idp: IdentityProvider;
  try {
    idp = await create();
  } catch (error) {
    server.close();
    await db.drop(['identity']);
    throw error;
  }
  handler = idp.handle;
  return {
    get idp() {
      return idp;
    },
    origin,
    redirectUri,
    postLogoutRedirectUri,
    async restart() {
      await idp.close();
      idp = await create();
      handler = idp.handle;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await idp.close();
      await db.drop(['identity']);
    },
  };
}

/** A browser as far as the sign-in needs one: cookies by path, redirects followed by hand. */
export class Browser {
  private readonly cookies = new Map<string, { value: string; path: string }>();

  constructor(readonly origin: string) {}

  cookieHeader(url: URL): string {
    return [...this.cookies.entries()]
      .filter(([, c]) => url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`) || c.path === '/')
      .map(([name, c]) => `${name}=${c.value}`)
      .join('; ');
  }

  async request(url: string | URL, init: { method?: string; form?: Record<string, string> } = {}): Promise<{ status: number; location: string | null; body: string; url: URL; headers: Headers }> {
    const target = new URL(url, this.origin);
    const headers: Record<string, string> = {};
    const cookie = this.cookieHeader(target);
    if (cookie) headers.cookie = cookie;
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const res = await fetch(target, { method: init.method ?? (init.form ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';').map((s) => s.trim());
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      const path = attrs.find((a) => a.toLowerCase().startsWith('path='))?.slice(5) ?? '/';
      const expires = attrs.find((a) => a.toLowerCase().startsWith('expires='));
      const maxAge = attrs.find((a) => a.toLowerCase().startsWith('max-age='));
      const gone = !value || (expires && new Date(expires.slice(8)).getTime() < Date.now()) || (maxAge && Number(maxAge.slice(8)) <= 0);
      if (gone) this.cookies.delete(name);
      else this.cookies.set(name, { value, path });
    }
    const location = res.headers.get('location');
    return { status: res.status, location: location ? new URL(location, target).href : null, body: await res.text(), url: target, headers: res.headers };
  }

  /** Follows redirects from `url` until a page answers or the client's `stopAt` address is reached. */
  async follow(url: string | URL, stopAt: string, init: { form?: Record<string, string> } = {}): Promise<{ status: number; body: string; url: URL; location: string | null; headers: Headers }> {
    let res = await this.request(url, init);
    for (let hops = 0; res.location && hops < 10; hops++) {
      if (res.location.startsWith(stopAt)) return { ...res, url: new URL(res.location) };
      res = await this.request(res.location);
    }
    return res;
  }

  has(name: string): boolean {
    return this.cookies.has(name);
  }
}

export const insecure = { [oauth.allowInsecureRequests]: true } as const;

/** The console's side of the sign-in, with oauth4webapi. */
export class ConsoleClient {
  readonly client: oauth.Client;
  private as: oauth.AuthorizationServer | undefined;

  constructor(
    readonly t: TestIdentity,
    readonly browser = new Browser(t.origin),
  ) {
    this.client = { client_id: t.idp.clientId };
  }

  async server(): Promise<oauth.AuthorizationServer> {
    const issuer = new URL(this.t.idp.issuer);
    this.as ??= await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: 'oidc', ...insecure }));
    return this.as;
  }

  /** Starts an authorization; returns the page the browser ends on (the login form, or the callback when still signed in). */
  async authorize(params: Record<string, string> = {}): Promise<{ status: number; body: string; url: URL; headers: Headers; state: string; verifier: string }> {
    const as = await this.server();
    const verifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    const url = new URL(as.authorization_endpoint!);
    url.searchParams.set('client_id', this.client.client_id);
    url.searchParams.set('redirect_uri', this.t.redirectUri);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('scope', 'openid profile api');
    url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(verifier));
    url.searchParams.set('code_challenge_method', 'S256');
    url.searchParams.set('state', state);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    const res = await this.browser.follow(url, this.t.redirectUri);
    return { ...res, state, verifier };
  }

  /** Posts the login form of `page` as a browser would. */
  async submitLogin(page: { body: string; url: URL }, username: string, password: string) {
    const action = /<form method="post" action="([^"]+)"/.exec(page.body)?.[1];
    if (!action) throw new Error(`no login form on ${page.url.href}: ${page.body.slice(0, 300)}`);
    return this.browser.follow(new URL(action.replace(/&amp;/g, '&'), page.url), this.t.redirectUri, { form: { username, password } });
  }

  /** Exchanges the code the callback carries. */
  async exchange(callback: URL, state: string, verifier: string): Promise<oauth.TokenEndpointResponse> {
    const as = await this.server();
    const params = oauth.validateAuthResponse(as, this.client, callback, state);
    const response = await oauth.authorizationCodeGrantRequest(as, this.client, oauth.None(), params, this.t.redirectUri, verifier, insecure);
    return oauth.processAuthorizationCodeResponse(as, this.client, response, { requireIdToken: true });
  }

  /** The whole sign-in: authorize, log in, exchange. */
  async signIn(username: string, password: string): Promise<oauth.TokenEndpointResponse> {
    const start = await this.authorize();
    const done = start.url.href.startsWith(this.t.redirectUri) ? start : await this.submitLogin(start, username, password);
    if (!done.url.href.startsWith(this.t.redirectUri)) throw new Error(`sign-in of ${username} did not reach the console: ${done.status} ${done.body.slice(0, 500)}`);
    return this.exchange(done.url, start.state, start.verifier);
  }

  async refresh(refreshToken: string): Promise<oauth.TokenEndpointResponse> {
    const as = await this.server();
    const response = await oauth.refreshTokenGrantRequest(as, this.client, oauth.None(), refreshToken, insecure);
    return oauth.processRefreshTokenResponse(as, this.client, response);
  }
}
