import { countLoader, encodeCursor, groupLoader, LoaderFamily, Page, pageRequest, RequestContext, rowLoader, UserInputError } from '@tongxin/common';
import type DataLoader from 'dataloader';
import { MembershipEntity } from './membership.entity';
import type { MemberPage, MemberPageSpec, MembershipService } from './membership.service';

interface OrganizationMemberPage extends MemberPage {
  readonly organizationId: string;
}

export interface MembershipLoaders {
  readonly membershipById: DataLoader<string, MembershipEntity | null>;
  /** Every membership of a person, running and ended. */
  readonly membershipsByPerson: DataLoader<string, MembershipEntity[]>;
  /** One page of an organization's memberships, per page size, cursor and filter. */
  readonly memberPages: LoaderFamily<MemberPageSpec, string, OrganizationMemberPage | null>;
  readonly memberCounts: LoaderFamily<{ activeOnly: boolean }, string, number>;
}

export function createMembershipLoaders(memberships: MembershipService, ctx: RequestContext<unknown>): MembershipLoaders {
  return {
    membershipById: rowLoader((ids) => memberships.findByIds(ctx, ids), (m) => m.id),
    membershipsByPerson: groupLoader((ids) => memberships.findByPersonIds(ctx, ids), (m) => m.personId),
    memberPages: new LoaderFamily((spec: MemberPageSpec) =>
      rowLoader(
        async (organizationIds: readonly string[]) => {
          const pages = await memberships.memberPages(ctx, organizationIds, spec);
          return organizationIds.map((organizationId) => ({ organizationId, rows: [], hasNextPage: false, ...pages.get(organizationId) }));
        },
        (p: OrganizationMemberPage) => p.organizationId,
      ),
    ),
    memberCounts: new LoaderFamily(({ activeOnly }: { activeOnly: boolean }) =>
      countLoader((organizationIds: readonly string[]) => memberships.countByOrganization(ctx, organizationIds, activeOnly)),
    ),
  };
}

/**
 * One page of an organization's memberships, batched with every other organization asking for
 * the same page in this request; the COUNT runs only when totalCount is selected.
 */
export async function loadMemberPage(
  loaders: MembershipLoaders,
  organizationId: string,
  args: { first?: number | null; after?: string | null },
  activeOnly: boolean,
): Promise<Page<MembershipEntity>> {
  const page = pageRequest(args);
  const afterId = page.after ? page.after[0] : null;
  if (afterId !== null && typeof afterId !== 'string') {
    throw new UserInputError([{ field: 'after', message: 'is not a cursor of this list; pass the endCursor of the previous page' }]);
  }
  const result = await loaders.memberPages.get({ first: page.first, afterId, activeOnly }).load(organizationId);
  return {
    nodes: result?.rows ?? [],
    hasNextPage: result?.hasNextPage ?? false,
    hasPreviousPage: afterId !== null,
    cursorOf: (m) => encodeCursor([m.id]),
    count: () => loaders.memberCounts.get({ activeOnly }).load(organizationId),
  };
}
