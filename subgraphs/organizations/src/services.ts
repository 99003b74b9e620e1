import { AuditLog, Peers, personalDataCipherFromEnv, ServiceCredentials, SubgraphRuntime, systemContext, TransactionalConnection } from '@tongxin/common';
import { MeetingService } from './meeting/meeting.service';
import { MembershipService } from './membership/membership.service';
import { OrganizationService } from './organization/organization.service';
import { MembershipOutbox } from './outbox/outbox';
import { RelationsService } from './relations/relations.service';
import { StatsService } from './stats/stats.service';

export interface OrganizationsServices {
  readonly organizations: OrganizationService;
  readonly memberships: MembershipService;
  readonly meetings: MeetingService;
  readonly stats: StatsService;
  /** The cross-district relations, from the replica of person districts (docs/CROSS-DISTRICT.md). */
  readonly relations: RelationsService;
  /** This subgraph's audit log: every change and every refused or failed change. */
  readonly audit: AuditLog;
  /** Memberships started and ended, published to the persons subgraph (docs/CROSS-DISTRICT.md, "Who runs in an organization"). */
  readonly outbox: MembershipOutbox;
}

/**
 * The services over one connection; member units' contact phones are sealed with TONGXIN_DATA_KEY
 * (see `personalDataCipherFromEnv`). In a serving subgraph (`runtime`) the outbox delivers to the
 * persons subgraph with this subgraph's service identity; in scripts it only appends, and the
 * subgraph delivers when it starts.
 */
export function createOrganizationsServices(
  conn: TransactionalConnection,
  peers?: Peers,
  env: Readonly<Record<string, string | undefined>> = process.env,
  runtime?: SubgraphRuntime,
): OrganizationsServices {
  const audit = new AuditLog(conn, 'organizations');
  const organizations = new OrganizationService(conn, audit, personalDataCipherFromEnv(env));
  let delivery = null;
  if (runtime && peers) {
    const credentials = new ServiceCredentials(runtime.auth, 'organizations', env);
    delivery = { peers, credentials: () => credentials.authorization(), log: runtime.log };
  }
  const outbox = new MembershipOutbox(conn, delivery, () => systemContext({ log: runtime?.log }));
  return {
    organizations,
    memberships: new MembershipService(conn, audit, outbox),
    meetings: new MeetingService(conn, audit),
    stats: new StatsService(conn, organizations),
    relations: new RelationsService(conn, audit),
    audit,
    outbox,
  };
}
