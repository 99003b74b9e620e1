import { Authorization } from '@tongxin/common';
import type { RequestContext } from '@tongxin/common';
import { Arg, Ctx, Directive, ID, Query, Resolver } from 'type-graphql';
import type { OrganizationsServices } from '../services';

/**
 * The internal question of the persons subgraph (docs/SECURITY.md): which of these persons are
 * running members of this organization? It decides whether an association administrator may
 * read a person. `@inaccessible`: not in the gateway's API, asked with the caller's token.
 */
@Resolver()
export class MemberPersonIdsResolver {
  constructor(private readonly services: OrganizationsServices) {}

  @Authorization({
    roles: { CITY_ADMIN: 'all', DISTRICT_ADMIN: 'organizations of own district', ASSOCIATION_ADMIN: 'own organization', ANALYST: 'all', PERSON: 'own' },
    note: "internal (@inaccessible): asked by persons with the caller's own token; as memberships",
  })
  @Query(() => [ID], {
    description: 'Of personIds (at most 1000), those with a running membership in the organization, in the order asked. Allowed when the caller may read the memberships of that organization.',
  })
  @Directive('@inaccessible')
  memberPersonIds(@Arg('organizationId', () => ID) organizationId: string, @Arg('personIds', () => [ID]) personIds: string[], @Ctx() ctx: RequestContext<unknown>): Promise<string[]> {
    return this.services.memberships.memberPersonIds(ctx, organizationId, personIds);
  }
}
