import { ConnectionType, District, districtOf } from '@tongxin/common';
import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { EvaluationScoreEntity } from './evaluation-score.entity';
import { EvaluationEntity } from './evaluation.entity';
import { DIMENSION_LABELS, EvaluationDimension } from './evaluation.enums';
import { COMPOSITE_DECIMALS, weightedOf } from './evaluation.scheme';
import { PersonRef, personRef } from '../person/person.ref';

@ObjectType({ simpleResolvers: true, description: 'The score of one dimension, with the weight its scheme gave it.' })
export class DimensionScore {
  @Field(() => EvaluationDimension)
  dimension!: EvaluationDimension;

  @Field({ description: 'The Chinese name of the dimension (政治素质 …).' })
  label!: string;

  @Field(() => Float, { description: '0 to 100, at most one decimal.' })
  score!: number;

  @Field(() => Float, { description: 'The weight of the dimension in the scheme of the year (the weights add up to 1).' })
  weight!: number;

  @Field(() => Float, { description: 'weight × score.' })
  weighted!: number;
}

@ObjectType({ simpleResolvers: true, description: 'A comprehensive evaluation (综合评价) of a person for a year (§7, §15, §17).' })
@Directive('@key(fields: "id")')
export class Evaluation {
  @Field(() => ID)
  id!: string;

  /**
   * Always a reference from this subgraph, which stores the id but cannot see the register; the
   * persons subgraph resolves it to null when nobody has that id, so the field is nullable and
   * a missing person costs only this field, not the evaluation or the list holding it.
   */
  @Field(() => PersonRef, {
    nullable: true,
    description: 'The person; null when the person is not (or no longer) in the register.',
  })
  person!: PersonRef;

  @Field(() => Int)
  year!: number;

  @Field(() => District, {
    nullable: true,
    description: "The district whose united-front department made the evaluation and holds it (温州市 for the city's); null for evaluations recorded before it was kept, which the city holds.",
  })
  district!: District | null;

  @Field({ description: 'The evaluating body or person (评价主体).' })
  evaluator!: string;

  @Field(() => Float, { description: 'Σ weight × score over the dimensions, rounded to 2 decimals.' })
  composite!: number;

  @Field(() => String, { nullable: true })
  comment!: string | null;

  @Field(() => String, { nullable: true, description: 'The scheme it was scored under ("the 2027 scheme", "the default scheme (§7)"); null for evaluations recorded before it was kept.' })
  schemeName!: string | null;

  @Field(() => Date)
  createdAt!: Date;
}

@ObjectType()
export class EvaluationConnection extends ConnectionType(Evaluation, 'Evaluation') {}

export function toEvaluation(e: EvaluationEntity): Evaluation {
  const v = new Evaluation();
  v.id = e.id;
  v.person = personRef(e.personId);
  v.year = e.year;
  v.district = e.districtCode ? districtOf(e.districtCode) : null;
  v.evaluator = e.evaluator;
  v.composite = e.composite;
  v.comment = e.comment;
  v.schemeName = e.schemeName;
  v.createdAt = e.createdAt;
  return v;
}

export function toDimensionScore(e: EvaluationScoreEntity): DimensionScore {
  const s = new DimensionScore();
  s.dimension = e.dimension as EvaluationDimension;
  s.label = DIMENSION_LABELS[s.dimension] ?? e.dimension;
  s.score = e.score;
  s.weight = e.weight;
  s.weighted = weightedOf(e.weight, e.score);
  return s;
}

/**
 * The composite explained dimension by dimension, in one line a user can check by hand:
 * `the 2027 scheme: 政治素质 80 × 0.25 = 20 + … = 72.5 (Σ weight × score; each product exact, the sum rounded half up to 2 decimals)`.
 * The weights are those recorded with the scores, so a later scheme never changes the explanation.
 */
export function explainComposite(schemeName: string | null, composite: number, scores: readonly DimensionScore[]): string {
  const terms = scores.map((s) => `${s.label} ${s.score} × ${s.weight} = ${s.weighted}`).join(' + ');
  const exact = scores.reduce((sum, s) => sum + Math.round(s.weighted * 100000), 0) / 100000;
  const rounding = exact === composite ? '' : ` ≈ ${composite}`;
  return `${schemeName ?? 'the weights recorded with the scores'}: ${terms} = ${exact}${rounding} (Σ weight × score; each product exact, the sum rounded half up to ${COMPOSITE_DECIMALS} decimals)`;
}
