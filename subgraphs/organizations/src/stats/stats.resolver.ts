import { Authorization, RequestContext } from '@tongxin/common';
import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { OrganizationsLoaders } from '../loaders';
import { OrganizationFilter } from '../organization/organization.inputs';
import { Organization } from '../organization/organization.type';
import type { OrganizationsServices } from '../services';
import { OrganizationStatsDimension } from './stats.enums';
import { MemberStats, OrganizationStatsRow } from './stats.type';

type Ctx = RequestContext<OrganizationsLoaders>;

@Resolver()
export class OrganizationStatsResolver {
  constructor(private readonly services: OrganizationsServices) {}

  @Authorization({ roles: { CITY_ADMIN: 'yes', DISTRICT_ADMIN: 'yes', ASSOCIATION_ADMIN: 'yes', ANALYST: 'yes' } })
  @Query(() => [OrganizationStatsRow], {
    description: 'How many organizations there are, grouped by district, kind and level (any combination; none gives the total), filtered as organizations is: one GROUP BY. Every role but a person.',
  })
  organizationStats(
    @Arg('groupBy', () => [OrganizationStatsDimension]) groupBy: OrganizationStatsDimension[],
    @Arg('filter', () => OrganizationFilter, { nullable: true }) filter: OrganizationFilter | null,
    @Ctx() ctx: Ctx,
  ): Promise<OrganizationStatsRow[]> {
    return this.services.stats.organizationStats(ctx, groupBy, filter);
  }
}

/** The statistics this subgraph contributes to Organization. */
@Resolver(() => Organization)
export class MemberStatsResolver {
  constructor(private readonly services: OrganizationsServices) {}

  @FieldResolver(() => MemberStats, {
    nullable: true,
    description:
      'Its members in numbers: by role, joined and left per year, counting registered persons only (archived and moved-away persons are history: members(activeOnly: false) lists them). An aggregate: every role but a person, who gets FORBIDDEN on this field alone. Exact for those who may read its memberships; for the other roles small groups are suppressed and counts rounded (docs/SECURITY.md, "Statistics").',
  })
  async memberStats(@Root() organization: Organization, @Ctx() ctx: Ctx): Promise<MemberStats> {
    this.services.stats.assertCanReadMemberStats(ctx);
    return this.services.stats.memberStats(ctx, organization, await ctx.loaders.memberStatRows.load(organization.id));
  }
}
