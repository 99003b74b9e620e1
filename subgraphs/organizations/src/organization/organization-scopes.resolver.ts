import { Authorization } from '@tongxin/common';
import type { RequestContext } from '@tongxin/common';
import { Arg, Ctx, Directive, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import type { OrganizationsServices } from '../services';
import { ORGANIZATION_SCOPES_MAX, OrganizationScopes } from './organization-scopes';
import { OrganizationLevel } from './organization.enums';

@ObjectType({ simpleResolvers: true, description: 'Internal: an organization as another subgraph checks it (where it is held, and whether the caller may act for it).' })
@Directive('@inaccessible')
export class OrganizationScope {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'The district that holds it: 330300 for city-level bodies.' })
  districtCode!: string;

  @Field(() => OrganizationLevel)
  level!: OrganizationLevel;

  @Field({
    description:
      'May the caller act for it (name it as an organizer)? City administrators every organization; district administrators those of their district; association administrators their own; other roles none.',
  })
  manageable!: boolean;
}

/**
 * The internal question of the activities subgraph (docs/SECURITY.md): before an activity names
 * an organizer, do these organizations exist, where are they held, and may the caller manage
 * them? `@inaccessible`: not in the gateway's API, asked with the caller's own token.
 */
@Resolver()
export class OrganizationScopesResolver {
  private readonly scopes: OrganizationScopes;

  constructor(services: OrganizationsServices) {
    this.scopes = new OrganizationScopes(services.organizations);
  }

  @Authorization({
    roles: {
      CITY_ADMIN: 'every organization manageable',
      DISTRICT_ADMIN: 'those of own district manageable',
      ASSOCIATION_ADMIN: 'own organization manageable',
      ANALYST: 'none manageable',
      PERSON: 'none manageable',
    },
    note: "internal (@inaccessible): asked by activities with the caller's own token",
  })
  @Query(() => [OrganizationScope], {
    description: `Of ids (at most ${ORGANIZATION_SCOPES_MAX}), the organizations that exist, in the order asked, each once (unknown ids are left out), with whether the caller may manage each.`,
  })
  @Directive('@inaccessible')
  async organizationScopes(@Arg('ids', () => [ID]) ids: string[], @Ctx() ctx: RequestContext<unknown>): Promise<OrganizationScope[]> {
    const rows = await this.scopes.of(ctx, ids);
    return rows.map((r) => Object.assign(new OrganizationScope(), { ...r, level: r.level as OrganizationLevel }));
  }
}
