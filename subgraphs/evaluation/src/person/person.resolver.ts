import { RequestContext } from '@tongxin/common';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { EvaluationLoaders } from '../evaluation/evaluation.loader';
import { Evaluation, toEvaluation } from '../evaluation/evaluation.type';
import { PoliticalArrangement, toPoliticalArrangement } from '../arrangement/arrangement.type';
import { PoolLoaders } from '../talent-pool/talent-pool.loader';
import { TalentPoolEntry, toTalentPoolEntry } from '../talent-pool/talent-pool.type';
import { PersonRef } from './person.ref';

type Ctx = RequestContext<EvaluationLoaders & PoolLoaders>;

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

  @FieldResolver(() => [TalentPoolEntry], {
    nullable: true,
    description:
      "The person's talent pool entries the caller may read (a district administrator: their district's pool), newest year first, removed ones included. Null with FORBIDDEN for a caller who may read none.",
  })
  async talentPool(@Root() person: PersonRef, @Ctx() ctx: Ctx): Promise<TalentPoolEntry[] | null> {
    const rows = await ctx.loaders.talentPoolByPersonId.load(person.id);
    for (const e of rows) ctx.loaders.talentPoolEntryById.prime(e.id, e);
    return rows.map(toTalentPoolEntry);
  }

  @FieldResolver(() => [PoliticalArrangement], {
    nullable: true,
    description: "The person's political arrangements the caller may read, latest term first. Null with FORBIDDEN for a caller who may read none.",
  })
  async politicalArrangements(@Root() person: PersonRef, @Ctx() ctx: Ctx): Promise<PoliticalArrangement[] | null> {
    const rows = await ctx.loaders.arrangementsByPersonId.load(person.id);
    for (const e of rows) ctx.loaders.arrangementById.prime(e.id, e);
    return rows.map(toPoliticalArrangement);
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description:
      "A representative person (代表人士): with an ACTIVE entry in a talent pool (city or district) of the current year, or holding an APPOINTED political arrangement whose term covers today (China time). Decided on the records the caller may read (a district administrator: their district's). Null with FORBIDDEN for a caller who may read none.",
  })
  async isRepresentative(@Root() person: PersonRef, @Ctx() ctx: Ctx): Promise<boolean> {
    return (await ctx.loaders.representativeReasons.load(person.id)).length > 0;
  }
}
