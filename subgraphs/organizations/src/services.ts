import type { TransactionalConnection } from '@tongxin/common';
import { MembershipService } from './membership/membership.service';
import { OrganizationService } from './organization/organization.service';

export interface OrganizationsServices {
  readonly organizations: OrganizationService;
  readonly memberships: MembershipService;
}

export function createOrganizationsServices(conn: TransactionalConnection): OrganizationsServices {
  return { organizations: new OrganizationService(conn), memberships: new MembershipService(conn) };
}
