import type { RequestContext } from '../context';
import { AppError, ErrorCode } from '../errors';
import { CLIENT_REQUEST_ID_HEADER, REQUEST_ID_HEADER } from './request-ids';

/**
 * The other subgraphs a subgraph asks, by name, through their GraphQL endpoint: never their
 * tables. A call carries the caller's own token (each subgraph checks it itself, and applies the
 * caller's role), the request id and the client's own label of it. The fields such calls use
 * are `@inaccessible`: part of the subgraph's schema, absent from the gateway's API.
 *
 * Where each peer is: `SUBGRAPH_<NAME>_URL`, as for the gateway, else its default port on loopback.
 */
export class Peers {
  constructor(private readonly urls: Readonly<Record<string, string>>) {}

  /** Is an address configured for this peer? */
  has(name: string): boolean {
    return Boolean(this.urls[name]);
  }

  url(name: string): string {
    const url = this.urls[name];
    if (!url) throw new Error(`No address is configured for the ${name} subgraph (SUBGRAPH_${name.toUpperCase()}_URL)`);
    return url;
  }

  /** Runs a query on a peer as the caller; a peer's user-facing error comes back as the same AppError. */
  query<T>(ctx: RequestContext<unknown>, peer: string, query: string, variables: Record<string, unknown>): Promise<T> {
    if (!ctx.authorization) throw new Error(`A call to the ${peer} subgraph needs the caller's token; this context has none`);
    return this.call<T>(ctx.authorization, ctx.requestId, peer, query, variables, ctx.clientRequestId);
  }

  /** Runs a query on a peer with the given `Authorization` header (a service's own, see `ServiceCredentials`). */
  async call<T>(authorization: string, requestId: string, peer: string, query: string, variables: Record<string, unknown>, clientRequestId: string | null = null): Promise<T> {
    let response: Response;
    try {
      response = await fetch(this.url(peer), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization,
          [REQUEST_ID_HEADER]: requestId,
          ...(clientRequestId ? { [CLIENT_REQUEST_ID_HEADER]: clientRequestId } : {}),
        },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      throw new Error(`The ${peer} subgraph could not be reached: ${(error as Error).message}`);
    }
    const body = (await response.json().catch(() => null)) as { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> } | null;
    const first = body?.errors?.[0];
    if (first) {
      const code = first.extensions?.code as ErrorCode | undefined;
      if (code && code !== ErrorCode.INTERNAL_SERVER_ERROR && Object.values(ErrorCode).includes(code)) throw new AppError(code, first.message);
      throw new Error(`The ${peer} subgraph answered with an error: ${first.message}`);
    }
    if (!response.ok || !body?.data) throw new Error(`The ${peer} subgraph answered HTTP ${response.status} without data`);
    return body.data;
  }
}

/** Each peer's address: `SUBGRAPH_<NAME>_URL`, else `http://127.0.0.1:<default port>/graphql`. */
export function peerUrlsFromEnv(defaults: Readonly<Record<string, number>>, env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(defaults).map(([name, port]) => [name, env[`SUBGRAPH_${name.toUpperCase()}_URL`] ?? `http://127.0.0.1:${port}/graphql`]));
}
