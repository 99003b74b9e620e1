import * as http from 'node:http';
import * as https from 'node:https';
import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { Env, envInt } from '@tongxin/common';

/** The fetcher @apollo/gateway's data sources take, and its parts. */
type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherRequestInit = NonNullable<Parameters<Fetcher>[1]>;
type FetcherResponse = Awaited<ReturnType<Fetcher>>;
type FetcherHeaders = FetcherResponse['headers'];

export interface SubgraphFetcherOptions {
  /** Open connections to one subgraph at most (keep-alive; requests beyond wait for one). */
  readonly maxSockets: number;
  /** A subgraph that has not answered after this long fails the fetch. */
  readonly timeoutMs: number;
}

export const DEFAULT_SUBGRAPH_FETCHER: SubgraphFetcherOptions = { maxSockets: 64, timeoutMs: 30_000 };

/** GATEWAY_SUBGRAPH_MAX_SOCKETS and GATEWAY_SUBGRAPH_TIMEOUT_MS over the defaults; a bad value throws ConfigError. */
export function subgraphFetcherOptionsFromEnv(env: Env): SubgraphFetcherOptions {
  return {
    maxSockets: envInt(env, 'GATEWAY_SUBGRAPH_MAX_SOCKETS', DEFAULT_SUBGRAPH_FETCHER.maxSockets, 1, 10_000),
    timeoutMs: envInt(env, 'GATEWAY_SUBGRAPH_TIMEOUT_MS', DEFAULT_SUBGRAPH_FETCHER.timeoutMs, 100, 3_600_000),
  };
}

export interface SubgraphFetcher {
  readonly fetch: Fetcher;
  /** Closes the idle connections (the gateway is stopping). */
  destroy(): void;
}

class SubgraphResponse implements FetcherResponse {
  bodyUsed = false;
  readonly redirected = false;
  readonly ok: boolean;

  constructor(
    readonly url: string,
    readonly status: number,
    readonly statusText: string,
    readonly headers: FetcherHeaders,
    private readonly body: Buffer,
  ) {
    this.ok = status >= 200 && status < 300;
  }

  private use(): Buffer {
    if (this.bodyUsed) throw new TypeError('The body of this subgraph response was read already.');
    this.bodyUsed = true;
    return this.body;
  }

  async text(): Promise<string> {
    return this.use().toString('utf8');
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.use().toString('utf8'));
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const body = this.use();
    return body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer;
  }

  clone(): FetcherResponse {
    return new SubgraphResponse(this.url, this.status, this.statusText, this.headers, this.body);
  }
}

/**
 * The gateway's fetcher for subgraph requests: `node:http` with a bounded keep-alive pool per
 * subgraph. @apollo/gateway's default (make-fetch-happen with unbounded sockets) spent about a
 * seventh of the gateway's CPU under load in its own machinery (agent-base reads a stack trace
 * on every request to tell HTTP from HTTPS), see bench/README.md.
 */
export function createSubgraphFetcher(options: SubgraphFetcherOptions = DEFAULT_SUBGRAPH_FETCHER): SubgraphFetcher {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets, maxFreeSockets: options.maxSockets, scheduling: 'lifo' as const };
  const agents = { 'http:': new http.Agent(agentOptions), 'https:': new https.Agent(agentOptions) };

  const fetch = (url: string, init: FetcherRequestInit = {}): Promise<FetcherResponse> =>
    new Promise<FetcherResponse>((resolve, reject) => {
      const target = new URL(url);
      const transport = target.protocol === 'https:' ? https : target.protocol === 'http:' ? http : null;
      if (!transport) return reject(new TypeError(`Only http and https subgraph URLs are supported, not ${url}`));
      const body = init.body === undefined ? undefined : typeof init.body === 'string' ? Buffer.from(init.body, 'utf8') : init.body;
      const req = transport.request(
        target,
        {
          method: init.method ?? 'GET',
          headers: { ...init.headers, ...(body ? { 'content-length': String(body.length) } : {}) },
          agent: agents[target.protocol as 'http:' | 'https:'],
          signal: init.signal as AbortSignal | undefined,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', (error) => {
            clearTimeout(deadline);
            reject(error);
          });
          res.once('end', () => {
            clearTimeout(deadline);
            const headers = new Headers();
            for (let i = 0; i < res.rawHeaders.length; i += 2) headers.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
            resolve(new SubgraphResponse(url, res.statusCode ?? 0, res.statusMessage ?? '', headers as FetcherHeaders, Buffer.concat(chunks)));
          });
        },
      );
      // A deadline for the whole fetch, waiting for a free connection included (a socket timeout
      // would only notice silence, not a subgraph that answers a byte at a time).
      const deadline = setTimeout(() => req.destroy(new Error(`The subgraph at ${url} did not answer within ${options.timeoutMs} ms.`)), options.timeoutMs);
      req.on('error', (error) => {
        clearTimeout(deadline);
        reject(error);
      });
      req.end(body);
    });

  return {
    fetch,
    destroy() {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}
