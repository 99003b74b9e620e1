import { ConfigError } from '../config';
import type { AuthConfig } from './auth-config';
import { mintServiceToken } from './tokens';

/**
 * The `Authorization` header a subgraph sends when it calls another for the platform rather than
 * for a user (delivering its outbox). With the embedded HS256 secret it mints a five-minute token
 * and renews it a minute before expiry; where tokens come from an identity provider (RS256),
 * `TONGXIN_SERVICE_TOKEN` holds one issued for the service (role `SERVICE`, claim `svc`).
 */
export class ServiceCredentials {
  private cached: { header: string; renewAt: number } | undefined;

  constructor(
    private readonly auth: AuthConfig,
    private readonly service: string,
    private readonly configured: string | undefined,
  ) {
    if (auth.kind !== 'hs256' && !configured) {
      throw new ConfigError(`Set TONGXIN_SERVICE_TOKEN: the ${service} subgraph calls others for the platform, and tokens here come from an identity provider`);
    }
  }

  async authorization(now: number = Date.now()): Promise<string> {
    if (this.configured) return `Bearer ${this.configured}`;
    if (!this.cached || now >= this.cached.renewAt) {
      this.cached = { header: `Bearer ${await mintServiceToken(this.auth, this.service, '5m')}`, renewAt: now + 4 * 60_000 };
    }
    return this.cached.header;
  }
}
