import { Authorization, RequestContext } from '@tongxin/common';
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { EvaluationServices } from '../services';
import { EvaluationStatsDimension, EvaluationStatsGroup } from './evaluation-stats.type';

@Resolver()
export class EvaluationStatsResolver {
  constructor(private readonly services: EvaluationServices) {}

  @Authorization({ roles: { CITY_ADMIN: 'exact', DISTRICT_ADMIN: "exact, own district's department only", ANALYST: 'controlled' } })
  @Query(() => [EvaluationStatsGroup], {
    description:
      "A year's evaluations counted by the district whose department made them and by band of the composite score, with the persons evaluated and the mean score: one GROUP BY statement. Read as evaluations are: FORBIDDEN to association administrators and persons, and to a district administrator for another district.",
  })
  evaluationStats(
    @Arg('year', () => Int) year: number,
    @Arg('groupBy', () => [EvaluationStatsDimension]) groupBy: EvaluationStatsDimension[],
    @Arg('districtCode', () => String, { nullable: true, description: "Only the evaluations of this district's department (330300: the city's)." }) districtCode: string | null,
    @Ctx() ctx: RequestContext<unknown>,
  ): Promise<EvaluationStatsGroup[]> {
    return this.services.evaluationStats.stats(ctx, year, groupBy, districtCode);
  }
}
