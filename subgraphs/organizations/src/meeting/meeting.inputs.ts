import { DateScalar } from '@tongxin/common';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Meeting } from './meeting.type';

@InputType({ description: 'One decision of a meeting.' })
export class MeetingDecisionInput {
  @Field({ description: 'What was decided, 2 to 500 characters.' })
  text!: string;

  @Field(() => ID, { nullable: true, description: 'The member unit (of this joint meeting) that carries it out.' })
  responsibleUnitId?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'When it is due: not before the meeting.' })
  dueDate?: string | null;
}

@InputType({ description: 'A meeting of a joint meeting (联席会议) that was held.' })
export class CreateMeetingInput {
  @Field(() => ID, { description: 'The JOINT_MEETING that met.' })
  bodyId!: string;

  @Field(() => DateScalar, { description: 'The day it was held: not in the future, not before the body was founded.' })
  heldOn!: string;

  @Field({ description: '议题, 2 to 200 characters.' })
  topic!: string;

  @Field(() => [ID], { description: 'The member units that attended (1 to 100), each a JOINT_MEETING_MEMBER_UNIT of this body.' })
  attendingUnitIds!: string[];

  @Field(() => [MeetingDecisionInput], { nullable: true, description: 'Its decisions, in order (at most 50).' })
  decisions?: MeetingDecisionInput[] | null;
}

@ObjectType()
export class MeetingPayload {
  @Field(() => Meeting)
  meeting!: Meeting;
}
