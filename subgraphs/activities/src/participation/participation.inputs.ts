import { Field, Float, ID, InputType, ObjectType } from 'type-graphql';
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
