import type { GraphQLResolveInfo } from 'graphql';
import { loadChildPage, PageArgs, RequestContext, toConnection } from '@tongxin/common';
import { Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { ActivitySummary, toActivitySummary } from '../activity/activity-stats.type';
import type { ActivitiesServices } from '../services';
import { FeedbackConnection, toFeedback } from '../feedback/feedback.type';
import type { ActivitiesLoaders } from '../loaders';
import { ParticipationConnection, toParticipation } from '../participation/participation.type';
import { PersonRef } from './person.ref';

/** What this subgraph adds to Person: the activities they take part in. */
@Resolver(() => PersonRef)
export class PersonParticipationsResolver {
  constructor(private readonly services: ActivitiesServices) {}

  @FieldResolver(() => ActivitySummary, {
    nullable: true,
    description:
      'Activities joined, attended and hours, in total and by kind, over every activity: a person reads their own (FORBIDDEN, this field only, for anyone else); a statistic of one person, so exact for city administrators and the person, suppressed for the other roles (suppressed: true). Batched: one statement for a list of persons.',
  })
  async activitySummary(@Root() person: PersonRef, @Ctx() ctx: RequestContext<ActivitiesLoaders>): Promise<ActivitySummary> {
    const refusal = this.services.participations.summaryRefusal(ctx, person.id);
    if (refusal) throw refusal;
    const disclosure = this.services.participations.summaryDisclosure(ctx, person.id);
    if (disclosure === 'SUPPRESSED') return toActivitySummary([], disclosure);
    return toActivitySummary(await ctx.loaders.activitySummaryRowsByPerson.load(person.id), disclosure);
  }

  @FieldResolver(() => ParticipationConnection, {
    description:
      'The activities this person takes part in, in the order recorded: those the caller may read (a district administrator those in activities of their district, an association administrator those its organization organizes, a person their own).',
  })
  async participations(@Root() person: PersonRef, @Args() page: PageArgs, @Ctx() ctx: RequestContext<ActivitiesLoaders>, @Info() info: GraphQLResolveInfo): Promise<ParticipationConnection> {
    const result = await loadChildPage(ctx.loaders.participationsByPerson, person.id, page, {}, () => ctx.loaders.participationCountByPerson.load(person.id), info);
    return toConnection(ParticipationConnection, result, toParticipation);
  }

  @FieldResolver(() => FeedbackConnection, {
    description:
      "This person's feedback, oldest first: those the caller may read (a person their own, a district administrator those submitted in their district, an association administrator those from its activities).",
  })
  async feedback(@Root() person: PersonRef, @Args() page: PageArgs, @Ctx() ctx: RequestContext<ActivitiesLoaders>, @Info() info: GraphQLResolveInfo): Promise<FeedbackConnection> {
    const result = await loadChildPage(ctx.loaders.feedbackByPerson, person.id, page, {}, () => ctx.loaders.feedbackCountByPerson.load(person.id), info);
    const today = this.services.feedback.today();
    return toConnection(FeedbackConnection, result, (e) => toFeedback(e, today));
  }
}
