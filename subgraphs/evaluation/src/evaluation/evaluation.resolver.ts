import { Authorization, loadById, PageArgs, RequestContext, toConnection } from '@tongxin/common';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { EvaluationServices } from '../services';
import { EvaluationFilter, EvaluationPayload, RecordEvaluationInput } from './evaluation.inputs';
import { EvaluationLoaders } from './evaluation.loader';
import { DimensionScore, Evaluation, EvaluationConnection, explainComposite, toDimensionScore, toEvaluation } from './evaluation.type';

type Ctx = RequestContext<EvaluationLoaders>;

@Resolver(() => Evaluation)
export class EvaluationResolver {
  constructor(private readonly services: EvaluationServices) {}

  @Authorization({ roles: { CITY_ADMIN: 'all', DISTRICT_ADMIN: "made by own district's department", ANALYST: 'read' } })
  @Query(() => Evaluation, { nullable: true, description: 'An evaluation, or null when there is none with this id.' })
  async evaluation(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx): Promise<Evaluation | null> {
    const entity = await loadById(ctx.loaders.evaluationById, id);
    return entity ? toEvaluation(entity) : null;
  }

  @Authorization({ roles: { CITY_ADMIN: 'all', DISTRICT_ADMIN: "made by own district's department", ANALYST: 'read' } })
  @Query(() => EvaluationConnection, { description: 'Evaluations, filtered, in the order they were recorded.' })
  async evaluations(@Arg('filter', () => EvaluationFilter, { nullable: true }) filter: EvaluationFilter | null, @Args() page: PageArgs, @Ctx() ctx: Ctx): Promise<EvaluationConnection> {
    const result = await this.services.evaluations.list(ctx, filter, page);
    for (const e of result.nodes) ctx.loaders.evaluationById.prime(e.id, e);
    return toConnection(EvaluationConnection, result, toEvaluation);
  }

  @Authorization({ roles: { CITY_ADMIN: 'all', DISTRICT_ADMIN: 'for own district' } })
  @Mutation(() => EvaluationPayload, { description: 'Records an evaluation; evaluations cannot be changed once recorded.' })
  async recordEvaluation(@Arg('input') input: RecordEvaluationInput, @Ctx() ctx: Ctx): Promise<EvaluationPayload> {
    const evaluation = toEvaluation(await this.services.evaluations.record(ctx, input));
    return Object.assign(new EvaluationPayload(), { evaluation });
  }

  @FieldResolver(() => [DimensionScore], { description: 'One score per dimension of the scheme, in the order of the dimensions.' })
  async scores(@Root() evaluation: Evaluation, @Ctx() ctx: Ctx): Promise<DimensionScore[]> {
    return (await ctx.loaders.scoresByEvaluationId.load(evaluation.id)).map(toDimensionScore);
  }

  @FieldResolver(() => String, {
    description: 'How the composite is computed from the scores: each dimension with its score, weight and weighted contribution, their sum and its rounding, under the named scheme.',
  })
  async explanation(@Root() evaluation: Evaluation, @Ctx() ctx: Ctx): Promise<string> {
    const scores = (await ctx.loaders.scoresByEvaluationId.load(evaluation.id)).map(toDimensionScore);
    return explainComposite(evaluation.schemeName, evaluation.composite, scores);
  }
}
