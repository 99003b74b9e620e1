import type { RequestContext } from '@tongxin/common';
import { createMeetingLoaders, MeetingLoaders } from './meeting/meeting.loader';
import { createMembershipLoaders, MembershipLoaders } from './membership/membership.loader';
import { createOrganizationLoaders, OrganizationLoaders } from './organization/organization.loader';
import type { OrganizationsServices } from './services';
import { createStatsLoaders, StatsLoaders } from './stats/stats.loader';

/** The DataLoaders of one request to this subgraph. */
export type OrganizationsLoaders = OrganizationLoaders & MembershipLoaders & MeetingLoaders & StatsLoaders;

export function createOrganizationsLoaders(services: OrganizationsServices, ctx: RequestContext<unknown>): OrganizationsLoaders {
  return {
    ...createOrganizationLoaders(services.organizations, ctx),
    ...createMembershipLoaders(services.memberships, ctx),
    ...createMeetingLoaders(services.meetings, ctx),
    ...createStatsLoaders(services.stats, ctx),
  };
}
