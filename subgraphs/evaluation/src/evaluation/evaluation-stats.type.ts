import { District, registerLabelledEnum } from '@tongxin/common';
import { Field, Float, Int, ObjectType } from 'type-graphql';

/** What `evaluationStats` can group a year's evaluations by. */
export enum EvaluationStatsDimension {
  DISTRICT = 'DISTRICT',
  COMPOSITE_BAND = 'COMPOSITE_BAND',
}

registerLabelledEnum(EvaluationStatsDimension, 'EvaluationStatsDimension', '评价统计维度', {
  DISTRICT: '评价部门所在区县（市级为温州市）',
  COMPOSITE_BAND: '综合得分段',
});

/** Bands of the composite score (out of 100), highest first. */
export enum CompositeBand {
  FROM_90 = 'FROM_90',
  FROM_80 = 'FROM_80',
  FROM_70 = 'FROM_70',
  BELOW_70 = 'BELOW_70',
}

registerLabelledEnum(CompositeBand, 'CompositeBand', '综合得分段', {
  FROM_90: '90分及以上',
  FROM_80: '80至89分',
  FROM_70: '70至79分',
  BELOW_70: '70分以下',
});

/** The lower bound of each band but the last, in the order of `CompositeBand`. */
export const COMPOSITE_BAND_FLOORS: ReadonlyArray<readonly [CompositeBand, number]> = [
  [CompositeBand.FROM_90, 90],
  [CompositeBand.FROM_80, 80],
  [CompositeBand.FROM_70, 70],
];

@ObjectType({ simpleResolvers: true, description: "Counts of one group of a year's evaluations; the dimensions not grouped by are null." })
export class EvaluationStatsGroup {
  @Field(() => District, { nullable: true, description: "The district whose department made them (温州市: the city's, and those recorded before districts were kept)." })
  district!: District | null;

  @Field(() => CompositeBand, { nullable: true })
  compositeBand!: CompositeBand | null;

  @Field(() => Int, { nullable: true, description: 'Evaluations (null when suppressed).' })
  evaluations!: number | null;

  @Field(() => Int, { nullable: true, description: 'Persons evaluated, each once (null when suppressed).' })
  persons!: number | null;

  @Field(() => Float, { nullable: true, description: 'The mean composite score, to one decimal (null when suppressed).' })
  averageComposite!: number | null;

  @Field(() => Boolean, {
    description:
      'True when the counts are withheld: fewer persons than the configured minimum (default 5), or withheld with such a group. Exact for city administrators and for district administrators (who count their own district only); for analysts small groups are suppressed and counts rounded to a multiple of that minimum.',
  })
  suppressed!: boolean;
}
