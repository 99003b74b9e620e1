import { AuditLog, Peers, personalDataCipherFromEnv, TransactionalConnection } from '@tongxin/common';
import { MeetingService } from './meeting/meeting.service';
import { MembershipService } from './membership/membership.service';
import { OrganizationService } from './organization/organization.service';
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
}

/** The services over one connection; member units' contact phones are sealed with TONGXIN_DATA_KEY (see `personalDataCipherFromEnv`). */
export function createOrganizationsServices(conn: TransactionalConnection, _peers?: Peers, env: Readonly<Record<string, string | undefined>> = process.env): OrganizationsServices {
  const audit = new AuditLog(conn, 'organizations');
  const organizations = new OrganizationService(conn, audit, personalDataCipherFromEnv(env));
  return {
    organizations,
    memberships: new MembershipService(conn, audit),
    meetings: new MeetingService(conn, audit),
    stats: new StatsService(conn, organizations),
    relations: new RelationsService(conn, audit),
    audit,
  };
}
