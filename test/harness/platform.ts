import * as fs from 'node:fs';
import { AuthConfig, createLogger, DatabaseConfig, RunningSubgraph, startSubgraph } from '@tongxin/common';
import { createGateway, Gateway, GatewayOptions } from '@tongxin/gateway';
import { SUBGRAPHS, SUPERGRAPH_PATH } from '@tongxin/platform';
import { cityAdminHeaders, TEST_AUTH } from './auth';
import { freshDatabase } from './database';
import { GraphQLResponse, postGraphQL } from './graphql-client';

export interface TestPlatform {
  readonly url: string;
  /** Its databases (another platform may serve the same data: `TestPlatformOptions.sameDataAs`). */
  readonly db: DatabaseConfig;
  readonly gateway: Gateway;
  readonly subgraphs: Readonly<Record<string, RunningSubgraph<any>>>;
  /** Where each subgraph finds its peers; a test may point one elsewhere (an outage) and back. */
  readonly peerUrls: Record<string, string>;
  /** Posts to the gateway as a city administrator unless `headers` carry an authorization of their own. */
  request<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  /** SQL statements all subgraphs sent for `work`, in total and per subgraph, with the background deliveries it started. */
  statements<T>(work: () => Promise<T>): Promise<{ result: T; statements: number; bySubgraph: Record<string, number> }>;
  stop(): Promise<void>;
}

export interface TestPlatformOptions {
  /** Serve this platform's databases instead of fresh ones (left to it to drop). */
  readonly sameDataAs?: TestPlatform;
  /** The gateway's large bodies at once (default: as GATEWAY_MAX_LARGE_BODIES says). */
  readonly maxLargeBodies?: number;
  /** How every service verifies tokens (default TEST_AUTH; the console's tests: the embedded provider's JWKS). */
  readonly auth?: AuthConfig;
  /** The gateway's port (default: a free one). */
  readonly port?: number;
  /** The console, its sign-in and the embedded provider, as the gateway serves them. */
  readonly site?: Pick<GatewayOptions, 'console' | 'consoleSignIn' | 'identity'>;
  /** Databases made by the caller (left to it to drop). */
  readonly db?: DatabaseConfig;
}

/**
 * The whole platform as users meet it: the four subgraphs on free loopback ports over fresh
 * databases (SQLite, or MySQL with TEST_DB=mysql) and the gateway serving the committed
 * supergraph, pointed at them.
 */
export async function startTestPlatform(opts: TestPlatformOptions = {}): Promise<TestPlatform> {
  const given = opts.sameDataAs?.db ?? opts.db;
  const db = given ? { config: given, drop: async () => {} } : freshDatabase();
  const auth = opts.auth ?? TEST_AUTH;
  const level = process.env.LOG_LEVEL ?? 'silent';
  const subgraphs: Record<string, RunningSubgraph<any>> = {};
  // Filled in as the subgraphs start: a subgraph asks its peers only while serving requests.
  const peerUrls: Record<string, string> = {};
  try {
    for (const def of SUBGRAPHS) {
      subgraphs[def.subgraph] = await startSubgraph(def, {
        db: db.config,
        auth,
        port: 0,
        log: createLogger(def.subgraph, level),
        peerUrls,
      });
      peerUrls[def.subgraph] = subgraphs[def.subgraph]!.url;
    }
  } catch (error) {
    await Promise.all(Object.values(subgraphs).map((s) => s.stop()));
    await db.drop(SUBGRAPHS.map((s) => s.subgraph));
    throw error;
  }
  const gateway = await createGateway({
    supergraphSdl: fs.readFileSync(SUPERGRAPH_PATH, 'utf8'),
    subgraphUrls: Object.fromEntries(Object.values(subgraphs).map((s) => [s.name, s.url])),
    log: createLogger('gateway', level),
    auth,
    ...(opts.maxLargeBodies ? { maxLargeBodies: opts.maxLargeBodies } : {}),
    ...opts.site,
  });
  const port = await gateway.http.listen(opts.port ?? 0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}/graphql`;
  const quiet = async () => {
    for (const s of Object.values(subgraphs)) await (s.services as { outbox?: { idle(): Promise<void> } }).outbox?.idle();
  };
  const counts = () => Object.fromEntries(Object.values(subgraphs).map((s) => [s.name, s.counter.total]));
  return {
    url,
    db: db.config,
    gateway,
    subgraphs,
    peerUrls,
    // A request's answer comes before the deliveries its change started (the persons subgraph's
    // outbox: docs/CROSS-DISTRICT.md); a person's next request normally finds them done, and the
    // tests' next request always does: a person registered is known to addMembership at once.
    request: async <T>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => {
      const res = await postGraphQL<T>(url, query, variables, { ...(await cityAdminHeaders()), ...headers });
      await quiet();
      return res;
    },
    async statements(work) {
      // Background work (the persons subgraph delivering its outbox) is counted with the work that
      // started it, whole: never half of it, nor an earlier work's.
      await quiet();
      const before = counts();
      const result = await work();
      await quiet();
      const after = counts();
      const bySubgraph = Object.fromEntries(Object.keys(after).map((k) => [k, after[k]! - before[k]!]));
      return { result, statements: Object.values(bySubgraph).reduce((a, b) => a + b, 0), bySubgraph };
    },
    async stop() {
      await gateway.stop();
      await Promise.all(Object.values(subgraphs).map((s) => s.stop()));
      await db.drop(SUBGRAPHS.map((s) => s.subgraph));
    },
  };
}
