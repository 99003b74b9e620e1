import * as net from 'node:net';
import * as os from 'node:os';
import { runSubgraphMain, subgraphOptionsFromEnv } from '@tongxin/common';
import { organizationsSubgraph } from '@tongxin/organizations';
import { freshDatabase } from './harness/database';

/**
 * A subgraph started on its own (its `main`, without HOST) listens on loopback only (docs/SECURITY.md:
 * subgraphs are private, only the gateway is published): a subgraph answers whatever a token lets
 * it, so reaching one from the network must be a deliberate HOST. Issue 15 §3: no test held it.
 */

const SECRET = 'tongxin-test-secret-only-for-tests-0123456789';
const SERVICE_SECRET = 'tongxin-test-service-secret-only-for-tests-9876543210';

/** Whether a TCP connection to host:port is accepted. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(2000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

/** This machine's addresses other than loopback (none on a machine without a network). */
const outsideAddresses = (): string[] =>
  Object.values(os.networkInterfaces())
    .flat()
    .filter((a): a is os.NetworkInterfaceInfo => !!a && !a.internal && a.family === 'IPv4')
    .map((a) => a.address);

describe('a subgraph without HOST', () => {
  it('takes 127.0.0.1 as its host', () => {
    const env = { TONGXIN_JWT_SECRET: SECRET };
    expect(subgraphOptionsFromEnv(organizationsSubgraph, env).host).toBe('127.0.0.1');
    expect(subgraphOptionsFromEnv(organizationsSubgraph, { ...env, HOST: '' }).host).toBe('127.0.0.1');
  });

  it('listens on loopback only when its main starts it, and not on the machine’s other addresses', async () => {
    const db = freshDatabase();
    const dbEnv: Record<string, string | undefined> =
      db.config.type === 'sqlite' ? { TONGXIN_DATA_DIR: db.config.directory } : { ...process.env, TONGXIN_DB: 'mysql', MYSQL_DATABASE_PREFIX: db.config.databasePrefix };
    const { HOST: _host, ...withoutHost } = dbEnv;
    const env = { ...withoutHost, TONGXIN_JWT_SECRET: SECRET, TONGXIN_SERVICE_SECRET: SERVICE_SECRET, PORT: '0', LOG_LEVEL: 'silent' };
    expect(env).not.toHaveProperty('HOST');
    const signals = { SIGTERM: process.listeners('SIGTERM'), SIGINT: process.listeners('SIGINT') };
    const exit = jest.fn();
    const running = await runSubgraphMain(organizationsSubgraph, env, exit);
    try {
      expect(exit).not.toHaveBeenCalled();
      const address = running!.http.server.address() as net.AddressInfo;
      expect(address.address).toBe('127.0.0.1');
      expect(running!.url).toBe(`http://127.0.0.1:${address.port}/graphql`);
      expect(await accepts('127.0.0.1', address.port)).toBe(true);
      for (const outside of outsideAddresses()) expect([outside, await accepts(outside, address.port)]).toEqual([outside, false]);
    } finally {
      await running?.stop();
      // runSubgraphMain stops on these signals: not in this test process any more.
      for (const signal of ['SIGTERM', 'SIGINT'] as const) {
        for (const listener of process.listeners(signal)) if (!signals[signal].includes(listener)) process.off(signal, listener);
      }
      await db.drop([organizationsSubgraph.subgraph]);
    }
  });
});
