import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApolloGateway, GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
  ApolloServerPluginSchemaReportingDisabled,
} from '@apollo/server/plugin/disabled';
import {
  AuthConfig,
  claimConfigJson,
  claimConfigOf,
  CLIENT_REQUEST_ID_HEADER,
  clientRequestIdFrom,
  createErrorFormatter,
  createHttpApp,
  envInt,
  HttpApp,
  Logger,
  newRequestId,
  operationProtection,
  REQUEST_ID_HEADER,
  TokenVerifier,
  UnauthenticatedError,
} from '@tongxin/common';
import { ConsoleSite } from './console-site';
import { GatewayLimits, gatewayLimitsFromEnv } from './operation-limits';
import { createSubgraphFetcher, SubgraphFetcherOptions, subgraphFetcherOptionsFromEnv } from './subgraph-fetcher';

/** What the gateway knows of one request: the headers it passes on to the subgraphs. */
export interface GatewayContext {
  /** The gateway's own id of the request (never the client's), returned to the client in `x-request-id`. */
  readonly requestId: string;
  /** The `x-request-id` the client sent, if any: passed on as `x-client-request-id`, a label only. */
  readonly clientRequestId?: string | null;
  readonly authorization: string | undefined;
}

/**
 * The errors of a subgraph's 400 answer when they are its refusals of the client's variables
 * (Apollo Server answers 400 when a variable cannot be coerced: a date-time without its offset,
 * which only the subgraph's scalar knows). Null for any other failure.
 */
export function refusedVariables(error: unknown): GraphQLFormattedError[] | null {
  if (!(error instanceof GraphQLError)) return null;
  const response = error.extensions.response as { status?: unknown; body?: unknown } | undefined;
  if (response?.status !== 400) return null;
  const errors = (response.body as { errors?: unknown } | null | undefined)?.errors;
  if (!Array.isArray(errors) || errors.length === 0) return null;
  const refusals = errors as GraphQLFormattedError[];
  return refusals.every((e) => typeof e?.message === 'string' && e.extensions?.code === 'BAD_USER_INPUT') ? refusals : null;
}

type SubgraphResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

/**
 * Passes the caller's token, the gateway's request id and the client's own label of it on to every
 * subgraph (each checks the token itself).
 */
class ForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if (!request.http) return;
    if (context?.requestId) request.http.headers.set(REQUEST_ID_HEADER, context.requestId);
    if (context?.clientRequestId) request.http.headers.set(CLIENT_REQUEST_ID_HEADER, context.clientRequestId);
    if (context?.authorization) request.http.headers.set('authorization', context.authorization);
  }

  /**
   * A subgraph's refusal of a variable reaches the client as the subgraph said it (BAD_USER_INPUT,
   * "DateTime has no time zone: …"), like any other refusal, not as the internal error
   * RemoteGraphQLDataSource makes of every non-2xx answer.
   */
  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<SubgraphResponse> {
    try {
      return await super.process(options);
    } catch (error) {
      const refusals = refusedVariables(error);
      if (refusals) return { errors: refusals };
      throw error;
    }
  }
}

/** Bodies over this are large: at most GATEWAY_MAX_LARGE_BODIES (default 2) of them are taken at once. */
export const LARGE_BODY_BYTES = 1024 * 1024;
export const DEFAULT_MAX_LARGE_BODIES = 2;

export interface GatewayOptions {
  readonly supergraphSdl: string;
  /** Where each subgraph really is (overrides the URLs recorded in the supergraph). */
  readonly subgraphUrls?: Readonly<Record<string, string>>;
  readonly production?: boolean;
  readonly log: Logger;
  /** Depth, cost, aliases, … an operation may have; by default the GATEWAY_MAX_* variables or their defaults. */
  readonly limits?: GatewayLimits;
  /** Tokens are checked here first (nothing unauthenticated is planned or sent on) and again by every subgraph. */
  readonly auth: AuthConfig;
  /** Connections per subgraph and how long a subgraph may take; by default the GATEWAY_SUBGRAPH_* variables or their defaults. */
  readonly subgraphFetcher?: SubgraphFetcherOptions;
  /** Bodies over LARGE_BODY_BYTES taken at once (more get 503); by default GATEWAY_MAX_LARGE_BODIES or DEFAULT_MAX_LARGE_BODIES. */
  readonly maxLargeBodies?: number;
  /** The built console, served at `/` (same origin as `/graphql`); none: only the API is served. */
  readonly console?: ConsoleSite;
  /** Where the console signs people in, served to it at CONSOLE_CONFIG_PATH. Required with `console`. */
  readonly consoleSignIn?: ConsoleSignIn;
  /** The embedded OpenID provider, answering every path under its `mountPath` (`/oidc`); none with an external issuer. */
  readonly identity?: { readonly mountPath: string; readonly handle: (req: IncomingMessage, res: ServerResponse) => void };
}

/** What the console needs to sign people in: the OpenID issuer and its client id there. */
export interface ConsoleSignIn {
  readonly issuer: string;
  readonly clientId: string;
}

/** Where the console reads its ConsoleSignIn and the claim names (`claims`, `roleValues`) as JSON. */
export const CONSOLE_CONFIG_PATH = '/console-config.json';

/** GATEWAY_MAX_LARGE_BODIES, or its default: a few whole-sheet imports at once, not dozens of 8 MiB bodies (the heap is capped at 512 MB). */
export function maxLargeBodiesFromEnv(env: NodeJS.ProcessEnv): number {
  return envInt(env, 'GATEWAY_MAX_LARGE_BODIES', DEFAULT_MAX_LARGE_BODIES, 1, 1000);
}

export interface Gateway {
  readonly apollo: ApolloServer<GatewayContext>;
  readonly http: HttpApp;
  readonly subgraphUrls: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

/** Reads `join__graph(name: …, url: …)` of the supergraph: the subgraphs and their recorded URLs. */
export function subgraphsOf(supergraphSdl: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const m of supergraphSdl.matchAll(/join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g)) found[m[1]!] = m[2]!;
  return found;
}

export async function createGateway(opts: GatewayOptions): Promise<Gateway> {
  const urls = { ...subgraphsOf(opts.supergraphSdl), ...(opts.subgraphUrls ?? {}) };
  const fetcher = createSubgraphFetcher(opts.subgraphFetcher ?? subgraphFetcherOptionsFromEnv(process.env));
  const gateway = new ApolloGateway({
    supergraphSdl: opts.supergraphSdl,
    // No cache-control hints are used (the plugin is off): the subgraphs' headers are not read.
    buildService: ({ name, url }) => new ForwardingDataSource({ url: urls[name] ?? url, fetcher: fetcher.fetch, honorSubgraphCacheControlHeader: false }),
  });
  const limits = opts.limits ?? gatewayLimitsFromEnv(process.env);
  const protection = operationProtection(limits);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !opts.production,
    csrfPrevention: true,
    // The process stops the server itself on SIGTERM/SIGINT (HTTP first, then Apollo, then the
    // database); Apollo's own handler would race it and, in production, leave it hanging.
    stopOnTerminationSignals: false,
    allowBatchedHttpRequests: protection.allowBatchedHttpRequests,
    parseOptions: protection.parseOptions,
    validationRules: protection.validationRules,
    includeStacktraceInErrorResponses: false,
    formatError: createErrorFormatter(opts.log),
    plugins: [
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      ...(opts.production ? [ApolloServerPluginLandingPageDisabled()] : []),
      ...protection.plugins,
    ],
  });
  if (opts.console && !opts.consoleSignIn) throw new Error('The console needs consoleSignIn: its OpenID issuer and client id');
  const identity = opts.identity;
  if (identity && !identity.mountPath.startsWith('/')) throw new Error(`The identity provider's mount path must start with /: ${identity.mountPath}`);
  const site = opts.console;
  const signIn = opts.consoleSignIn;
  await apollo.start();
  const verifier = new TokenVerifier(opts.auth);
  const http = createHttpApp<GatewayContext>({
    apollo,
    log: opts.log,
    maxBodyBytes: limits.maxBodyBytes,
    document: { maxBytes: protection.maxDocumentBytes, maxTokens: limits.maxTokens },
    largeBodies: { overBytes: LARGE_BODY_BYTES, atOnce: opts.maxLargeBodies ?? maxLargeBodiesFromEnv(process.env) },
    context: async (req: IncomingMessage, res: ServerResponse) => {
      // The gateway's own id, made before anything can refuse the request, and returned with every answer.
      const requestId = newRequestId();
      res.setHeader(REQUEST_ID_HEADER, requestId);
      const viewer = await verifier.verify(req.headers.authorization);
      // Service tokens are for calls between subgraphs; a client never carries one.
      if (viewer.service) throw new UnauthenticatedError('A service token cannot be used here: sign in as a user.');
      return { requestId, clientRequestId: clientRequestIdFrom(req.headers[REQUEST_ID_HEADER]), authorization: req.headers.authorization };
    },
    // The console reads a token's role and scope from the claims the services read (TONGXIN_CLAIM_*).
    routes: signIn ? { [CONSOLE_CONFIG_PATH]: () => ({ issuer: signIn.issuer, clientId: signIn.clientId, ...claimConfigJson(claimConfigOf(opts.auth)) }) } : {},
    fallback:
      identity || site
        ? (req, res, url) => {
            if (identity && (url.pathname === identity.mountPath || url.pathname.startsWith(`${identity.mountPath}/`))) return identity.handle(req, res);
            if (site) return site.handle(req, res, url);
            res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
            res.end(JSON.stringify({ error: `No route ${url.pathname}; GraphQL is served at /graphql` }));
          }
        : undefined,
    ready: async () => {
      const checks = await Promise.all(
        Object.values(urls).map((url) =>
          fetch(url.replace(/\/graphql$/, '/health/ready'), { signal: AbortSignal.timeout(2000) }).then(
            (r) => r.ok,
            () => false,
          ),
        ),
      );
      return checks.every(Boolean);
    },
  });
  return {
    apollo,
    http,
    subgraphUrls: urls,
    async stop() {
      await http.stop();
      await apollo.stop();
      fetcher.destroy();
    },
  };
}
