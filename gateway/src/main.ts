import * as fs from 'node:fs';
import * as path from 'node:path';
import { authConfigFromEnv, ConfigError, createLogger, envInt, envString, Logger } from '@tongxin/common';
import { createGateway, subgraphsOf } from './gateway';

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
  const gateway = await createGateway({ supergraphSdl, subgraphUrls, production: env.NODE_ENV === 'production', log, auth: authConfigFromEnv(env, { serviceIdentity: false }) });
  const host = envString(env, 'HOST', '127.0.0.1');
  const port = await gateway.http.listen(envInt(env, 'PORT', 4000, 0, 65535), host);
  log.info({ url: `http://${host}:${port}/graphql`, subgraphs: gateway.subgraphUrls }, 'gateway ready');
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    gateway.stop().then(
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
