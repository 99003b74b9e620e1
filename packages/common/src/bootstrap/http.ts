import * as http from 'node:http';
import { ApolloServer, HeaderMap, HTTPGraphQLRequest } from '@apollo/server';
import { AppError, ErrorCode } from '../errors';
import type { Logger } from '../logger';
import { documentTooLarge, GraphqlRequestParts, loneSurrogateIn, mayHoldLoneSurrogates, RequestRefusal } from './request-checks';

export interface HttpAppOptions<C extends object> {
  readonly apollo: ApolloServer<C>;
  /**
   * Builds the request context; an AppError thrown here (a missing token) answers the request at
   * once. It may set headers of the answer on `res` (the gateway's `x-request-id`).
   */
  readonly context: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<C>;
  readonly ready: () => Promise<boolean>;
  readonly log: Logger;
  readonly graphqlPath?: string;
  readonly maxBodyBytes?: number;
  /**
   * The document's limits checked on the request before Apollo Server parses it: its size in
   * bytes, and the tokens of the second reading that names an argument holding an unpaired
   * surrogate (see request-checks). Every request's variables and string literals are checked for
   * unpaired surrogates.
   */
  readonly document?: { readonly maxBytes: number; readonly maxTokens: number };
  /**
   * At most `atOnce` requests with bodies over `overBytes` (or of unknown length) are taken
   * together; more get 503 with `Retry-After`. A few whole-sheet imports are fine; dozens of
   * 8 MiB bodies at once would exhaust the heap. Default: no such limit.
   */
  readonly largeBodies?: { readonly overBytes: number; readonly atOnce: number };
  /** Extra JSON routes (GET), e.g. `/metrics`. */
  readonly routes?: Readonly<Record<string, () => unknown>>;
  /**
   * Answers every other request (the gateway's console and its embedded OpenID provider); without
   * it they get a 404 JSON answer.
   */
  readonly fallback?: (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => void;
}

export interface HttpApp {
  readonly server: http.Server;
  /** GraphQL requests received so far (health and metrics routes not counted). */
  readonly graphqlRequests: () => number;
  listen(port: number, host: string): Promise<number>;
  /** Stops accepting, lets in-flight requests finish (up to `graceMs`), closes the sockets. */
  stop(graceMs?: number): Promise<void>;
}

class BodyTooLarge extends Error {}

const STATUS_BY_CODE: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
};

function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      if (size > limit) return;
      size += chunk.length;
      if (size > limit) {
        // Answered 413 at once; the rest is read and dropped (destroying the socket here would
        // lose the answer: the client would see a reset connection instead).
        chunks.length = 0;
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function graphqlError(res: http.ServerResponse, status: number, code: string, message: string, extensions: Readonly<Record<string, unknown>> = {}): void {
  sendJson(res, status, { errors: [{ message, extensions: { ...extensions, code } }] });
}

/** The query and variables of a GET (`?query=…&variables=…`); variables Apollo Server cannot read are left to it. */
function getParts(url: URL): GraphqlRequestParts {
  const variables = url.searchParams.get('variables');
  let parsed: unknown;
  try {
    parsed = variables ? JSON.parse(variables) : undefined;
  } catch {
    parsed = undefined;
  }
  return { query: url.searchParams.get('query') ?? undefined, variables: parsed };
}

/**
 * Serves an Apollo Server on plain `node:http`: `/graphql`, `/health/live`, `/health/ready`.
 * Apollo Server 5 ships no HTTP framework; this is the small part of one we need.
 */
export function createHttpApp<C extends object>(opts: HttpAppOptions<C>): HttpApp {
  const path = opts.graphqlPath ?? '/graphql';
  const limit = opts.maxBodyBytes ?? 1024 * 1024;
  let inFlight = 0;
  let largeInFlight = 0;
  let graphqlRequests = 0;
  let stopping = false;
  let drained: (() => void) | null = null;
  const maxTokens = opts.document?.maxTokens ?? 1000;
  /** The document's size, then unpaired surrogates (sought only where the body's text may hold one). */
  const checkRequest = (parts: GraphqlRequestParts, surrogates: boolean): RequestRefusal | null =>
    (opts.document ? documentTooLarge(parts.query, opts.document.maxBytes) : null) ?? (surrogates ? loneSurrogateIn(parts, maxTokens) : null);

  async function handleGraphql(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    // The caller first (the context needs only the headers): a request without a valid token is
    // answered before its body is read or parsed, whatever its size.
    let context: C;
    try {
      context = await opts.context(req, res);
    } catch (error) {
      if (error instanceof AppError) {
        res.setHeader('connection', 'close');
        return graphqlError(res, STATUS_BY_CODE[error.code] ?? 400, error.code, error.message);
      }
      throw error;
    }
    const gate = opts.largeBodies;
    if (gate && req.method === 'POST') {
      const declared = req.headers['content-length'];
      if (declared === undefined || Number(declared) > gate.overBytes) {
        if (largeInFlight >= gate.atOnce) {
          res.setHeader('connection', 'close');
          res.setHeader('retry-after', '2');
          return graphqlError(
            res,
            503,
            'SERVICE_UNAVAILABLE',
            `Too many large requests at once: at most ${gate.atOnce} bodies over ${gate.overBytes} bytes are taken together. Try again in a moment.`,
          );
        }
        largeInFlight++;
        res.once('close', () => largeInFlight--);
      }
    }
    let body: unknown = undefined;
    let surrogates = req.method !== 'POST';
    if (req.method === 'POST') {
      let text: string;
      try {
        text = await readBody(req, limit);
      } catch (e) {
        if (e instanceof BodyTooLarge) return graphqlError(res, 413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${limit} bytes.`);
        throw e;
      }
      const type = req.headers['content-type'] ?? '';
      if (type.includes('application/json')) {
        try {
          body = text === '' ? undefined : JSON.parse(text);
          surrogates = mayHoldLoneSurrogates(text);
        } catch {
          return graphqlError(res, 400, 'BAD_REQUEST', 'The request body is not valid JSON.');
        }
      } else {
        body = text;
      }
    }
    const parts: GraphqlRequestParts | null = req.method === 'GET' ? getParts(url) : body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as GraphqlRequestParts) : null;
    const refused = parts && checkRequest(parts, surrogates);
    if (refused) return graphqlError(res, refused.status, refused.code, refused.message, refused.extensions);
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const httpGraphQLRequest: HTTPGraphQLRequest = { method: req.method ?? 'GET', headers, search: url.search, body };
    const response = await opts.apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: async () => context });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
    } else {
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    }
  }

  const server = http.createServer((req, res) => {
    inFlight++;
    if (stopping) res.setHeader('connection', 'close');
    res.on('close', () => {
      inFlight--;
      if (inFlight === 0 && drained) drained();
    });
    const url = new URL(req.url ?? '/', 'http://localhost');
    const done = (p: Promise<void>) =>
      p.catch((err: unknown) => {
        opts.log.error({ err }, 'request failed');
        if (!res.headersSent) graphqlError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal error.');
        else res.end();
      });
    if (url.pathname === path) {
      graphqlRequests++;
      return void done(handleGraphql(req, res, url));
    }
    if (url.pathname === '/health/live') return sendJson(res, 200, { status: 'ok' });
    if (url.pathname === '/health/ready') {
      return void done(
        opts.ready().then(
          (ok) => sendJson(res, ok && !stopping ? 200 : 503, { status: ok && !stopping ? 'ready' : 'unavailable' }),
          () => sendJson(res, 503, { status: 'unavailable' }),
        ),
      );
    }
    const route = opts.routes?.[url.pathname];
    if (route && req.method === 'GET') return sendJson(res, 200, route());
    if (opts.fallback) {
      try {
        return opts.fallback(req, res, url);
      } catch (err) {
        return void done(Promise.reject(err));
      }
    }
    sendJson(res, 404, { error: `No route ${url.pathname}; GraphQL is served at ${path}` });
  });
  server.keepAliveTimeout = 65_000;

  return {
    server,
    graphqlRequests: () => graphqlRequests,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = server.address();
          resolve(typeof address === 'object' && address ? address.port : port);
        });
      });
    },
    async stop(graceMs = 10_000) {
      stopping = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlight > 0) {
        await Promise.race([new Promise<void>((resolve) => (drained = resolve)), new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref())]);
      }
      server.closeAllConnections();
      await closed;
    },
  };
}
