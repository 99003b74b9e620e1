import { loaderMaxBatchSize, type RequestContext } from '@tongxin/common';
import DataLoader from 'dataloader';
import { createMeetingLoaders, MeetingLoaders } from './meeting/meeting.loader';
import { createMembershipLoaders, MembershipLoaders } from './membership/membership.loader';
import type { MembershipEntity } from './membership/membership.entity';
import { createOrganizationLoaders, OrganizationLoaders } from './organization/organization.loader';
import { Organization, toOrganization } from './organization/organization.type';
import type { OrganizationsServices } from './services';
import { createStatsLoaders, StatsLoaders } from './stats/stats.loader';

/** A person's memberships (unchecked, as membershipsByPerson) and the organizations of the memberships of every person asked with them. */
export interface MembershipsWithOrganizations {
  readonly memberships: readonly MembershipEntity[];
  /** By id, as API objects: one per organization for the whole batch, shared by its memberships. */
  readonly organizations: ReadonlyMap<string, Organization>;
}

/** The DataLoaders of one request to this subgraph. */
export type OrganizationsLoaders = OrganizationLoaders &
  MembershipLoaders &
  MeetingLoaders &
  StatsLoaders & {
    /**
     * For `Person.memberships { organization }`: the memberships of every person of the request
     * (membershipsByPerson) and then, in one more statement, their organizations, so that each
     * membership's organization resolves without a loader call, a promise or an object of its own.
     */
    readonly membershipsWithOrganizationsByPerson: DataLoader<string, MembershipsWithOrganizations>;
  };

export function createOrganizationsLoaders(services: OrganizationsServices, ctx: RequestContext<unknown>): OrganizationsLoaders {
  const organizations = createOrganizationLoaders(services.organizations, ctx);
  const memberships = createMembershipLoaders(services.memberships, ctx);
  return {
    ...organizations,
    ...memberships,
    ...createMeetingLoaders(services.meetings, ctx),
    ...createStatsLoaders(services.stats, ctx),
    membershipsWithOrganizationsByPerson: new DataLoader(
      async (personIds) => {
        const lists = await memberships.membershipsByPerson.loadMany(personIds);
        const ids = new Set<string>();
        for (const list of lists) if (!(list instanceof Error)) for (const m of list) ids.add(m.organizationId);
        const rows = await organizations.organizationById.loadMany([...ids]);
        const byId = new Map<string, Organization>();
        for (const row of rows) if (row && !(row instanceof Error)) byId.set(row.id, toOrganization(row));
        return lists.map((list) => (list instanceof Error ? list : { memberships: list, organizations: byId }));
      },
      { maxBatchSize: loaderMaxBatchSize() },
    ),
  };
}
