import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';

@ObjectType({
  simpleResolvers: true,
  description: 'What the city department expects of every district in a year (区县考核, §16): the district scorecard judges each district against it. The same for everyone who reads it.',
})
export class ScorecardExpectations {
  @Field(() => Int, { description: 'The year they apply to.' })
  year!: number;

  @Field(() => Int, { description: '本年登记: persons newly registered in the year (registeredOn), per district, at least this many.' })
  registrations!: number;

  @Field(() => Float, { description: '举办活动: activities held (started) per month of the year so far, per district, at least this many (up to 2 decimals).' })
  activitiesPerMonth!: number;

  @Field(() => Float, { description: '按期答复率: of the feedback replied to, the share replied to on or before its due date, at least this (0 to 1).' })
  onTimeRate!: number;

  @Field({ description: "人才库达标: whether the district's talent pool must be within its quota (talentPoolCompliance.compliant)." })
  poolCompliant!: boolean;

  @Field({ description: 'True when none are set for the year and these are the defaults (registrations 1, activitiesPerMonth 1, onTimeRate 0.9, poolCompliant true).' })
  defaults!: boolean;

  @Field(() => String, { nullable: true, description: 'Who set them last (token subject); null for the defaults.' })
  updatedBy!: string | null;

  @Field(() => Date, { nullable: true, description: 'When they were set last; null for the defaults.' })
  updatedAt!: Date | null;

  @Field(() => Int, { description: 'The version (optimistic lock): 0 for the defaults, 1 when first set, one more at each change.' })
  version!: number;
}

@InputType({
  description:
    "The city's expectations of every district for a year, replacing the defaults or an earlier setting (city administrators). Each field is required; a missing one is named in BAD_USER_INPUT.",
})
export class SetScorecardExpectationsInput {
  @Field(() => Int, { nullable: true, description: 'From 2011 to next year.' })
  year?: number | null;

  @Field(() => Int, { nullable: true, description: 'Persons newly registered in the year per district, at least: 0 to 100000.' })
  registrations?: number | null;

  @Field(() => Float, { nullable: true, description: 'Activities per month per district, at least: 0 to 100, up to 2 decimals.' })
  activitiesPerMonth?: number | null;

  @Field(() => Float, { nullable: true, description: 'Share of replies on time, at least: 0 to 1, up to 4 decimals (0.9 for 90%).' })
  onTimeRate?: number | null;

  @Field(() => Boolean, { nullable: true, description: "Whether the district's talent pool must be within its quota." })
  poolCompliant?: boolean | null;

  @Field(() => Int, { nullable: true, description: 'The version read (0 for the defaults): a different current version is a CONFLICT. Omitted: not checked.' })
  expectedVersion?: number | null;
}

@ObjectType()
export class SetScorecardExpectationsPayload {
  @Field(() => ScorecardExpectations, { description: 'The expectations of the year as now set.' })
  expectations!: ScorecardExpectations;
}
