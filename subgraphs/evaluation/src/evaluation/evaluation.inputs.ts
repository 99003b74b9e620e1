import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { EvaluationDimension } from './evaluation.enums';
import { Evaluation } from './evaluation.type';

@InputType()
export class DimensionScoreInput {
  @Field(() => EvaluationDimension)
  dimension!: EvaluationDimension;

  @Field(() => Float, { description: '0 to 100, at most one decimal.' })
  score!: number;
}

@InputType({ description: 'One evaluation: a score for each dimension of the scheme of the year, each once.' })
export class RecordEvaluationInput {
  @Field(() => ID)
  personId!: string;

  @Field(() => Int, { description: 'From 2011 to the current year.' })
  year!: number;

  @Field(() => String, {
    description:
      "The district whose united-front department makes the evaluation and holds it: one of the 12 county-level codes, or the city's 330300 for the city's department. A district administrator records their own district's only.",
  })
  districtCode!: string;

  @Field({ description: 'The evaluating body or person, 2 to 50 characters; one evaluation per person, year and evaluator.' })
  evaluator!: string;

  @Field(() => [DimensionScoreInput])
  scores!: DimensionScoreInput[];

  @Field(() => String, { nullable: true, description: 'At most 1000 characters.' })
  comment?: string | null;
}

@InputType({ description: 'Every given condition must hold.' })
export class EvaluationFilter {
  @Field(() => Int, { nullable: true })
  year?: number | null;

  @Field(() => ID, { nullable: true })
  personId?: string | null;

  @Field(() => String, { nullable: true, description: 'The whole name of the evaluator.' })
  evaluator?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The district holding them (330300: the city's, including those recorded before districts were kept). A district administrator may filter by their own only.",
  })
  districtCode?: string | null;
}

@ObjectType()
export class EvaluationPayload {
  @Field(() => Evaluation)
  evaluation!: Evaluation;
}
