import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Activity } from '../activity/activity.type';
import { Attendance, ParticipationRole } from './participation.enums';
import { Participation } from './participation.type';

@InputType({ description: "Records one person's part in one activity." })
export class RecordParticipationInput {
  @Field(() => ID)
  activityId!: string;

  @Field(() => ID)
  personId!: string;

  @Field(() => ParticipationRole, { nullable: true, description: 'Default PARTICIPANT.' })
  role?: ParticipationRole | null;

  @Field(() => Attendance, { nullable: true, description: 'Default REGISTERED.' })
  attendance?: Attendance | null;

  @Field(() => Float, { nullable: true, description: '0 to 24, at most one decimal; only with attendance ATTENDED.' })
  hours?: number | null;
}

@ObjectType()
export class ParticipationPayload {
  @Field(() => Participation)
  participation!: Participation;
}

@InputType({ description: 'Attendance, hours or role of a participation: a field left out keeps its value.' })
export class UpdateParticipationInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'The version you read: CONFLICT when it has changed since.' })
  expectedVersion!: number;

  @Field(() => ParticipationRole, { nullable: true })
  role?: ParticipationRole | null;

  @Field(() => Attendance, {
    nullable: true,
    description: 'ATTENDED and ABSENT once the activity is under way or finished; REGISTERED and EXCUSED at any time. Hours are cleared when it is no longer ATTENDED.',
  })
  attendance?: Attendance | null;

  @Field(() => Float, { nullable: true, description: '0 to 24, at most one decimal; only with attendance ATTENDED; null clears them.' })
  hours?: number | null;
}

@InputType({ description: 'Withdraws a registration before the activity starts.' })
export class WithdrawParticipationInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  expectedVersion!: number;
}

@ObjectType()
export class WithdrawParticipationPayload {
  @Field(() => ID, { description: 'The participation withdrawn (it no longer exists).' })
  participationId!: string;

  @Field(() => Activity, { description: 'The activity, with the place freed.' })
  activity!: Activity;
}
