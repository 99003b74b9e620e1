/**
 * The peer: Hive Gateway's runtime (@graphql-hive/gateway-runtime, pinned) over the same
 * committed supergraph and the same subgraphs, served by node:http, forwarding the caller's
 * authorization to the subgraphs. One process, as Tongxin's gateway runs; no --jit; no inbound
 * deduplication (its default); and, unless HIVE_DEDUPLICATE=true, no deduplication of identical
 * in-flight subgraph requests either (on by default in Hive's HTTP transport): Tongxin's gateway
 * does none, and the load sends the same query on every connection, so Hive would answer ten
 * concurrent requests with one subgraph fetch. Run by the bench as a child process
 * (PORT, SUPERGRAPH_PATH, SUBGRAPH_URLS: JSON of subgraph name to URL, HIVE_DEDUPLICATE).
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
  transportEntries: {
    '*.http': { options: { deduplicateInflightRequests: env.HIVE_DEDUPLICATE === 'true' } },
  },
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
