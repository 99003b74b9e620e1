import { Authorization, RequestContext } from '@tongxin/common';
import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { ActivitiesServices } from '../services';
import { FeedbackStatsDimension, FeedbackStatsFilter, FeedbackStatsGroup } from './feedback-stats.type';

@Resolver()
export class FeedbackStatsResolver {
  constructor(private readonly services: ActivitiesServices) {}

  @Authorization({
    roles: {
      CITY_ADMIN: 'exact',
      DISTRICT_ADMIN: 'exact within own district, disclosure-controlled elsewhere',
      ASSOCIATION_ADMIN: 'controlled',
      ANALYST: 'controlled',
    },
  })
  @Query(() => [FeedbackStatsGroup], {
    description:
      'Counts of feedback (submitted, open, overdue, replied to, replied to on time), grouped by any of district, kind, status and month (of the submission, China time), for the feedback the filter selects: one GROUP BY statement. An aggregate: FORBIDDEN to persons.',
  })
  feedbackStats(
    @Arg('groupBy', () => [FeedbackStatsDimension]) groupBy: FeedbackStatsDimension[],
    @Arg('filter', () => FeedbackStatsFilter, { nullable: true }) filter: FeedbackStatsFilter | null,
    @Ctx() ctx: RequestContext<unknown>,
  ): Promise<FeedbackStatsGroup[]> {
    return this.services.feedbackStats.stats(ctx, groupBy, filter);
  }
}
