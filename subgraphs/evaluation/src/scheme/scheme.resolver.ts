import { Authorization, RequestContext } from '@tongxin/common';
import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { EvaluationServices } from '../services';
import { DefineEvaluationSchemeInput, EvaluationSchemePayload } from './scheme.inputs';
import { EvaluationSchemeView, toSchemeView } from './scheme.type';

@Resolver(() => EvaluationSchemeView)
export class SchemeResolver {
  constructor(private readonly services: EvaluationServices) {}

  @Authorization({ roles: { CITY_ADMIN: 'read', DISTRICT_ADMIN: 'read', ANALYST: 'read' } })
  @Query(() => EvaluationSchemeView, { description: 'The scheme that scores the evaluations of a year: its own, or the default one.' })
  async evaluationScheme(@Arg('year', () => Int) year: number, @Ctx() ctx: RequestContext<unknown>): Promise<EvaluationSchemeView> {
    const { scheme, stored } = await this.services.schemes.get(ctx, year);
    return toSchemeView(year, scheme, stored);
  }

  @Authorization({ roles: { CITY_ADMIN: 'read', DISTRICT_ADMIN: 'read', ANALYST: 'read' } })
  @Query(() => [EvaluationSchemeView], { description: 'The schemes defined for particular years, newest year first (other years use the default).' })
  async evaluationSchemes(@Ctx() ctx: RequestContext<unknown>): Promise<EvaluationSchemeView[]> {
    const years = await this.services.schemes.definedYears(ctx);
    const stored = await this.services.schemes.storedSchemes(ctx, years);
    return years.map((y) => toSchemeView(y, stored.get(y)!.scheme, stored.get(y)!));
  }

  @Authorization({ roles: { CITY_ADMIN: 'define' } })
  @Mutation(() => EvaluationSchemePayload, {
    description: "Defines a year's scheme (city administrators). Weights add up to 1, each dimension once; fixed once an evaluation of the year is recorded (CONFLICT).",
  })
  async defineEvaluationScheme(@Arg('input') input: DefineEvaluationSchemeInput, @Ctx() ctx: RequestContext<unknown>): Promise<EvaluationSchemePayload> {
    const stored = await this.services.schemes.define(ctx, input);
    return Object.assign(new EvaluationSchemePayload(), { scheme: toSchemeView(stored.year, stored.scheme, stored) });
  }
}
