import { countLoader, encodeCursor, groupLoader, LoaderFamily, Page, pageRequest, RequestContext, rowLoader, UserInputError } from '@tongxin/common';
import type DataLoader from 'dataloader';
import { MembershipEntity } from './membership.entity';
import type { MemberPageSpec, MembershipService } from './membership.service';

interface IdPage {
  readonly organizationId: string;
  readonly ids: readonly string[];
  readonly hasNextPage: boolean;
}

export interface MembershipLoaders {
  readonly membershipById: DataLoader<string, MembershipEntity | null>;
  /** Every membership of a person, running and ended. */
  readonly membershipsByPerson: DataLoader<string, MembershipEntity[]>;
  /** One page of an organization's membership ids, per page size, cursor and filter. */
  readonly memberIdPages: LoaderFamily<MemberPageSpec, string, IdPage | null>;
  readonly memberCounts: LoaderFamily<{ activeOnly: boolean }, string, number>;
}

export function createMembershipLoaders(memberships: MembershipService, ctx: RequestContext<unknown>): MembershipLoaders {
  return {
    membershipById: rowLoader((ids) => memberships.findByIds(ctx, ids), (m) => m.id),
    membershipsByPerson: groupLoader((ids) => memberships.findByPersonIds(ctx, ids), (m) => m.personId),
    memberIdPages: new LoaderFamily((spec: MemberPageSpec) =>
      rowLoader(
        async (organizationIds: readonly string[]) => {
          const pages = await memberships.memberIdPages(ctx, organizationIds, spec);
          return organizationIds.map((organizationId) => ({ organizationId, ids: [], hasNextPage: false, ...pages.get(organizationId) }));
        },
        (p: IdPage) => p.organizationId,
      ),
    ),
    memberCounts: new LoaderFamily(({ activeOnly }: { activeOnly: boolean }) =>
      countLoader((organizationIds: readonly string[]) => memberships.countByOrganization(ctx, organizationIds, activeOnly)),
    ),
  };
}

/**
 * One page of an organization's memberships, batched with every other organization asking for
 * the same page in this request: one statement for the ids, one for the rows, and a COUNT only
 * when totalCount is selected.
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
  const ids = await loaders.memberIdPages.get({ first: page.first, afterId, activeOnly }).load(organizationId);
  const rows = await loaders.membershipById.loadMany(ids?.ids ?? []);
  const nodes = rows.filter((r): r is MembershipEntity => r !== null && !(r instanceof Error));
  return {
    nodes,
    hasNextPage: ids?.hasNextPage ?? false,
    hasPreviousPage: afterId !== null,
    cursorOf: (m) => encodeCursor([m.id]),
    count: () => loaders.memberCounts.get({ activeOnly }).load(organizationId),
  };
}
