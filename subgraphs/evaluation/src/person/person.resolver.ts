import { RequestContext } from '@tongxin/common';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { EvaluationLoaders } from '../evaluation/evaluation.loader';
import { Evaluation, toEvaluation } from '../evaluation/evaluation.type';
import { PersonRef } from './person.ref';

type Ctx = RequestContext<EvaluationLoaders>;

/** The fields this subgraph contributes to Person. */
@Resolver(() => PersonRef)
export class PersonEvaluationResolver {
  @FieldResolver(() => [Evaluation], {
    nullable: true,
    description:
      "The person's comprehensive evaluations that the caller may read, newest year first (a district administrator: their district's). Null with FORBIDDEN for a caller who may read no evaluations.",
  })
  async evaluations(@Root() person: PersonRef, @Ctx() ctx: Ctx): Promise<Evaluation[] | null> {
    const rows = await ctx.loaders.evaluationsByPersonId.load(person.id);
    for (const e of rows) ctx.loaders.evaluationById.prime(e.id, e);
    return rows.map(toEvaluation);
  }

  @FieldResolver(() => Evaluation, {
    nullable: true,
    description: 'Of the evaluations the caller may read, the one of the latest year (the newest one if that year has several).',
  })
  async latestEvaluation(@Root() person: PersonRef, @Ctx() ctx: Ctx): Promise<Evaluation | null> {
    // Same loader as `evaluations` (newest first): one statement for both fields, and their
    // scores load in one batch whatever order the database answers in.
    const rows = await ctx.loaders.evaluationsByPersonId.load(person.id);
    return rows[0] ? toEvaluation(rows[0]) : null;
  }
}
