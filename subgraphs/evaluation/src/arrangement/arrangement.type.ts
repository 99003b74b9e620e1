import { ConnectionType, District, districtOf } from '@tongxin/common';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { PersonRef, personRef } from '../person/person.ref';
import { PoliticalArrangementEntity } from './arrangement.entity';
import { ArrangementKind, ArrangementLevel, ArrangementStatus } from './arrangement.enums';

@ObjectType({ simpleResolvers: true, description: 'A political arrangement (政治安排) of a representative person.' })
@Directive('@key(fields: "id")')
export class PoliticalArrangement {
  @Field(() => ID)
  id!: string;

  @Field(() => PersonRef, { nullable: true })
  person!: PersonRef;

  @Field(() => ArrangementKind)
  kind!: ArrangementKind;

  @Field(() => ArrangementLevel)
  level!: ArrangementLevel;

  @Field()
  body!: string;

  @Field(() => String, { nullable: true })
  position!: string | null;

  @Field(() => District, { description: 'The district whose department arranges it (温州市 for the city).' })
  district!: District;

  @Field()
  termStart!: string;

  @Field()
  termEnd!: string;

  @Field(() => ArrangementStatus)
  status!: ArrangementStatus;

  @Field(() => Date, { nullable: true })
  recommendedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  appointedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was ENDED or WITHDRAWN.' })
  closedAt!: Date | null;

  @Field({ description: 'Who made the last change.' })
  changedBy!: string;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => Int)
  version!: number;
}

@ObjectType()
export class PoliticalArrangementConnection extends ConnectionType(PoliticalArrangement, 'PoliticalArrangement') {}

export function toPoliticalArrangement(e: PoliticalArrangementEntity): PoliticalArrangement {
  const v = new PoliticalArrangement();
  v.id = e.id;
  v.person = personRef(e.personId);
  v.kind = e.kind as ArrangementKind;
  v.level = e.level as ArrangementLevel;
  v.body = e.body;
  v.position = e.position;
  v.district = districtOf(e.districtCode);
  v.termStart = e.termStart;
  v.termEnd = e.termEnd;
  v.status = e.status as ArrangementStatus;
  v.recommendedAt = e.recommendedAt;
  v.appointedAt = e.appointedAt;
  v.closedAt = e.closedAt;
  v.changedBy = e.changedBy;
  v.note = e.note;
  v.version = e.version;
  return v;
}
