import type { GraphQLResolveInfo } from 'graphql';
import { ChildPageFamily, childPageFamily, ChildPageKey, countLoader, groupLoader, LoaderFamily, loadChildPage, Page, RequestContext, rowLoader } from '@tongxin/common';
import type DataLoader from 'dataloader';
import { MembershipEntity } from './membership.entity';
import type { MembershipService } from './membership.service';

export interface MembershipLoaders {
  /**
   * A membership, or null when there is none; one the viewer may not read rejects its own load
   * with FORBIDDEN (membership(id), `_entities`), leaving the rest of the batch alone.
   */
  readonly membershipById: DataLoader<string, MembershipEntity | null>;
  /** Every membership of a person, running and ended, unchecked: Person.memberships filters them. */
  readonly membershipsByPerson: DataLoader<string, MembershipEntity[]>;
  /** One page of an organization's memberships, per page size, cursor and filter (activeOnly: running memberships of registered persons). */
  readonly memberPages: ChildPageFamily<MembershipEntity, { readonly activeOnly: boolean }>;
  /**
   * The number of memberships of each organization (one statement for many), for members.totalCount
   * and memberCount: running ones or all, of registered persons or of anyone (the history).
   */
  readonly memberCounts: LoaderFamily<MemberCountKey, string, number>;
}

export interface MemberCountKey {
  readonly activeOnly: boolean;
  /** Only memberships of persons registered now (DOMAIN.md, "Counting people"). */
  readonly registeredOnly: boolean;
}

export function createMembershipLoaders(memberships: MembershipService, ctx: RequestContext<unknown>): MembershipLoaders {
  return {
    membershipById: rowLoader(
      (ids) => memberships.findByIds(ctx, ids),
      (m) => m.id,
      (m) => memberships.readRefusal(ctx, m),
    ),
    membershipsByPerson: groupLoader(
      (ids) => memberships.findByPersonIds(ctx, ids),
      (m) => m.personId,
    ),
    memberPages: childPageFamily(
      (organizationIds, key: ChildPageKey & { readonly activeOnly: boolean }) => memberships.memberIdPages(ctx, organizationIds, key),
      (ids) => memberships.findByIds(ctx, ids),
    ),
    memberCounts: new LoaderFamily((key: MemberCountKey) => countLoader((organizationIds: readonly string[]) => memberships.countByOrganization(ctx, organizationIds, key))),
  };
}

/**
 * One page of an organization's memberships, batched with every other organization asking for
 * the same page in this request; the COUNT runs only when totalCount is selected. `activeOnly`:
 * the running memberships of registered persons; otherwise the whole history, of anyone.
 */
export function loadMemberPage(
  loaders: MembershipLoaders,
  organizationId: string,
  args: { first?: number | null; after?: string | null },
  activeOnly: boolean,
  info: GraphQLResolveInfo,
): Promise<Page<MembershipEntity>> {
  return loadChildPage(loaders.memberPages, organizationId, args, { activeOnly }, () => loaders.memberCounts.get({ activeOnly, registeredOnly: activeOnly }).load(organizationId), info);
}
