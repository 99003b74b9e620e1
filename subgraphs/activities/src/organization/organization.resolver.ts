import type { GraphQLResolveInfo } from 'graphql';
import { loadChildPage, PageArgs, RequestContext, toConnection } from '@tongxin/common';
import { Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { ActivityConnection, toActivity } from '../activity/activity.type';
import type { ActivitiesLoaders } from '../loaders';
import { OrganizationRef } from './organization.ref';

/** What this subgraph adds to Organization: the activities it organizes. */
@Resolver(() => OrganizationRef)
export class OrganizationActivitiesResolver {
  @FieldResolver(() => ActivityConnection, { description: 'The activities this organization holds, in the order entered.' })
  async activities(@Root() organization: OrganizationRef, @Args() page: PageArgs, @Ctx() ctx: RequestContext<ActivitiesLoaders>, @Info() info: GraphQLResolveInfo): Promise<ActivityConnection> {
    const result = await loadChildPage(ctx.loaders.activitiesByOrganizer, organization.id, page, {}, () => ctx.loaders.activityCountByOrganizer.load(organization.id), info);
    return toConnection(ActivityConnection, result, toActivity);
  }
}
