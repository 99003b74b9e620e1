import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError } from '@tongxin/common';
import { createSubgraphFetcher, DEFAULT_SUBGRAPH_FETCHER, SubgraphFetcher, subgraphFetcherOptionsFromEnv } from '../src/subgraph-fetcher';

/** A stand-in subgraph: answers after `delayMs`, records what it received and how many connections were open at once. */
async function startServer(handler: (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void) {
  let open = 0;
  const stats = { connections: 0, maxOpen: 0 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handler(req, Buffer.concat(chunks).toString('utf8'), res));
  });
  server.on('connection', (socket) => {
    stats.connections++;
    stats.maxOpen = Math.max(stats.maxOpen, ++open);
    socket.on('close', () => open--);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  return {
    url,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const json = (res: http.ServerResponse, status: number, value: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-subgraph': 'test' });
  res.end(JSON.stringify(value));
};

describe('the gateway’s subgraph fetcher', () => {
  let fetcher: SubgraphFetcher;
  afterEach(() => fetcher?.destroy());

  it('posts the body and headers as given and returns status, headers and the parsed JSON', async () => {
    const server = await startServer((req, body, res) =>
      json(res, 200, { data: { method: req.method, body: JSON.parse(body), auth: req.headers.authorization, length: req.headers['content-length'] } }),
    );
    fetcher = createSubgraphFetcher();
    const body = JSON.stringify({ query: '{ 名字 }', variables: { x: '同心' } });
    const res = await fetcher.fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer t' }, body });
    expect(res.ok).toBe(true);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('X-Subgraph')).toBe('test');
    expect(await res.json()).toEqual({
      data: { method: 'POST', body: { query: '{ 名字 }', variables: { x: '同心' } }, auth: 'Bearer t', length: String(Buffer.byteLength(body)) },
    });
    expect(res.bodyUsed).toBe(true);
    await expect(res.text()).rejects.toThrow('read already');
    await server.close();
  });

  it('reports a status that is not 2xx with its body (the gateway turns it into an error)', async () => {
    const server = await startServer((_req, _body, res) => json(res, 503, { message: 'down' }));
    fetcher = createSubgraphFetcher();
    const res = await fetcher.fetch(server.url, { method: 'POST', body: '{}' });
    expect(res.ok).toBe(false);
    expect(res.status).toBe(503);
    expect(res.statusText).toBe('Service Unavailable');
    expect(await res.clone().text()).toBe('{"message":"down"}');
    await server.close();
  });

  it('keeps connections alive and never opens more than maxSockets to a subgraph', async () => {
    const server = await startServer((_req, _body, res) => setTimeout(() => json(res, 200, { data: {} }), 20));
    fetcher = createSubgraphFetcher({ maxSockets: 3, timeoutMs: 5000 });
    const answers = await Promise.all(Array.from({ length: 12 }, () => fetcher.fetch(server.url, { method: 'POST', body: '{}' })));
    expect(answers.every((a) => a.ok)).toBe(true);
    expect(server.stats.maxOpen).toBe(3);
    for (let i = 0; i < 5; i++) expect((await fetcher.fetch(server.url, { method: 'POST', body: '{}' })).ok).toBe(true);
    expect(server.stats.connections).toBe(3);
    await server.close();
  });

  it('fails a request the subgraph does not answer in time, and one it refuses', async () => {
    const server = await startServer(() => undefined);
    fetcher = createSubgraphFetcher({ maxSockets: 2, timeoutMs: 200 });
    await expect(fetcher.fetch(server.url, { method: 'POST', body: '{}' })).rejects.toThrow(`The subgraph at ${server.url} did not answer within 200 ms.`);
    await server.close();
    // A subgraph that answers a byte at a time is cut off at the deadline, as is a request that waited for a connection.
    const dribbling = await startServer((_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const timer = setInterval(() => res.write(' '), 50);
      res.on('close', () => clearInterval(timer));
    });
    const started = Date.now();
    await expect(fetcher.fetch(dribbling.url, { method: 'POST', body: '{}' })).rejects.toThrow('did not answer within 200 ms');
    expect(Date.now() - started).toBeLessThan(1000);
    await dribbling.close();
    await expect(fetcher.fetch(server.url, { method: 'POST', body: '{}' })).rejects.toThrow(/ECONNREFUSED/);
    await expect(fetcher.fetch('ftp://127.0.0.1/graphql')).rejects.toThrow('Only http and https subgraph URLs are supported');
  });

  it('reads its settings from GATEWAY_SUBGRAPH_* and refuses bad ones', () => {
    expect(subgraphFetcherOptionsFromEnv({})).toEqual(DEFAULT_SUBGRAPH_FETCHER);
    expect(subgraphFetcherOptionsFromEnv({ GATEWAY_SUBGRAPH_MAX_SOCKETS: '8', GATEWAY_SUBGRAPH_TIMEOUT_MS: '1000' })).toEqual({ maxSockets: 8, timeoutMs: 1000 });
    expect(() => subgraphFetcherOptionsFromEnv({ GATEWAY_SUBGRAPH_MAX_SOCKETS: '0' })).toThrow(ConfigError);
    expect(() => subgraphFetcherOptionsFromEnv({ GATEWAY_SUBGRAPH_TIMEOUT_MS: 'soon' })).toThrow('GATEWAY_SUBGRAPH_TIMEOUT_MS=soon is not a whole number');
  });
});
