import type { GraphQLResolveInfo } from 'graphql';
import { Authorization, loadById, loadChildPage, PageArgs, RequestContext, toConnection } from '@tongxin/common';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Activity, toActivity } from '../activity/activity.type';
import type { ActivitiesLoaders } from '../loaders';
import type { ActivitiesServices } from '../services';
import { FeedbackFilter, FeedbackPayload, HandleFeedbackInput, SubmitFeedbackInput } from './feedback.inputs';
import { Feedback, FeedbackConnection, FeedbackStepConnection, toFeedback, toFeedbackStep } from './feedback.type';

type Ctx = RequestContext<ActivitiesLoaders>;

@Resolver(() => Feedback)
export class FeedbackResolver {
  constructor(private readonly services: ActivitiesServices) {}

  @Authorization({
    roles: { CITY_ADMIN: 'all', DISTRICT_ADMIN: 'submitted in own district', ASSOCIATION_ADMIN: 'from activities it organizes (public fields)', ANALYST: 'all', PERSON: 'own (public fields)' },
  })
  @Query(() => Feedback, { nullable: true, description: 'A feedback, or null when there is none with this id; FORBIDDEN when the caller may not read it.' })
  async feedback(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx): Promise<Feedback | null> {
    const entity = await loadById(ctx.loaders.feedbackById, id);
    return entity ? toFeedback(entity, this.services.feedback.today()) : null;
  }

  @Authorization({
    roles: { CITY_ADMIN: 'all', DISTRICT_ADMIN: 'submitted in own district', ASSOCIATION_ADMIN: 'from activities it organizes (public fields)', ANALYST: 'all', PERSON: 'own (public fields)' },
  })
  @Query(() => FeedbackConnection, {
    description:
      'The feedback the caller may read (city administrators and analysts all, district administrators their district, association administrators those from activities they organize, persons their own), oldest first.',
  })
  async feedbacks(@Arg('filter', () => FeedbackFilter, { nullable: true }) filter: FeedbackFilter | null, @Args() page: PageArgs, @Ctx() ctx: Ctx): Promise<FeedbackConnection> {
    const result = await this.services.feedback.list(ctx, filter, page);
    const today = this.services.feedback.today();
    return toConnection(FeedbackConnection, result, (e) => toFeedback(e, today));
  }

  @FieldResolver(() => Activity, { nullable: true, description: 'The activity it came from, if any.' })
  async activity(@Root() feedback: Feedback, @Ctx() ctx: Ctx): Promise<Activity | null> {
    if (!feedback.activityId) return null;
    const entity = await ctx.loaders.activityById.load(feedback.activityId);
    return entity ? toActivity(entity) : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'The department it was forwarded to. Internal: null when a person reads their own feedback or an association administrator the feedback from its activities (only city and district administrators and analysts read it).',
  })
  department(@Root() feedback: Feedback, @Ctx() ctx: Ctx): string | null {
    return this.services.feedback.readsHandling(ctx) ? feedback.departmentStored : null;
  }

  @FieldResolver(() => FeedbackStepConnection, {
    description: 'Every step of its handling, submission first: to a person and an association administrator the public fields only (see FeedbackStep).',
  })
  async steps(@Root() feedback: Feedback, @Args() page: PageArgs, @Ctx() ctx: Ctx, @Info() info: GraphQLResolveInfo): Promise<FeedbackStepConnection> {
    const result = await loadChildPage(ctx.loaders.stepsByFeedback, feedback.id, page, {}, () => ctx.loaders.stepCountByFeedback.load(feedback.id), info);
    const internal = this.services.feedback.readsHandling(ctx);
    return toConnection(FeedbackStepConnection, result, (e) => toFeedbackStep(e, internal));
  }

  @Authorization({ roles: { CITY_ADMIN: "on a person's behalf", DISTRICT_ADMIN: 'on behalf of a person of own district', PERSON: 'own' } })
  @Mutation(() => FeedbackPayload, {
    description: 'Submits an opinion, suggestion, report or service request: by a person for themselves, or by a city or district administrator on their behalf.',
  })
  async submitFeedback(@Arg('input') input: SubmitFeedbackInput, @Ctx() ctx: Ctx): Promise<FeedbackPayload> {
    return Object.assign(new FeedbackPayload(), { feedback: toFeedback(await this.services.feedback.submit(ctx, input), this.services.feedback.today()) });
  }

  @Authorization({ roles: { CITY_ADMIN: 'all', DISTRICT_ADMIN: 'submitted in own district' } })
  @Mutation(() => FeedbackPayload, {
    description: 'Takes one step of the handling workflow (city administrators; district administrators for their district); the step is kept in Feedback.steps.',
  })
  async handleFeedback(@Arg('input') input: HandleFeedbackInput, @Ctx() ctx: Ctx): Promise<FeedbackPayload> {
    return Object.assign(new FeedbackPayload(), { feedback: toFeedback(await this.services.feedback.handle(ctx, input), this.services.feedback.today()) });
  }
}
