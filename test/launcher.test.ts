import { ConfigError } from '@tongxin/common';
import { embeddedIdentity, embeddedIdentityEnv, gatewayAddress, serviceEnv, SUBGRAPH_HOST } from '../packages/platform/src/start';

/**
 * `npm start` publishes at most the gateway: its subgraphs listen on loopback whatever HOST
 * says, and the gateway listens on GATEWAY_HOST (127.0.0.1 unless told otherwise).
 */
describe('the npm start launcher', () => {
  it('runs the subgraphs on 127.0.0.1 even when HOST asks for every interface', () => {
    expect(SUBGRAPH_HOST).toBe('127.0.0.1');
    const env = serviceEnv({ HOST: '0.0.0.0', PORT: '9999', LOG_LEVEL: 'warn', TONGXIN_MIGRATE: 'true' }, SUBGRAPH_HOST, 4002);
    expect(env).toEqual({ HOST: '127.0.0.1', PORT: '4002', LOG_LEVEL: 'warn', TONGXIN_MIGRATE: 'false' });
  });

  it('runs the gateway on GATEWAY_HOST and GATEWAY_PORT, not on HOST', () => {
    expect(gatewayAddress({ HOST: '0.0.0.0' })).toEqual({ host: '127.0.0.1', port: 4000, url: 'http://127.0.0.1:4000' });
    expect(gatewayAddress({ GATEWAY_HOST: '0.0.0.0', GATEWAY_PORT: '8080' })).toEqual({ host: '0.0.0.0', port: 8080, url: 'http://127.0.0.1:8080' });
    expect(gatewayAddress({ GATEWAY_HOST: '::' }).url).toBe('http://127.0.0.1:4000');
    expect(gatewayAddress({ GATEWAY_HOST: '::1' }).url).toBe('http://[::1]:4000');
    expect(gatewayAddress({ GATEWAY_HOST: '10.1.2.3' })).toEqual({ host: '10.1.2.3', port: 4000, url: 'http://10.1.2.3:4000' });
    expect(serviceEnv({ HOST: '0.0.0.0' }, gatewayAddress({ HOST: '0.0.0.0' }).host, 4000).HOST).toBe('127.0.0.1');
  });

  it('refuses a bad GATEWAY_PORT', () => {
    expect(() => gatewayAddress({ GATEWAY_PORT: 'http' })).toThrow(ConfigError);
    expect(() => gatewayAddress({ GATEWAY_PORT: '0' })).toThrow('GATEWAY_PORT=0');
  });

  it('runs the embedded OpenID provider unless another issuer is configured or TONGXIN_IDENTITY=external', () => {
    expect(embeddedIdentity({})).toBe(true);
    expect(embeddedIdentity({ TONGXIN_IDENTITY: 'embedded' })).toBe(true);
    expect(embeddedIdentity({ TONGXIN_IDENTITY: 'external' })).toBe(false);
    expect(embeddedIdentity({ TONGXIN_JWT_SECRET: 'x'.repeat(40) })).toBe(false);
    expect(embeddedIdentity({ TONGXIN_JWT_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----' })).toBe(false);
    expect(embeddedIdentity({ TONGXIN_JWKS_URL: 'https://idp.example/jwks' })).toBe(false);
  });

  it('points the gateway and every subgraph at the provider the gateway mounts at /oidc', () => {
    expect(embeddedIdentityEnv('http://127.0.0.1:4000')).toEqual({
      TONGXIN_IDENTITY: 'embedded',
      TONGXIN_PUBLIC_URL: 'http://127.0.0.1:4000',
      TONGXIN_JWKS_URL: 'http://127.0.0.1:4000/oidc/jwks',
      TONGXIN_JWT_ISSUER: 'http://127.0.0.1:4000/oidc',
    });
  });
});
