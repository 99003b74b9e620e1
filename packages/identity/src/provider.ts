import type { IncomingMessage, ServerResponse } from 'node:http';
import { claimsPayload, createLogger, DatabaseConfig, databaseConfigFromEnv, Env, Logger, OpenedDatabase } from '@tongxin/common';
import type Provider from 'oidc-provider';
import type { Configuration, KoaContextWithOIDC } from 'oidc-provider';
import { AccountService, claimsOf } from './accounts';
import { DatabaseAdapter } from './adapter';
import { openIdentityDatabase } from './database';
import { cookieKeys, SigningKeys, signingKeysFromEnv } from './keys';
import { API_SCOPE, DEFAULT_SETTINGS, ProviderSettings, providerSettingsFromEnv } from './options';
import { errorPage, loggedOutPage, loginPage, logoutPage } from './pages';

/** The OpenID scopes the console is granted without a consent screen (it is first-party). */
export const OIDC_SCOPES = ['openid', 'profile'] as const;

/** The sign-in messages people see. */
export const MESSAGES = {
  invalid: '用户名或密码错误',
  locked: (minutes: number) => `尝试次数过多，请 ${minutes} 分钟后再试`,
  disabled: '账号已停用，请联系管理员',
  expired: '登录页面已过期，请回到控制台重新登录',
  badRequest: '请求无效，请回到控制台重新登录',
} as const;

export interface IdentityProviderOptions extends Partial<Omit<ProviderSettings, 'redirectUris'>> {
  /**
   * The issuer: the provider's public address, path included (`https://tongxin.example/oidc`).
   * Requests reach `handle` with that path: mounted at `/oidc` of a server, it answers
   * `/oidc/.well-known/openid-configuration`, `/oidc/jwks`, `/oidc/auth`, `/oidc/token`, …
   */
  readonly issuer: string;
  readonly redirectUris: readonly string[];
  /** The identity's database (its own: `identity.sqlite` or `<prefix>identity`). */
  readonly db: DatabaseConfig;
  readonly keys: SigningKeys;
  readonly log?: Logger;
  /** The client's address for counting failed sign-ins (default: the socket's peer). */
  readonly clientAddress?: (req: IncomingMessage) => string;
  /** Milliseconds now (tests). */
  readonly now?: () => number;
}

export interface IdentityProvider {
  readonly issuer: string;
  /** The path the provider answers under (the issuer's path, `/oidc`; '' at a server's root). */
  readonly mountPath: string;
  /** Its key set's address, for TONGXIN_JWKS_URL. */
  readonly jwksUrl: string;
  readonly clientId: string;
  /** Node's request handler for every path under `mountPath`. */
  readonly handle: (req: IncomingMessage, res: ServerResponse) => void;
  readonly accounts: AccountService;
  /** oidc-provider's instance (its events, for logging). */
  readonly provider: Provider;
  close(): Promise<void>;
}

const MAX_FORM_BYTES = 8 * 1024;

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const type = String(req.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') throw new FormError();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) throw new FormError();
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

class FormError extends Error {}

/**
 * The headers of every page the provider renders: not cached, not framed, no script at all, and
 * forms that go only to the provider itself and (through its redirects) the console.
 */
function pageHeaders(formAction: readonly string[]): Record<string, string> {
  return {
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Content-Security-Policy': `default-src 'none'; style-src 'unsafe-inline'; form-action 'self' ${formAction.join(' ')}; frame-ancestors 'none'; base-uri 'none'`.replace(/\s+;/g, ';'),
  };
}

function send(res: ServerResponse, status: number, html: string, formAction: readonly string[] = []): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  for (const [name, value] of Object.entries(pageHeaders(formAction))) res.setHeader(name, value);
  res.end(html);
}

/**
 * The embedded OpenID provider (oidc-provider): authorization code with PKCE (S256) for the
 * console, a public client; access tokens as RS256 JWTs (`typ: at+jwt`) for the platform's API
 * carrying `role`, `district`, `org`, `person` (or the names TONGXIN_CLAIM_* give them) as the
 * services read them; rotating refresh
 * tokens that end with the session; ID tokens; the key set at `<issuer>/jwks`. It renders the
 * sign-in itself (Chinese, escaped; the interaction's cookie is SameSite, so a form posted from
 * another site carries none) and grants the console its scopes without a consent screen.
 */
export async function createIdentityProvider(opts: IdentityProviderOptions): Promise<IdentityProvider> {
  const settings: ProviderSettings = { ...DEFAULT_SETTINGS, postLogoutRedirectUris: [], ...opts };
  const log = opts.log ?? createLogger('identity');
  const issuerUrl = new URL(opts.issuer);
  const mountPath = issuerUrl.pathname.replace(/\/+$/, '');
  const issuer = `${issuerUrl.origin}${mountPath}`;
  const { clientId, resource, audience } = settings;
  const lockMinutes = Math.ceil(settings.lockout.lockSeconds / 60);
  const redirectOrigins = [...new Set([...settings.redirectUris, ...settings.postLogoutRedirectUris].map((u) => new URL(u).origin))];

  // Loaded here, not with the package: the user command needs none of it (nor its warning on Node 20).
  // Role and scope under the names the services read (TONGXIN_CLAIM_*), in the access token, the ID token and userinfo.
  const issuedClaims = (account: Parameters<typeof claimsOf>[0]) => claimsPayload(settings.claims, claimsOf(account));
  const scopeClaims = Object.values(settings.claims.names);

  const { default: OidcProvider, errors: oidcErrors } = await import('oidc-provider');
  const db: OpenedDatabase = await openIdentityDatabase(opts.db, log);
  const accounts = new AccountService(db.dataSource, settings.lockout, opts.now);

  const configuration: Configuration = {
    adapter: DatabaseAdapter.factory(db.dataSource, opts.now),
    clients: [
      {
        client_id: clientId,
        token_endpoint_auth_method: 'none',
        application_type: 'web',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: [...settings.redirectUris],
        post_logout_redirect_uris: [...settings.postLogoutRedirectUris],
      },
    ],
    responseTypes: ['code'],
    pkce: { required: () => true },
    scopes: [...OIDC_SCOPES],
    claims: { openid: ['sub'], profile: ['name', 'preferred_username', ...scopeClaims] },
    conformIdTokenClaims: false,
    jwks: { keys: opts.keys.keys.map((k) => ({ ...k })) } as Configuration['jwks'],
    cookies: { keys: cookieKeys(opts.keys) },
    ttl: {
      AccessToken: settings.accessTokenTtl,
      IdToken: settings.accessTokenTtl,
      AuthorizationCode: 60,
      Interaction: 30 * 60,
      RefreshToken: settings.refreshTokenTtl,
      Session: settings.sessionTtl,
      Grant: settings.sessionTtl,
    },
    async findAccount(_ctx, sub) {
      const account = await accounts.findById(sub);
      if (!account || account.disabled) return undefined;
      return {
        accountId: account.id,
        async claims() {
          return { sub: account.id, name: account.displayName, preferred_username: account.username, ...issuedClaims(account) };
        },
      };
    },
    async extraTokenClaims(_ctx, token) {
      if (token.kind !== 'AccessToken' || !token.accountId) return undefined;
      const account = await accounts.findById(token.accountId);
      if (!account || account.disabled) throw new oidcErrors.InvalidGrant('the account is disabled');
      return issuedClaims(account);
    },
    async issueRefreshToken(_ctx, client) {
      return client.clientId === clientId && client.grantTypeAllowed('refresh_token');
    },
    // The first-party console is granted what it asks for (within its scopes) without a consent screen.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) {
        const grant = await ctx.oidc.provider.Grant.find(grantId);
        if (grant) return grant;
      }
      if (ctx.oidc.client!.clientId !== clientId || !ctx.oidc.session!.accountId) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId, accountId: ctx.oidc.session!.accountId });
      grant.addOIDCScope(OIDC_SCOPES.join(' '));
      grant.addResourceScope(resource, API_SCOPE);
      await grant.save();
      return grant;
    },
    interactions: { url: (_ctx, interaction) => `${mountPath}/interaction/${interaction.uid}` },
    clientBasedCORS: (_ctx, origin, client) => client.clientId === clientId && redirectOrigins.includes(origin),
    async renderError(ctx, out) {
      ctx.type = 'html';
      ctx.set(pageHeaders(redirectOrigins));
      ctx.body = errorPage(MESSAGES.badRequest, [out.error, out.error_description].filter(Boolean).join(': '));
    },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      userinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        async logoutSource(ctx, form) {
          ctx.type = 'html';
          ctx.set(pageHeaders(redirectOrigins));
          ctx.body = logoutPage(form);
        },
        async postLogoutSuccessSource(ctx) {
          ctx.type = 'html';
          ctx.set(pageHeaders(redirectOrigins));
          ctx.body = loggedOutPage();
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => resource,
        useGrantedResource: () => true,
        async getResourceServerInfo(_ctx, indicator, client) {
          if (indicator !== resource || client.clientId !== clientId) throw new oidcErrors.InvalidTarget();
          return { scope: API_SCOPE, audience, accessTokenTTL: settings.accessTokenTtl, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } };
        },
      },
    },
  };

  let provider: Provider;
  try {
    provider = new OidcProvider(issuer, configuration);
  } catch (error) {
    await db.close();
    throw error;
  }
  provider.on('server_error', (_ctx: unknown, err: Error) => log.error({ err: err.message }, 'identity provider error'));
  const callback = provider.callback();
  const addressOf = opts.clientAddress ?? ((req: IncomingMessage) => req.socket.remoteAddress ?? 'unknown');

  async function interaction(req: IncomingMessage, res: ServerResponse, uid: string, login: boolean): Promise<void> {
    const action = `${mountPath}/interaction/${uid}/login`;
    let details;
    try {
      details = await provider.interactionDetails(req, res);
    } catch (error) {
      if (error instanceof oidcErrors.SessionNotFound) return send(res, 400, errorPage(MESSAGES.expired));
      throw error;
    }
    if (details.uid !== uid) return send(res, 400, errorPage(MESSAGES.expired));
    if (details.prompt.name !== 'login') {
      // Consent is given by loadExistingGrant for the console; any other prompt is not ours to answer.
      return send(res, 400, errorPage(MESSAGES.badRequest, `prompt ${details.prompt.name}`));
    }
    if (!login) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, errorPage(MESSAGES.badRequest));
      return send(res, 200, loginPage({ action }), redirectOrigins);
    }
    if (req.method !== 'POST') return send(res, 405, errorPage(MESSAGES.badRequest));
    let form: URLSearchParams;
    try {
      form = await readForm(req);
    } catch (error) {
      if (error instanceof FormError) return send(res, 400, errorPage(MESSAGES.badRequest));
      throw error;
    }
    const username = (form.get('username') ?? '').slice(0, 64);
    const result = await accounts.signIn(username, form.get('password') ?? '', addressOf(req));
    if (!result.ok) {
      const [status, error] = result.reason === 'locked' ? [429, MESSAGES.locked(lockMinutes)] : result.reason === 'disabled' ? [403, MESSAGES.disabled] : [401, MESSAGES.invalid];
      return send(res, status, loginPage({ action, username, error }), redirectOrigins);
    }
    log.info({ account: result.account.id, role: result.account.role }, 'signed in');
    await provider.interactionFinished(req, res, { login: { accountId: result.account.id, remember: false } }, { mergeWithLastSubmission: false });
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (mountPath && url.pathname !== mountPath && !url.pathname.startsWith(`${mountPath}/`)) {
      return send(res, 404, errorPage('没有这个页面'));
    }
    const path = url.pathname.slice(mountPath.length) || '/';
    const match = /^\/interaction\/([A-Za-z0-9_-]{1,64})(\/login)?$/.exec(path);
    if (match) {
      interaction(req, res, match[1]!, Boolean(match[2])).catch((error: unknown) => {
        log.error({ err: error instanceof Error ? error.message : String(error) }, 'sign-in failed');
        if (!res.headersSent) send(res, 500, errorPage('登录服务出错，请稍后再试'));
        else res.end();
      });
      return;
    }
    // As express and connect mount an application: the path below the mount point in `url`, the
    // whole one in `originalUrl`, from which oidc-provider builds its own addresses.
    (req as IncomingMessage & { originalUrl?: string }).originalUrl = req.url;
    req.url = `${path}${url.search}`;
    void callback(req, res);
  }

  return {
    issuer,
    mountPath,
    jwksUrl: `${issuer}/jwks`,
    clientId,
    handle,
    accounts,
    provider,
    close: () => db.close(),
  };
}

/**
 * The provider as `npm start` runs it: its database as the platform's (TONGXIN_DB, …), its keys
 * (signingKeysFromEnv) and settings (providerSettingsFromEnv, the console at `consoleUrl`) from
 * the environment. `issuer` is where it is mounted, e.g. `${gatewayUrl}/oidc`; point the services
 * at it with TONGXIN_JWKS_URL=`<issuer>/jwks` and TONGXIN_JWT_ISSUER=`<issuer>`.
 */
export async function createIdentityProviderFromEnv(env: Env, at: { issuer: string; consoleUrl: string; log?: Logger }): Promise<IdentityProvider> {
  return createIdentityProvider({ ...providerSettingsFromEnv(env, at.consoleUrl), issuer: at.issuer, db: databaseConfigFromEnv(env), keys: signingKeysFromEnv(env), log: at.log });
}
