import { AuditLog, TransactionalConnection } from '@tongxin/common';
import { MembershipService } from './membership/membership.service';
import { OrganizationService } from './organization/organization.service';

export interface OrganizationsServices {
  readonly organizations: OrganizationService;
  readonly memberships: MembershipService;
  /** This subgraph's audit log: every change and every refused or failed change. */
  readonly audit: AuditLog;
}

export function createOrganizationsServices(conn: TransactionalConnection): OrganizationsServices {
  const audit = new AuditLog(conn, 'organizations');
  return { organizations: new OrganizationService(conn, audit), memberships: new MembershipService(conn, audit), audit };
}
