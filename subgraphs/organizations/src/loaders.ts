import type { RequestContext } from '@tongxin/common';
import { createMembershipLoaders, MembershipLoaders } from './membership/membership.loader';
import { createOrganizationLoaders, OrganizationLoaders } from './organization/organization.loader';
import type { OrganizationsServices } from './services';

/** The DataLoaders of one request to this subgraph. */
export type OrganizationsLoaders = OrganizationLoaders & MembershipLoaders;

export function createOrganizationsLoaders(services: OrganizationsServices, ctx: RequestContext<unknown>): OrganizationsLoaders {
  return { ...createOrganizationLoaders(services.organizations, ctx), ...createMembershipLoaders(services.memberships, ctx) };
}
