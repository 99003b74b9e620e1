import * as fs from 'node:fs';
import * as path from 'node:path';
import { authConfigFromEnv, ConfigError, createLogger, Env, envInt, envString, Logger } from '@tongxin/common';
import { createIdentityProviderFromEnv, DEFAULT_CLIENT_ID, IdentityProvider } from '@tongxin/identity';
import { ConsoleSite, createConsoleSite } from './console-site';
import { ConsoleSignIn, createGateway, subgraphsOf } from './gateway';

/** Where `npm run build -w @tongxin/console` writes the console. */
const DEFAULT_CONSOLE_DIR = path.resolve(__dirname, '../../packages/console/dist');

/**
 * The console and its sign-in as the environment says: TONGXIN_IDENTITY=embedded runs the
 * embedded OpenID provider at `<TONGXIN_PUBLIC_URL>/oidc` (the console's issuer); otherwise the
 * console signs in at TONGXIN_CONSOLE_ISSUER with TONGXIN_CONSOLE_CLIENT_ID (tongxin-console), and
 * without an issuer it is not served. TONGXIN_CONSOLE_DIR (packages/console/dist) is the built
 * console; TONGXIN_CONSOLE=off serves the API only.
 */
async function consoleFromEnv(env: Env, publicUrl: string, log: Logger): Promise<{ site?: ConsoleSite; signIn?: ConsoleSignIn; identity?: IdentityProvider }> {
  let identity: IdentityProvider | undefined;
  let signIn: ConsoleSignIn | undefined;
  const mode = envString(env, 'TONGXIN_IDENTITY', 'external');
  if (mode !== 'embedded' && mode !== 'external') throw new ConfigError(`TONGXIN_IDENTITY=${mode}: write embedded (the gateway runs the OpenID provider at /oidc) or external`);
  if (mode === 'embedded') {
    identity = await createIdentityProviderFromEnv(env, { issuer: `${publicUrl}/oidc`, consoleUrl: publicUrl, log: createLogger('identity') });
    signIn = { issuer: identity.issuer, clientId: identity.clientId };
  } else if (env.TONGXIN_CONSOLE_ISSUER) {
    signIn = { issuer: env.TONGXIN_CONSOLE_ISSUER.replace(/\/+$/, ''), clientId: envString(env, 'TONGXIN_CONSOLE_CLIENT_ID', DEFAULT_CLIENT_ID) };
  }
  if (envString(env, 'TONGXIN_CONSOLE', 'on') === 'off') return { identity };
  if (!signIn) {
    log.warn('the console is not served: set TONGXIN_CONSOLE_ISSUER (your OpenID provider) or TONGXIN_IDENTITY=embedded');
    return { identity };
  }
  const dir = envString(env, 'TONGXIN_CONSOLE_DIR', DEFAULT_CONSOLE_DIR);
  if (!fs.existsSync(path.join(dir, 'index.html'))) {
    log.warn({ dir }, 'the console is not built: run npm run build -w @tongxin/console (npm start does)');
    return { identity, signIn };
  }
  return { site: createConsoleSite(dir), signIn, identity };
}

/**
 * The public door: loads the committed supergraph (gateway/supergraph.graphql, or SUPERGRAPH_PATH)
 * and serves it on HOST:PORT (127.0.0.1:4000). SUBGRAPH_<NAME>_URL overrides where a subgraph is.
 */
async function main(log: Logger): Promise<void> {
  const env = process.env;
  const file = envString(env, 'SUPERGRAPH_PATH', path.resolve(__dirname, '../supergraph.graphql'));
  const supergraphSdl = fs.readFileSync(file, 'utf8');
  const subgraphUrls: Record<string, string> = {};
  for (const name of Object.keys(subgraphsOf(supergraphSdl))) {
    const override = env[`SUBGRAPH_${name.toUpperCase()}_URL`];
    if (override) subgraphUrls[name] = override;
  }
  const host = envString(env, 'HOST', '127.0.0.1');
  const listenPort = envInt(env, 'PORT', 4000, 0, 65535);
  const publicUrl = envString(env, 'TONGXIN_PUBLIC_URL', `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host}:${listenPort}`).replace(/\/+$/, '');
  const { site, signIn, identity } = await consoleFromEnv(env, publicUrl, log);
  const gateway = await createGateway({
    supergraphSdl,
    subgraphUrls,
    production: env.NODE_ENV === 'production',
    log,
    auth: authConfigFromEnv(env, { serviceIdentity: false }),
    console: site,
    consoleSignIn: signIn,
    identity,
  });
  const port = await gateway.http.listen(listenPort, host);
  log.info({ url: `http://${host}:${port}/graphql`, console: site ? `${publicUrl}/` : null, identity: identity?.issuer ?? null, subgraphs: gateway.subgraphUrls }, 'gateway ready');
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    gateway
      .stop()
      .then(() => identity?.close())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          log.error({ err }, 'stop failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

let log: Logger;
try {
  log = createLogger('gateway');
} catch (err) {
  process.stderr.write(`gateway cannot start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
main(log).catch((err: unknown) => {
  if (err instanceof ConfigError) process.stderr.write(`gateway cannot start: ${err.message}\n`);
  log.fatal({ err: err instanceof Error ? { message: err.message, stack: err.stack } : err }, 'could not start');
  process.exit(1);
});
