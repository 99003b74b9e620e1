import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { claimConfigFromEnv } from '@tongxin/common';
import { CONSOLE_CSP, createConsoleSite, IMMUTABLE } from '@tongxin/gateway';
import { ConsolePlatform, startConsolePlatform } from './harness/console';
import { TEST_AUTH } from './harness/auth';
import { startTestPlatform } from './harness/platform';

/**
 * Issue 16 §2: the gateway serves the built console at `/` (same origin as `/graphql`), hashed
 * assets cached for a year, index.html revalidated, a Content-Security-Policy without inline
 * scripts, the console's routes answered with index.html, and the embedded OpenID provider at
 * `/oidc`; `/graphql` as before. Over real HTTP.
 */

const INDEX = '<!doctype html><html lang="zh-CN"><head><script type="module" src="/assets/index-Abc123.js"></script></head><body><div id="root"></div></body></html>';
const SCRIPT = 'console.log("同心");';

function consoleFixture(): string {
  // A build's shape (index.html and hashed assets/): what the gateway serves, whatever the console's code.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongxin-console-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), INDEX);
  fs.writeFileSync(path.join(dir, 'assets/index-Abc123.js'), SCRIPT);
  fs.writeFileSync(path.join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return dir;
}

describe('the gateway with the console and the embedded provider', () => {
  let site: ConsolePlatform;
  let dir: string;

  beforeAll(async () => {
    dir = consoleFixture();
    site = await startConsolePlatform({ consoleDir: dir });
  });
  afterAll(async () => {
    await site?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves index.html at / with no-cache and a Content-Security-Policy without inline scripts', async () => {
    const res = await fetch(`${site.origin}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toBe(CONSOLE_CSP);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(/script-src[^;]*unsafe-inline/.test(csp)).toBe(false);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe(INDEX);
  });

  it('answers the console routes with index.html (the console reads its own address)', async () => {
    for (const route of ['/overview?district=330302&category=PRIVATE_TECH', '/districts/330302', '/auth/callback?code=x&state=y', '/me']) {
      const res = await fetch(`${site.origin}${route}`);
      expect([route, res.status, res.headers.get('cache-control')]).toEqual([route, 200, 'no-cache']);
      expect(await res.text()).toBe(INDEX);
    }
  });

  it('caches hashed assets for a year, other files of the build not', async () => {
    const asset = await fetch(`${site.origin}/assets/index-Abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe(IMMUTABLE);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await asset.text()).toBe(SCRIPT);
    const icon = await fetch(`${site.origin}/favicon.svg`);
    expect([icon.status, icon.headers.get('cache-control'), icon.headers.get('content-type')]).toEqual([200, 'no-cache', 'image/svg+xml']);
  });

  it('answers 404 for missing files and never serves outside the build', async () => {
    for (const p of ['/assets/missing-1.js', '/favicon.ico', '/%2e%2e/package.json', '/assets/%2e%2e/%2e%2e/package.json', '/..%2f..%2fpackage.json']) {
      const res = await fetch(`${site.origin}${p}`);
      expect([p, res.status]).toEqual([p, 404]);
      expect(await res.text()).not.toContain('"name"');
    }
  });

  it('takes only GET and HEAD for the console', async () => {
    const post = await fetch(`${site.origin}/overview`, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    const head = await fetch(`${site.origin}/assets/index-Abc123.js`, { method: 'HEAD' });
    expect([head.status, head.headers.get('content-length'), await head.text()]).toEqual([200, String(Buffer.byteLength(SCRIPT)), '']);
  });

  it('tells the console where to sign in', async () => {
    const res = await fetch(`${site.origin}/console-config.json`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ issuer: `${site.origin}/oidc`, clientId: 'tongxin-console', claims: { role: 'role', district: 'district', org: 'org', person: 'person' } });
  });

  it('mounts the embedded provider at /oidc', async () => {
    const res = await fetch(`${site.origin}/oidc/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    const meta = (await res.json()) as Record<string, string>;
    expect(meta.issuer).toBe(`${site.origin}/oidc`);
    expect(meta.authorization_endpoint).toBe(`${site.origin}/oidc/auth`);
    const jwks = await fetch(`${site.origin}/oidc/jwks`);
    expect(jwks.status).toBe(200);
    expect(((await jwks.json()) as { keys: unknown[] }).keys).toHaveLength(1);
  });

  it('answers /graphql as before: 401 JSON without a token, health as before', async () => {
    const res = await fetch(`${site.origin}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ districts { code } }' }) });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
    expect((await fetch(`${site.origin}/health/live`)).status).toBe(200);
  });
});

describe('the gateway with claims under configured names (TONGXIN_CLAIM_*)', () => {
  it('tells the console which claims to read, as the services read them', async () => {
    const dir = consoleFixture();
    const claims = claimConfigFromEnv({ TONGXIN_CLAIM_ROLE: 'realm_access.roles', TONGXIN_CLAIM_DISTRICT: 'https://tongxin.example/district', TONGXIN_ROLE_VALUES: 'tongxin-city=CITY_ADMIN' });
    const platform = await startTestPlatform({
      auth: { ...TEST_AUTH, claims },
      site: { console: createConsoleSite(dir), consoleSignIn: { issuer: 'https://idp.example/realms/tongxin', clientId: 'tongxin' } },
    });
    try {
      const res = await fetch(new URL('/console-config.json', platform.url));
      expect(await res.json()).toEqual({
        issuer: 'https://idp.example/realms/tongxin',
        clientId: 'tongxin',
        claims: { role: 'realm_access.roles', district: 'https://tongxin.example/district', org: 'org', person: 'person' },
        roleValues: { 'tongxin-city': 'CITY_ADMIN' },
      });
    } finally {
      await platform.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the gateway without a console', () => {
  it('answers every other path with 404 JSON, as before, and mounts no provider', async () => {
    const platform = await startTestPlatform();
    try {
      const origin = new URL(platform.url).origin;
      for (const p of ['/', '/overview', '/oidc/.well-known/openid-configuration', '/console-config.json']) {
        const res = await fetch(`${origin}${p}`);
        expect([p, res.status, res.headers.get('content-type')]).toEqual([p, 404, 'application/json; charset=utf-8']);
      }
    } finally {
      await platform.stop();
    }
  });

  it('refuses a console folder that holds no build', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'tongxin-console-'));
    try {
      expect(() => createConsoleSite(empty)).toThrow(/not built/);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});
