import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { DataSource } from 'typeorm';
import type { ContainerType, NonEmptyArray } from 'type-graphql';
import { ConfigError, envBool, envChoice, envInt, envString } from '../config';
import { AuthConfig, authConfigFromEnv, requireServiceSecret } from '../auth/auth-config';
import { serviceIdentityWall } from '../auth/service-wall';
import { TokenVerifier } from '../auth/tokens';
import { RequestContext } from '../context';
import { DatabaseConfig, databaseConfigFromEnv, describeDatabase } from '../db/database-config';
import { DataSourceSpec, openDatabase } from '../db/data-source';
import { SqlStatementCounter } from '../db/sql-counter';
import { TransactionalConnection } from '../db/transactional-connection';
import { createLogger, Logger, LogLevel, logLevelFromEnv } from '../logger';
import { loaderMaxBatchSize } from '../loaders';
import { statsMinGroup } from '../stats/disclosure';
import { buildFederatedSchema, FederatedSchema } from './federation';
import { createErrorFormatter } from './format-error';
import { createHttpApp, HttpApp } from './http';
import { OperationLimits, operationLimitsFromEnv, operationProtection, subgraphOperationLimits } from './operation-limits';
import { CLIENT_REQUEST_ID_HEADER, clientRequestIdFrom, REQUEST_ID_HEADER, requestIdFrom } from './request-ids';
import { Peers, peerUrlsFromEnv } from './peers';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql's buildSchema types resolvers and orphanedTypes as Function
type ClassLike = Function;

/**
 * What a subgraph is: its tables, migrations, resolvers, services and loaders. Everything
 * else (configuration, database, schema, HTTP, health, logs, shutdown) is the same for all.
 * Resolver classes take the subgraph's services as their only constructor argument.
 */
export interface SubgraphDefinition<S, L> extends DataSourceSpec {
  readonly defaultPort: number;
  readonly resolvers: NonEmptyArray<ClassLike>;
  readonly orphanedTypes?: ClassLike[];
  /**
   * `env`: the service's configuration (keys such as TONGXIN_DATA_KEY); a bad value is a
   * ConfigError. `runtime` is there when the services run in a serving subgraph (not in scripts):
   * how tokens are checked (to mint a service identity) and the logger.
   */
  readonly createServices: (conn: TransactionalConnection, peers: Peers, env: Readonly<Record<string, string | undefined>>, runtime?: SubgraphRuntime) => S;
  /** Runs once the subgraph listens (background work such as an outbox delivery), and before it stops. */
  readonly lifecycle?: { readonly started?: (services: S) => void; readonly stopping?: (services: S) => Promise<void> };
  /** The other subgraphs this one asks (see `Peers`), with their default ports. */
  readonly peers?: Readonly<Record<string, number>>;
  /**
   * The root fields another subgraph's service identity may call here (`applyPersonDistricts`);
   * every other is refused to a service token (`serviceIdentityWall`). A subgraph that names any
   * needs the service calls' key (TONGXIN_SERVICE_SECRET) to start.
   */
  readonly serviceOperations?: readonly string[];
  readonly createLoaders: (services: S, ctx: RequestContext<L>) => L;
  /** `__resolveReference` per owned entity type; they must go through the request's loaders. */
  readonly references?: Readonly<Record<string, (ref: { id: string }, ctx: RequestContext<L>) => unknown>>;
}

export interface SubgraphRuntime {
  readonly auth: AuthConfig;
  readonly log: Logger;
}

export interface SubgraphOptions {
  readonly db: DatabaseConfig;
  /** How to verify the bearer token every request must carry. */
  readonly auth: AuthConfig;
  readonly port?: number;
  readonly host?: string;
  readonly log?: Logger;
  readonly migrate?: boolean;
  readonly production?: boolean;
  /** Where the peers of `SubgraphDefinition.peers` are (default: their default ports on loopback). Read at each call, so it may be filled in after start. */
  readonly peerUrls?: Readonly<Record<string, string>>;
  /** The environment the services read their own settings from (default: process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Largest request body (default DEFAULT_SUBGRAPH_MAX_BODY_BYTES); a larger one is answered 413. */
  readonly maxBodyBytes?: number;
  /**
   * The platform's operation limits, the gateway's (default: the `GATEWAY_MAX_*` variables of
   * `env`, or their defaults): a caller who reaches a subgraph directly meets the same walls, with
   * room for the gateway's spelling of its queries (see subgraphOperationLimits).
   */
  readonly limits?: OperationLimits;
}

/**
 * Twice the gateway's default limit (8 MiB): whatever the gateway accepts reaches a subgraph,
 * whose request holds the same variables and the gateway's query. `SUBGRAPH_MAX_BODY_BYTES`.
 */
export const DEFAULT_SUBGRAPH_MAX_BODY_BYTES = 16 * 1024 * 1024;

export interface RunningSubgraph<S> {
  readonly name: string;
  readonly url: string;
  readonly port: number;
  readonly services: S;
  /** The connection the services use (its transactions, its read side). */
  readonly conn: TransactionalConnection;
  readonly dataSource: DataSource;
  readonly counter: SqlStatementCounter;
  readonly http: HttpApp;
  stop(): Promise<void>;
}

function containerFor<S>(services: S): ContainerType {
  const instances = new Map<ClassLike, unknown>();
  return {
    get(someClass: new (services: S) => unknown) {
      let instance = instances.get(someClass);
      if (!instance) {
        instance = new someClass(services);
        instances.set(someClass, instance);
      }
      return instance;
    },
  };
}

/** The subgraph's schema and SDL without a database: what composition needs. */
export function buildSubgraphSchemaOf<S, L>(def: SubgraphDefinition<S, L>, services?: S): Promise<FederatedSchema> {
  return buildFederatedSchema({ resolvers: def.resolvers, orphanedTypes: def.orphanedTypes, references: def.references as never }, services === undefined ? undefined : containerFor(services));
}

export async function startSubgraph<S, L>(def: SubgraphDefinition<S, L>, opts: SubgraphOptions): Promise<RunningSubgraph<S>> {
  const log = opts.log ?? createLogger(def.subgraph);
  if (def.serviceOperations?.length) {
    requireServiceSecret(opts.auth, `the ${def.subgraph} subgraph takes ${def.serviceOperations.join(', ')} from other subgraphs' service identity, signed with it`);
  }
  const database = await openDatabase(opts.db, def, log, { migrate: opts.migrate, reader: true });
  const { dataSource, reader, counter } = database;
  try {
    const conn = new TransactionalConnection(dataSource, reader);
    const peers = new Peers(opts.peerUrls ?? peerUrlsFromEnv(def.peers ?? {}, {}));
    const services = def.createServices(conn, peers, opts.env ?? process.env, { auth: opts.auth, log });
    const { schema } = await buildSubgraphSchemaOf(def, services);
    const protection = operationProtection(subgraphOperationLimits(opts.limits ?? operationLimitsFromEnv(opts.env ?? process.env)));
    const apollo = new ApolloServer<RequestContext<L>>({
      // Operations run on Apollo Server's own graphql-js execution.
      schema,
      introspection: !opts.production,
      csrfPrevention: true,
      // The process stops the server itself on SIGTERM/SIGINT (HTTP first, then Apollo, then the
      // database); Apollo's own handler would race it and, in production, leave it hanging.
      stopOnTerminationSignals: false,
      allowBatchedHttpRequests: protection.allowBatchedHttpRequests,
      parseOptions: protection.parseOptions,
      validationRules: protection.validationRules,
      includeStacktraceInErrorResponses: false,
      formatError: createErrorFormatter(log),
      plugins: [
        ...protection.plugins,
        ApolloServerPluginInlineTraceDisabled(),
        ApolloServerPluginCacheControlDisabled(),
        ApolloServerPluginLandingPageDisabled(),
        serviceIdentityWall(def.subgraph, def.serviceOperations ?? []),
      ],
    });
    await apollo.start();
    const verifier = new TokenVerifier(opts.auth);
    const http: HttpApp = createHttpApp<RequestContext<L>>({
      apollo,
      log,
      context: async (req) => {
        // Subgraphs are private: the id is the gateway's (see request-ids), or this subgraph's own.
        const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
        const clientRequestId = clientRequestIdFrom(req.headers[CLIENT_REQUEST_ID_HEADER]);
        return new RequestContext<L>({
          requestId,
          clientRequestId,
          // Each subgraph checks the token itself: the gateway is not the only wall.
          viewer: await verifier.verify(req.headers.authorization),
          authorization: req.headers.authorization,
          log: log.child(clientRequestId ? { requestId, clientRequestId } : { requestId }),
          createLoaders: (ctx) => def.createLoaders(services, ctx),
        });
      },
      ready: async () => {
        await dataSource.query('SELECT 1');
        return true;
      },
      maxBodyBytes: opts.maxBodyBytes ?? DEFAULT_SUBGRAPH_MAX_BODY_BYTES,
      document: { maxBytes: protection.maxDocumentBytes, maxTokens: protection.parseOptions.maxTokens ?? Infinity },
      routes: { '/metrics': (): unknown => ({ graphqlRequests: http.graphqlRequests(), sqlStatements: counter.total }) },
    });
    const host = opts.host ?? '127.0.0.1';
    const port = await http.listen(opts.port ?? def.defaultPort, host);
    const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/graphql`;
    log.info({ url, database: describeDatabase(opts.db, def.subgraph) }, `${def.subgraph} subgraph ready`);
    def.lifecycle?.started?.(services);
    return {
      name: def.subgraph,
      url,
      port,
      services,
      conn,
      dataSource,
      counter,
      http,
      async stop() {
        await http.stop();
        await def.lifecycle?.stopping?.(services);
        await apollo.stop();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** The runtime environments `NODE_ENV` may name. */
export const NODE_ENVS = ['production', 'development', 'test'] as const;

/**
 * A subgraph's options from the environment (`PORT`, `HOST`, `NODE_ENV`, `LOG_LEVEL`,
 * `LOADER_MAX_BATCH_SIZE`, `TONGXIN_STATS_MIN_GROUP`, `TONGXIN_MIGRATE`, `SUBGRAPH_MAX_BODY_BYTES`, `GATEWAY_MAX_*` (the
 * operation limits, the gateway's), `TONGXIN_DB`, `MYSQL_*`, `TONGXIN_JWT_*`), every value checked:
 * a bad one is a ConfigError that names it. `SUBGRAPH_EXECUTOR`, which once chose graphql-jit, is
 * refused (it is no longer read: a deployment that sets it learns so at start, not never).
 */
export function subgraphOptionsFromEnv<S, L>(def: SubgraphDefinition<S, L>, env: Record<string, string | undefined> = process.env): SubgraphOptions & { readonly logLevel: LogLevel } {
  const nodeEnv = envChoice(env, 'NODE_ENV', NODE_ENVS, 'development');
  const logLevel = logLevelFromEnv(env);
  loaderMaxBatchSize(env);
  statsMinGroup(env);
  if (env.SUBGRAPH_EXECUTOR !== undefined) {
    throw new ConfigError("SUBGRAPH_EXECUTOR is no longer read: subgraphs run their operations on Apollo Server's own graphql-js execution. Remove it from the environment");
  }
  return {
    logLevel,
    db: databaseConfigFromEnv(env),
    auth: authConfigFromEnv(env),
    port: envInt(env, 'PORT', def.defaultPort, 0, 65535),
    host: envString(env, 'HOST', '127.0.0.1'),
    migrate: envBool(env, 'TONGXIN_MIGRATE', true),
    maxBodyBytes: envInt(env, 'SUBGRAPH_MAX_BODY_BYTES', DEFAULT_SUBGRAPH_MAX_BODY_BYTES, 1024, 1024 ** 3),
    limits: operationLimitsFromEnv(env),
    production: nodeEnv === 'production',
    peerUrls: peerUrlsFromEnv(def.peers ?? {}, env),
    env,
  };
}

/** How a service that cannot start says why: the message of a ConfigError, no stack trace. */
function refuseToStart(service: string, err: unknown, log: Logger | undefined, exit: (code: number) => void): void {
  if (err instanceof ConfigError) {
    // A plain line on stderr too: the logger may not exist yet (LOG_LEVEL itself may be what is
    // wrong) or may be silent.
    const line = `${service} cannot start: ${err.message}`;
    log?.fatal({ reason: err.message }, line);
    process.stderr.write(`${line}\n`);
  } else if (log) {
    log.fatal({ err: err instanceof Error ? { message: err.message, stack: err.stack } : err }, 'could not start');
  } else {
    process.stderr.write(`${service} cannot start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  }
  exit(1);
}

/**
 * A subgraph's `main.ts`: configuration from the environment (see `subgraphOptionsFromEnv`),
 * start, and a graceful stop on SIGTERM/SIGINT. A bad setting or a database that is not ready
 * (pending migrations with TONGXIN_MIGRATE=false) stops it with one line saying why, exit code 1.
 * Resolves to the running subgraph, or undefined when it refused to start.
 */
export async function runSubgraphMain<S, L>(
  def: SubgraphDefinition<S, L>,
  env: Record<string, string | undefined> = process.env,
  exit: (code: number) => void = (code) => process.exit(code),
): Promise<RunningSubgraph<S> | undefined> {
  let log: Logger | undefined;
  let running: RunningSubgraph<S>;
  try {
    const { logLevel, ...options } = subgraphOptionsFromEnv(def, env);
    log = createLogger(def.subgraph, logLevel);
    running = await startSubgraph(def, { ...options, log });
  } catch (err) {
    refuseToStart(def.subgraph, err, log, exit);
    return undefined;
  }
  const started = log;
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    started.info({ signal }, 'stopping');
    running.stop().then(
      () => exit(0),
      (err: unknown) => {
        started.error({ err }, 'stop failed');
        exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  return running;
}

/** A subgraph of any services and loaders: for lists of all four (composition, the launcher). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- one type for the four definitions, whose services and loaders types differ
export type AnySubgraphDefinition = SubgraphDefinition<any, any>;
