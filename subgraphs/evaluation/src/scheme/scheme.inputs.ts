import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';
import { EvaluationDimension } from '../evaluation/evaluation.enums';
import { EvaluationSchemeView } from './scheme.type';

@InputType()
export class DimensionWeightInput {
  @Field(() => EvaluationDimension)
  dimension!: EvaluationDimension;

  @Field(() => Float, { description: 'Greater than 0, at most 1, at most 4 decimals.' })
  weight!: number;
}

@InputType({ description: "A year's evaluation scheme: the dimensions scored and their weights, which add up to 1." })
export class DefineEvaluationSchemeInput {
  @Field(() => Int, { description: 'From 2011 to next year.' })
  year!: number;

  @Field(() => [DimensionWeightInput], { description: 'Each dimension once; the weights add up to exactly 1.' })
  weights!: DimensionWeightInput[];

  @Field(() => String, { nullable: true, description: 'How the scheme is named, 2 to 100 characters (default "the <year> scheme").' })
  name?: string | null;

  @Field(() => Int, { nullable: true, description: 'The version read, required when the year has a scheme already (optimistic lock).' })
  expectedVersion?: number | null;
}

@ObjectType()
export class EvaluationSchemePayload {
  @Field(() => EvaluationSchemeView)
  scheme!: EvaluationSchemeView;
}
