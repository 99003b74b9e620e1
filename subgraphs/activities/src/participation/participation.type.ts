import { ConnectionType } from '@tongxin/common';
import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { ParticipationEntity } from './participation.entity';
import { Attendance, ParticipationRole } from './participation.enums';
import { PersonRef, personRef } from '../person/person.ref';

@ObjectType({ simpleResolvers: true, description: "One person's part in one activity." })
@Directive('@key(fields: "id")')
export class Participation {
  @Field(() => ID)
  id!: string;

  /** Resolves `activity` through the request's loader. */
  activityId!: string;

  /**
   * Always a reference from this subgraph, which stores the id but cannot see the register; the
   * persons subgraph resolves it to null when nobody has that id, so the field is nullable and
   * a missing person costs only this field, not the participation or the list holding it.
   */
  @Field(() => PersonRef, {
    nullable: true,
    description: 'The person; null when the person is not (or no longer) in the register.',
  })
  person!: PersonRef;

  @Field(() => ParticipationRole)
  role!: ParticipationRole;

  @Field(() => Attendance)
  attendance!: Attendance;

  @Field(() => Float, { nullable: true, description: 'Hours served or attended (0 to 24, one decimal); only with ATTENDED.' })
  hours!: number | null;

  @Field(() => Int, { description: 'Increases with every change.' })
  version!: number;

  @Field(() => Date)
  createdAt!: Date;
}

@ObjectType()
export class ParticipationConnection extends ConnectionType(Participation, 'Participation') {}

export function toParticipation(e: ParticipationEntity): Participation {
  const p = new Participation();
  p.id = e.id;
  p.activityId = e.activityId;
  p.person = personRef(e.personId);
  p.role = e.role as ParticipationRole;
  p.attendance = e.attendance as Attendance;
  p.hours = e.hours;
  p.version = e.version;
  p.createdAt = e.createdAt;
  return p;
}
