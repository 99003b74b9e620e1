import * as net from 'node:net';
import { createLogger, withServiceSecret } from '@tongxin/common';
import { createConsoleSite } from '@tongxin/gateway';
import { createIdentityProvider, ensureDemoAccounts, generateSigningKeys, IdentityProvider, IdentityProviderOptions } from '@tongxin/identity';
import { DEMO_PASSWORDS, demoAccountTargets, SUBGRAPHS } from '@tongxin/platform';
import { loadDemoCityIfEmpty } from '../../packages/platform/src/databases';
import { TEST_SERVICE_SECRET } from './auth';
import { freshDatabase } from './database';
import { startTestPlatform, TestPlatform } from './platform';

/** A free loopback port: the provider's issuer names the gateway's address before the gateway listens. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface ConsolePlatform {
  /** The gateway's origin: the console at `/`, the API at `/graphql`, the provider at `/oidc`. */
  readonly origin: string;
  readonly platform: TestPlatform;
  readonly idp: IdentityProvider;
  /** The demo association's and the demo person's ids (the demo accounts point at them). */
  readonly demo: { readonly organizationId: string; readonly personId: string } | null;
  stop(): Promise<void>;
}

export interface ConsolePlatformOptions {
  /** The built console's folder (packages/console/dist or a fixture). */
  readonly consoleDir: string;
  /** Load the demo city (this many persons) and its accounts of every role (DEMO_PASSWORDS). */
  readonly demoPersons?: number;
  /** Settings of the embedded provider (its lockout, token lifetimes…). */
  readonly identity?: Partial<Omit<IdentityProviderOptions, 'issuer' | 'db' | 'keys' | 'redirectUris'>>;
}

/**
 * The platform as `npm start` runs it, in process: the subgraphs and the gateway over fresh
 * databases, the gateway serving the console at `/` and the embedded OpenID provider at `/oidc`,
 * every service verifying that provider's tokens through its JWKS.
 */
export async function startConsolePlatform(opts: ConsolePlatformOptions): Promise<ConsolePlatform> {
  const level = process.env.LOG_LEVEL ?? 'silent';
  const log = createLogger('console-test', level);
  const db = freshDatabase();
  const drop = () => db.drop([...SUBGRAPHS.map((s) => s.subgraph), 'identity']);
  let idp: IdentityProvider | undefined;
  try {
    let demo: ConsolePlatform['demo'] = null;
    if (opts.demoPersons) {
      await loadDemoCityIfEmpty(db.config, { seed: 20111013, size: { persons: opts.demoPersons, activitiesPerPerson: 0.2, participantsPerActivity: 20 }, chunk: 500, today: '2026-06-30', log });
      demo = await demoAccountTargets(db.config, log);
    }
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    idp = await createIdentityProvider({
      issuer: `${origin}/oidc`,
      db: db.config,
      keys: generateSigningKeys(),
      redirectUris: [`${origin}/auth/callback`],
      postLogoutRedirectUris: [`${origin}/`],
      log: createLogger('identity', level),
      ...opts.identity,
    });
    if (demo) await ensureDemoAccounts(idp.accounts, { ...demo, passwords: DEMO_PASSWORDS });
    // The services read the claims the provider issues (its `claims`, TONGXIN_CLAIM_* in a deployment).
    const claims = opts.identity?.claims;
    const auth = withServiceSecret({ kind: 'rs256-jwks', jwksUrl: idp.jwksUrl, issuer: idp.issuer, audience: 'tongxin', ...(claims ? { claims } : {}) }, TEST_SERVICE_SECRET);
    const platform = await startTestPlatform({
      db: db.config,
      auth,
      port,
      site: { console: createConsoleSite(opts.consoleDir), consoleSignIn: { issuer: idp.issuer, clientId: idp.clientId }, identity: idp },
    });
    const provider = idp;
    return {
      origin,
      platform,
      idp: provider,
      demo,
      async stop() {
        await platform.stop();
        await provider.close();
        await drop();
      },
    };
  } catch (error) {
    await idp?.close();
    await drop();
    throw error;
  }
}
