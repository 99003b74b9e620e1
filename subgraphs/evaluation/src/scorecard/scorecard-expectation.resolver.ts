import { Authorization, RequestContext } from '@tongxin/common';
import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { EvaluationServices } from '../services';
import { ScorecardExpectations, SetScorecardExpectationsInput, SetScorecardExpectationsPayload } from './scorecard-expectation.type';

@Resolver(() => ScorecardExpectations)
export class ScorecardExpectationResolver {
  constructor(private readonly services: EvaluationServices) {}

  @Authorization({ roles: { CITY_ADMIN: 'read', DISTRICT_ADMIN: 'read', ANALYST: 'read' } })
  @Query(() => ScorecardExpectations, {
    description: "The city's expectations of every district for a year (区县考核, §16), or the defaults when none are set (defaults: true).",
  })
  scorecardExpectations(@Arg('year', () => Int) year: number, @Ctx() ctx: RequestContext<unknown>): Promise<ScorecardExpectations> {
    return this.services.scorecardExpectations.get(ctx, year);
  }

  @Authorization({ roles: { CITY_ADMIN: 'set' } })
  @Mutation(() => SetScorecardExpectationsPayload, { description: "Sets the city's expectations of every district for a year (city administrators)." })
  async setScorecardExpectations(
    @Arg('input', () => SetScorecardExpectationsInput) input: SetScorecardExpectationsInput,
    @Ctx() ctx: RequestContext<unknown>,
  ): Promise<SetScorecardExpectationsPayload> {
    return Object.assign(new SetScorecardExpectationsPayload(), { expectations: await this.services.scorecardExpectations.set(ctx, input) });
  }
}
