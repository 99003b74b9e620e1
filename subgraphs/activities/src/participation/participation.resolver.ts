import { Authorization, loadById, RequestContext } from '@tongxin/common';
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Activity, toActivity } from '../activity/activity.type';
import type { ActivitiesLoaders } from '../loaders';
import type { ActivitiesServices } from '../services';
import { ParticipationPayload, RecordParticipationInput, UpdateParticipationInput, WithdrawParticipationInput, WithdrawParticipationPayload } from './participation.inputs';
import { Participation, toParticipation } from './participation.type';

type Ctx = RequestContext<ActivitiesLoaders>;

const payload = (participation: Participation) => Object.assign(new ParticipationPayload(), { participation });

@Resolver(() => Participation)
export class ParticipationResolver {
  constructor(private readonly services: ActivitiesServices) {}

  @Authorization({ roles: { CITY_ADMIN: 'all', DISTRICT_ADMIN: 'activities of own district', ASSOCIATION_ADMIN: 'activities it organizes', ANALYST: 'all', PERSON: 'own' } })
  @Query(() => Participation, { nullable: true, description: 'A participation, or null when there is none with this id; FORBIDDEN when the caller may not read it.' })
  async participation(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx): Promise<Participation | null> {
    const entity = await loadById(ctx.loaders.participationById, id);
    return entity ? toParticipation(entity) : null;
  }

  @FieldResolver(() => Activity)
  async activity(@Root() participation: Participation, @Ctx() ctx: Ctx): Promise<Activity> {
    const entity = await ctx.loaders.activityById.load(participation.activityId);
    // The foreign key keeps every participation's activity.
    if (!entity) throw new Error(`Activity ${participation.activityId} of participation ${participation.id} is missing`);
    return toActivity(entity);
  }

  @Authorization({ roles: { CITY_ADMIN: 'all', DISTRICT_ADMIN: 'activities of own district', ASSOCIATION_ADMIN: 'activities it organizes' } })
  @Mutation(() => ParticipationPayload, {
    description: 'Records that a person takes part in an activity; CONFLICT when they do already, or the activity is cancelled or full.',
  })
  async recordParticipation(@Arg('input') input: RecordParticipationInput, @Ctx() ctx: Ctx): Promise<ParticipationPayload> {
    return payload(toParticipation(await this.services.participations.record(ctx, input)));
  }

  @Authorization({ roles: { CITY_ADMIN: 'all', DISTRICT_ADMIN: 'activities of own district', ASSOCIATION_ADMIN: 'activities it organizes' } })
  @Mutation(() => ParticipationPayload, {
    description: 'Records attendance and hours (after the activity has begun) or changes the role; CONFLICT when it changed since expectedVersion or the activity is cancelled.',
  })
  async updateParticipation(@Arg('input') input: UpdateParticipationInput, @Ctx() ctx: Ctx): Promise<ParticipationPayload> {
    return payload(toParticipation(await this.services.participations.update(ctx, input)));
  }

  @Authorization({ roles: { CITY_ADMIN: 'all', DISTRICT_ADMIN: 'activities of own district', ASSOCIATION_ADMIN: 'activities it organizes' } })
  @Mutation(() => WithdrawParticipationPayload, {
    description: 'Withdraws a registration before the activity starts, freeing its place; CONFLICT once it has started, or for an attendance already recorded.',
  })
  async withdrawParticipation(@Arg('input') input: WithdrawParticipationInput, @Ctx() ctx: Ctx): Promise<WithdrawParticipationPayload> {
    const activity = await this.services.participations.withdraw(ctx, input);
    return Object.assign(new WithdrawParticipationPayload(), { participationId: input.id.toLowerCase(), activity: toActivity(activity) });
  }
}
