import { AuditLog, TransactionalConnection } from '@tongxin/common';
import { MeetingService } from './meeting/meeting.service';
import { MembershipService } from './membership/membership.service';
import { OrganizationService } from './organization/organization.service';
import { StatsService } from './stats/stats.service';

export interface OrganizationsServices {
  readonly organizations: OrganizationService;
  readonly memberships: MembershipService;
  readonly meetings: MeetingService;
  readonly stats: StatsService;
  /** This subgraph's audit log: every change and every refused or failed change. */
  readonly audit: AuditLog;
}

export function createOrganizationsServices(conn: TransactionalConnection): OrganizationsServices {
  const audit = new AuditLog(conn, 'organizations');
  const organizations = new OrganizationService(conn, audit);
  return {
    organizations,
    memberships: new MembershipService(conn, audit),
    meetings: new MeetingService(conn, audit),
    stats: new StatsService(conn, organizations),
    audit,
  };
}
