import { ConnectionType, DateScalar } from '@tongxin/common';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import type { OrganizationEntity } from '../organization/organization.entity';
import { MeetingDecisionEntity, MeetingEntity } from './meeting.entity';

@ObjectType({ simpleResolvers: true, description: '议定事项: one decision of a meeting.' })
export class MeetingDecision {
  @Field(() => Int, { description: '1, 2, … in the order of the minutes.' })
  position!: number;

  @Field()
  text!: string;

  @Field(() => DateScalar, { nullable: true })
  dueDate!: string | null;

  /** The responsible unit, loaded with the meeting's details. */
  responsibleUnitEntity!: OrganizationEntity | null;
}

@ObjectType({ simpleResolvers: true, description: 'A meeting of a joint meeting (联席会议): its date, topic, attending member units and decisions.' })
@Directive('@key(fields: "id")')
export class Meeting {
  @Field(() => ID)
  id!: string;

  @Field(() => DateScalar, { description: '召开日期' })
  heldOn!: string;

  @Field({ description: '议题' })
  topic!: string;

  @Field(() => Int, { description: 'Increases with every change.' })
  version!: number;

  @Field(() => Date)
  createdAt!: Date;

  /** Resolved to `body` through the request's loader. */
  bodyId!: string;
}

@ObjectType()
export class MeetingConnection extends ConnectionType(Meeting, 'Meeting') {}

export function toMeeting(e: MeetingEntity): Meeting {
  const m = new Meeting();
  m.id = e.id;
  m.heldOn = e.heldOn;
  m.topic = e.topic;
  m.version = e.version;
  m.createdAt = e.createdAt;
  m.bodyId = e.bodyId;
  return m;
}

export function toMeetingDecision(e: MeetingDecisionEntity, units: ReadonlyMap<string, OrganizationEntity>): MeetingDecision {
  const d = new MeetingDecision();
  d.position = e.position;
  d.text = e.text;
  d.dueDate = e.dueDate;
  d.responsibleUnitEntity = e.responsibleUnitId ? (units.get(e.responsibleUnitId) ?? null) : null;
  return d;
}
