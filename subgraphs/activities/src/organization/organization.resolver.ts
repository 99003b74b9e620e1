import { PageArgs, RequestContext, toConnection } from '@tongxin/common';
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { ActivityConnection, toActivity } from '../activity/activity.type';
import type { ActivitiesLoaders } from '../loaders';
import { childPage } from '../paging/child-page';
import { OrganizationRef } from './organization.ref';

/** What this subgraph adds to Organization: the activities it organizes. */
@Resolver(() => OrganizationRef)
export class OrganizationActivitiesResolver {
  @FieldResolver(() => ActivityConnection, { description: 'The activities this organization holds, in the order entered.' })
  async activities(@Root() organization: OrganizationRef, @Args() page: PageArgs, @Ctx() ctx: RequestContext<ActivitiesLoaders>): Promise<ActivityConnection> {
    const result = await childPage(organization.id, page, {
      ids: ctx.loaders.activityIdsByOrganizer,
      rows: ctx.loaders.activityById,
      count: ctx.loaders.activityCountByOrganizer,
    });
    return toConnection(ActivityConnection, result, toActivity);
  }
}
