import { createLogger, OperationLimits, RunningSubgraph, startSubgraph, SubgraphDefinition } from '@tongxin/common';
import { cityAdminHeaders, TEST_AUTH } from './auth';
import { freshDatabase } from './database';
import { GraphQLResponse, postGraphQL } from './graphql-client';

export interface TestSubgraph<S> {
  readonly running: RunningSubgraph<S>;
  /** Posts as a city administrator unless `headers` carry an authorization of their own. */
  request<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  /** SQL statements the subgraph sent while `work` ran. */
  statements<T>(work: () => Promise<T>): Promise<{ result: T; statements: number }>;
  stop(): Promise<void>;
}

/**
 * One subgraph on a free loopback port over a fresh database (SQLite, or MySQL with TEST_DB=mysql);
 * `peerUrls` says where the subgraphs it asks are (see `Peers`); `limits` are its operation limits
 * (default: the GATEWAY_MAX_* variables or their defaults, as in production).
 */
export async function startTestSubgraph<S, L>(
  def: SubgraphDefinition<S, L>,
  opts: { peerUrls?: Record<string, string>; limits?: OperationLimits; env?: Record<string, string | undefined> } = {},
): Promise<TestSubgraph<S>> {
  const db = freshDatabase();
  const running = await startSubgraph(def, {
    db: db.config,
    auth: TEST_AUTH,
    port: 0,
    log: createLogger(def.subgraph, process.env.LOG_LEVEL ?? 'silent'),
    // No peers unless the test names them: a subgraph on its own asks nobody.
    peerUrls: opts.peerUrls ?? {},
    limits: opts.limits,
    ...(opts.env ? { env: { ...process.env, ...opts.env } } : {}),
  });
  return {
    running,
    request: async (query, variables, headers) => postGraphQL(running.url, query, variables, { ...(await cityAdminHeaders()), ...headers }),
    async statements(work) {
      const before = running.counter.total;
      const result = await work();
      return { result, statements: running.counter.total - before };
    },
    async stop() {
      await running.stop();
      await db.drop([def.subgraph]);
    },
  };
}
