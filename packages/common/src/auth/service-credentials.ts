import { ConfigError } from '../config';
import { AuthConfig, requireServiceSecret } from './auth-config';
import { mintServiceToken } from './tokens';

/**
 * The `Authorization` header a subgraph sends when it calls another for the platform rather than
 * for a user (delivering its outbox): a five-minute token (role `SERVICE`, claim `svc`) signed with
 * the service calls' own key (TONGXIN_SERVICE_SECRET), renewed a minute before expiry. The users'
 * key, HS256 or an identity provider's, never signs one.
 */
export class ServiceCredentials {
  private cached: { header: string; renewAt: number } | undefined;

  /** `env`: refuses TONGXIN_SERVICE_TOKEN, which configured a fixed token before service calls had a key of their own. */
  constructor(
    private readonly auth: AuthConfig,
    private readonly service: string,
    env: Readonly<Record<string, string | undefined>> = {},
  ) {
    if (env.TONGXIN_SERVICE_TOKEN) {
      throw new ConfigError('TONGXIN_SERVICE_TOKEN is no longer read: service calls are signed with their own key. Remove it and set TONGXIN_SERVICE_SECRET');
    }
    requireServiceSecret(auth, `the ${service} subgraph calls others for the platform and signs those calls with it`);
  }

  async authorization(now: number = Date.now()): Promise<string> {
    if (!this.cached || now >= this.cached.renewAt) {
      this.cached = { header: `Bearer ${await mintServiceToken(this.auth, this.service, '5m')}`, renewAt: now + 4 * 60_000 };
    }
    return this.cached.header;
  }
}
