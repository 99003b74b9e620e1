import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ActivityKind, ActivityStatus } from './activity.enums';
import { Activity } from './activity.type';

/** A new activity; lengths, ranges and the time order are checked by the service. */
@InputType()
export class CreateActivityInput {
  @Field({ description: '2 to 100 characters.' })
  title!: string;

  @Field(() => ActivityKind)
  kind!: ActivityKind;

  @Field(() => String, { nullable: true, description: 'At most 2000 characters.' })
  description?: string | null;

  @Field(() => ID, { nullable: true, description: 'The organizing Organization, if any.' })
  organizerId?: string | null;

  @Field({ description: 'GB/T 2260 code: one of the 12 county-level units, or 330300 for a city-wide activity.' })
  districtCode!: string;

  @Field(() => String, { nullable: true, description: 'At most 100 characters.' })
  location?: string | null;

  @Field(() => Date, { description: 'Stored to the second.' })
  startsAt!: Date;

  @Field(() => Date, { nullable: true, description: 'After startsAt.' })
  endsAt?: Date | null;

  @Field(() => Int, { nullable: true, description: '1 to 100000 participations; no limit when omitted.' })
  capacity?: number | null;

  @Field(() => ActivityStatus, { nullable: true, description: 'Default PLANNED.' })
  status?: ActivityStatus | null;
}

@InputType({ description: 'Every given condition must hold.' })
export class ActivityFilter {
  @Field(() => String, { nullable: true, description: '330300 finds the city-wide activities.' })
  districtCode?: string | null;

  @Field(() => ActivityKind, { nullable: true })
  kind?: ActivityKind | null;

  @Field(() => ActivityStatus, { nullable: true })
  status?: ActivityStatus | null;

  @Field(() => ID, { nullable: true })
  organizerId?: string | null;

  @Field(() => Date, { nullable: true, description: 'Starts at or after this instant.' })
  startsFrom?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Starts before this instant.' })
  startsBefore?: Date | null;

  @Field(() => String, { nullable: true, description: 'Part of the title.' })
  text?: string | null;
}

@ObjectType()
export class ActivityPayload {
  @Field(() => Activity)
  activity!: Activity;
}

/**
 * Changes to an activity: a field left out keeps its value; `null` clears an optional one.
 * Checked as a whole against the rules of createActivity, the status change against the allowed
 * transitions, and the capacity against the participations recorded.
 */
@InputType()
export class UpdateActivityInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'The version you read: CONFLICT when the activity has changed since.' })
  expectedVersion!: number;

  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => ActivityKind, { nullable: true })
  kind?: ActivityKind | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => ID, { nullable: true })
  organizerId?: string | null;

  @Field(() => String, { nullable: true })
  districtCode?: string | null;

  @Field(() => String, { nullable: true })
  location?: string | null;

  @Field(() => Date, { nullable: true })
  startsAt?: Date | null;

  @Field(() => Date, { nullable: true })
  endsAt?: Date | null;

  @Field(() => Int, { nullable: true, description: 'Not below the participations recorded.' })
  capacity?: number | null;

  @Field(() => ActivityStatus, {
    nullable: true,
    description: 'PLANNED → OPEN | ONGOING | CANCELLED; OPEN → ONGOING | CANCELLED; ONGOING → COMPLETED. Any other change is a CONFLICT.',
  })
  status?: ActivityStatus | null;
}
