import * as http from 'node:http';
import { ConfigError } from '@tongxin/common';
import { DEFAULT_MAX_LARGE_BODIES, LARGE_BODY_BYTES, maxLargeBodiesFromEnv } from '@tongxin/gateway';
import { cityAdminHeaders } from './harness/auth';
import { startTestPlatform, TestPlatform } from './harness/platform';

/**
 * The gateway takes bodies up to 8 MiB (a whole register sheet), but only a few large ones at
 * once: dozens of 8 MiB bodies parsed together would exhaust its heap. Small requests are never
 * held back, and a request without a valid token is refused before its body is read.
 */
describe('large request bodies at the gateway', () => {
  /** Not the default: the gateway is given its own number (GatewayOptions.maxLargeBodies). */
  const MAX_LARGE_BODIES = DEFAULT_MAX_LARGE_BODIES + 1;
  let platform: TestPlatform;
  let headers: Record<string, string>;
  beforeAll(async () => {
    platform = await startTestPlatform({ maxLargeBodies: MAX_LARGE_BODIES });
    headers = { 'content-type': 'application/json', ...(await cityAdminHeaders()) };
  });
  afterAll(async () => {
    await platform?.stop();
  });

  /** A body over the threshold: `{ __typename }` with an unused variable padding it. */
  const largeBody = (bytes: number) => {
    const base = JSON.stringify({ query: '{ __typename }', variables: { pad: '' } });
    return JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(bytes - base.length) } });
  };

  /** A request that declares a large body and sends only its first kilobyte, holding a place. */
  const holdOpen = (): Promise<http.ClientRequest> =>
    new Promise((resolve) => {
      const req = http.request(platform.url, { method: 'POST', headers: { ...headers, 'content-length': String(2 * LARGE_BODY_BYTES) } });
      req.on('error', () => undefined);
      req.write('x'.repeat(1024), () => setTimeout(() => resolve(req), 100));
    });

  const post = async (body: string, h: Record<string, string> = headers) => {
    const res = await fetch(platform.url, { method: 'POST', headers: h, body });
    return { status: res.status, retryAfter: res.headers.get('retry-after'), json: (await res.json()) as { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> } };
  };

  it('reads how many from GATEWAY_MAX_LARGE_BODIES, and refuses a bad number', () => {
    expect(maxLargeBodiesFromEnv({})).toBe(DEFAULT_MAX_LARGE_BODIES);
    expect(maxLargeBodiesFromEnv({ GATEWAY_MAX_LARGE_BODIES: '5' })).toBe(5);
    expect(() => maxLargeBodiesFromEnv({ GATEWAY_MAX_LARGE_BODIES: '0' })).toThrow(ConfigError);
    expect(() => maxLargeBodiesFromEnv({ GATEWAY_MAX_LARGE_BODIES: 'many' })).toThrow('GATEWAY_MAX_LARGE_BODIES=many is not a whole number');
  });

  it(`takes its number of large bodies at once, answers 503 to one more and never holds back a small one`, async () => {
    const held = await Promise.all(Array.from({ length: MAX_LARGE_BODIES }, holdOpen));
    const refused = await post(largeBody(LARGE_BODY_BYTES + 1000));
    expect(refused.status).toBe(503);
    expect(refused.retryAfter).toBe('2');
    expect(refused.json.errors?.[0]).toMatchObject({
      message: `Too many large requests at once: at most ${MAX_LARGE_BODIES} bodies over ${LARGE_BODY_BYTES} bytes are taken together. Try again in a moment.`,
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });
    expect(await post(JSON.stringify({ query: '{ __typename }' }))).toMatchObject({ status: 200, json: { data: { __typename: 'Query' } } });

    for (const req of held) req.destroy();
    await new Promise((r) => setTimeout(r, 200));
    expect(await post(largeBody(LARGE_BODY_BYTES + 1000))).toMatchObject({ status: 200, json: { data: { __typename: 'Query' } } });
  });

  it('refuses a large body without a valid token before reading it', async () => {
    const res = await post(largeBody(4 * LARGE_BODY_BYTES), { 'content-type': 'application/json', authorization: 'Bearer not-a-token' });
    expect(res.status).toBe(401);
    expect(res.json.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
