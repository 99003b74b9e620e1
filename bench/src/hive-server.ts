/**
 * The peer: Hive Gateway's runtime (@graphql-hive/gateway-runtime, pinned) over the same
 * committed supergraph and the same subgraphs, served by node:http, forwarding the caller's
 * authorization to the subgraphs. Defaults otherwise (one process, no --jit, no inbound
 * deduplication), as Tongxin's gateway runs: one process. Run by the bench as a child process
 * (PORT, SUPERGRAPH_PATH, SUBGRAPH_URLS: JSON of subgraph name to URL).
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';

const env = process.env;
const urls = JSON.parse(env.SUBGRAPH_URLS ?? '{}') as Record<string, string>;
// The committed supergraph names the default ports; point each graph at where it runs now.
const supergraph = fs
  .readFileSync(env.SUPERGRAPH_PATH!, 'utf8')
  .replace(/@join__graph\(name: "([a-z]+)", url: "[^"]*"\)/g, (whole, name: string) => (urls[name] ? `@join__graph(name: "${name}", url: "${urls[name]}")` : whole));

const gateway = createGatewayRuntime({
  supergraph,
  logging: 'error',
  graphqlEndpoint: '/graphql',
  healthCheckEndpoint: '/health',
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => ({ authorization: request.headers.get('authorization') }),
  },
});

const server = http.createServer(gateway);
server.keepAliveTimeout = 65_000;
server.listen(Number(env.PORT ?? 0), '127.0.0.1');

const stop = () => server.close(() => void Promise.resolve(gateway.dispose()).finally(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
