import { Field, Float, Int, ObjectType } from 'type-graphql';
import { EvaluationDimension, DIMENSION_LABELS } from '../evaluation/evaluation.enums';
import { EvaluationScheme } from '../evaluation/evaluation.scheme';

@ObjectType('DimensionWeight', { simpleResolvers: true })
export class DimensionWeightView {
  @Field(() => EvaluationDimension)
  dimension!: EvaluationDimension;

  @Field({ description: 'The Chinese name of the dimension.' })
  label!: string;

  @Field(() => Float)
  weight!: number;
}

@ObjectType('EvaluationScheme', { simpleResolvers: true, description: 'The scheme that scores the evaluations of a year (§7, §15, §17).' })
export class EvaluationSchemeView {
  @Field(() => Int)
  year!: number;

  @Field()
  name!: string;

  @Field({ description: 'True when the year has no scheme of its own and uses the default one (the four standards of §7/§15, 0.25 each).' })
  isDefault!: boolean;

  @Field(() => [DimensionWeightView], { description: 'In the order defined; the weights add up to 1.' })
  weights!: DimensionWeightView[];

  @Field(() => Int, { nullable: true, description: 'The version to send as expectedVersion when redefining it; null for the default.' })
  version!: number | null;

  @Field(() => Date, { nullable: true })
  updatedAt!: Date | null;
}

export function toSchemeView(year: number, scheme: EvaluationScheme, stored: { version: number; updatedAt: Date } | null): EvaluationSchemeView {
  const v = new EvaluationSchemeView();
  v.year = year;
  v.name = scheme.name;
  v.isDefault = stored === null;
  v.weights = scheme.weights.map((w) => Object.assign(new DimensionWeightView(), { dimension: w.dimension, label: DIMENSION_LABELS[w.dimension], weight: w.weight }));
  v.version = stored?.version ?? null;
  v.updatedAt = stored?.updatedAt ?? null;
  return v;
}
