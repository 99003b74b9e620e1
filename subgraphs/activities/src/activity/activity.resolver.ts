import type { GraphQLResolveInfo } from 'graphql';
import { Authorization, loadById, loadChildPage, PageArgs, RequestContext, toConnection } from '@tongxin/common';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { ActivitiesLoaders } from '../loaders';
import { ParticipationConnection, toParticipation } from '../participation/participation.type';
import type { ActivitiesServices } from '../services';
import { ActivityStatsGroup } from './activity-stats.type';
import { ActivityStatsDimension } from './activity.enums';
import { ActivityFilter, ActivityPayload, CreateActivityInput, UpdateActivityInput } from './activity.inputs';
import { Activity, ActivityConnection, toActivity } from './activity.type';

type Ctx = RequestContext<ActivitiesLoaders>;

const payload = (activity: Activity) => Object.assign(new ActivityPayload(), { activity });

@Resolver(() => Activity)
export class ActivityResolver {
  constructor(private readonly services: ActivitiesServices) {}

  @Authorization({ roles: { CITY_ADMIN: 'read', DISTRICT_ADMIN: 'read', ASSOCIATION_ADMIN: 'read', ANALYST: 'read', PERSON: 'read' } })
  @Query(() => Activity, { nullable: true, description: 'An activity, or null when there is none with this id.' })
  async activity(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx): Promise<Activity | null> {
    const entity = await loadById(ctx.loaders.activityById, id);
    return entity ? toActivity(entity) : null;
  }

  @Authorization({ roles: { CITY_ADMIN: 'read', DISTRICT_ADMIN: 'read', ASSOCIATION_ADMIN: 'read', ANALYST: 'read', PERSON: 'read' } })
  @Query(() => ActivityConnection, { description: 'The activities, filtered, in the order they were entered.' })
  async activities(@Arg('filter', () => ActivityFilter, { nullable: true }) filter: ActivityFilter | null, @Args() page: PageArgs, @Ctx() ctx: Ctx): Promise<ActivityConnection> {
    const result = await this.services.activities.list(ctx, filter, page);
    for (const a of result.nodes) ctx.loaders.activityById.prime(a.id, a);
    return toConnection(ActivityConnection, result, toActivity);
  }

  @Authorization({
    roles: {
      CITY_ADMIN: 'exact',
      DISTRICT_ADMIN: 'exact within own district, disclosure-controlled elsewhere',
      ASSOCIATION_ADMIN: 'exact for own organization, controlled elsewhere',
      ANALYST: 'controlled',
    },
  })
  @Query(() => [ActivityStatsGroup], {
    description:
      'Counts of activities, participations, attendances and hours, grouped by any of kind, month (of the start, China time) and district, for the activities the filter selects: one GROUP BY statement. Unlike counts of members and of the talent pool, it counts every participation recorded, persons archived or moved away since included: an attendance is a record of what took place. An aggregate: FORBIDDEN to persons.',
  })
  activityStats(
    @Arg('groupBy', () => [ActivityStatsDimension]) groupBy: ActivityStatsDimension[],
    @Arg('filter', () => ActivityFilter, { nullable: true }) filter: ActivityFilter | null,
    @Ctx() ctx: Ctx,
  ): Promise<ActivityStatsGroup[]> {
    return this.services.activities.stats(ctx, groupBy, filter);
  }

  @FieldResolver(() => ParticipationConnection, {
    nullable: true,
    description:
      'Who takes part, in the order they were recorded. Personal data: FORBIDDEN (this field only) unless the caller holds the participations of the district or organizer of the activity; persons read their own on Person.participations.',
  })
  async participations(@Root() activity: Activity, @Args() page: PageArgs, @Ctx() ctx: Ctx, @Info() info: GraphQLResolveInfo): Promise<ParticipationConnection> {
    this.services.participations.assertCanReadParticipationsOf(ctx, activity);
    const result = await loadChildPage(ctx.loaders.participationsByActivity, activity.id, page, {}, () => ctx.loaders.participationCountByActivity.load(activity.id), info);
    return toConnection(ParticipationConnection, result, toParticipation);
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description:
      'How many participations are recorded (whatever their attendance), persons archived or moved away since included (an attendance is a record of what took place, unlike a count of members): an aggregate, FORBIDDEN (this field only) to persons. Exact for those who may read its participations; for the other roles null, with no error, under the configured minimum (default 5), and otherwise rounded to a multiple of it.',
  })
  async participantCount(@Root() activity: Activity, @Ctx() ctx: Ctx): Promise<number | null> {
    this.services.participations.assertCanReadParticipantCounts(ctx);
    return this.services.participations.participantCount(ctx, activity, await ctx.loaders.participationCountByActivity.load(activity.id));
  }

  @Authorization({
    roles: {
      CITY_ADMIN: 'any existing organization as organizer',
      DISTRICT_ADMIN: 'own district, organizer an organization of own district',
      ASSOCIATION_ADMIN: "those it organizes (organizer its organization, in its organization's district)",
    },
  })
  @Mutation(() => ActivityPayload, { description: 'Enters a new activity.' })
  async createActivity(@Arg('input') input: CreateActivityInput, @Ctx() ctx: Ctx): Promise<ActivityPayload> {
    return payload(toActivity(await this.services.activities.create(ctx, input)));
  }

  @Authorization({ roles: { CITY_ADMIN: 'all', DISTRICT_ADMIN: 'own district', ASSOCIATION_ADMIN: 'those it organizes' } })
  @Mutation(() => ActivityPayload, {
    description:
      'Changes an activity (fields left out keep their value). CONFLICT when it changed since expectedVersion, for a status change not allowed, or a capacity below the participations recorded.',
  })
  async updateActivity(@Arg('input') input: UpdateActivityInput, @Ctx() ctx: Ctx): Promise<ActivityPayload> {
    return payload(toActivity(await this.services.activities.update(ctx, input)));
  }
}
