import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ArrangementKind, ArrangementLevel, ArrangementStatus } from './arrangement.enums';
import { PoliticalArrangement } from './arrangement.type';

@InputType({ description: 'A recommendation (status RECOMMENDED) or an appointment already made (APPOINTED).' })
export class RecordPoliticalArrangementInput {
  @Field(() => ID)
  personId!: string;

  @Field(() => ArrangementKind)
  kind!: ArrangementKind;

  @Field(() => ArrangementLevel)
  level!: ArrangementLevel;

  @Field({ description: 'The body: 温州市人大, 鹿城区政协, 温州市律师协会 …, 2 to 100 characters.' })
  body!: string;

  @Field(() => String, { nullable: true, description: 'The office held (副会长 …), at most 100 characters.' })
  position?: string | null;

  @Field({
    description: "The district whose united-front department arranges it and holds the record (330300: the city's). A DISTRICT-level arrangement needs one of the 12 county-level codes.",
  })
  districtCode!: string;

  @Field({ description: 'YYYY-MM-DD.' })
  termStart!: string;

  @Field({ description: 'YYYY-MM-DD, after termStart, within 10 years of it.' })
  termEnd!: string;

  @Field(() => ArrangementStatus, { nullable: true, description: 'RECOMMENDED (default) or APPOINTED.' })
  status?: ArrangementStatus | null;

  @Field(() => String, { nullable: true, description: 'At most 500 characters.' })
  note?: string | null;
}

@InputType({ description: 'Moves an arrangement on: RECOMMENDED → APPOINTED or WITHDRAWN; APPOINTED → ENDED.' })
export class ChangePoliticalArrangementStatusInput {
  @Field(() => ID)
  id!: string;

  @Field(() => ArrangementStatus)
  status!: ArrangementStatus;

  @Field(() => Int)
  expectedVersion!: number;

  @Field(() => String, { nullable: true, description: 'At most 500 characters.' })
  note?: string | null;
}

@InputType()
export class PoliticalArrangementFilter {
  @Field(() => ID, { nullable: true })
  personId?: string | null;

  @Field(() => ArrangementKind, { nullable: true })
  kind?: ArrangementKind | null;

  @Field(() => ArrangementStatus, { nullable: true })
  status?: ArrangementStatus | null;

  @Field(() => String, { nullable: true, description: 'The arranging district (330300: the city). A district administrator: their own only.' })
  districtCode?: string | null;
}

@ObjectType()
export class PoliticalArrangementPayload {
  @Field(() => PoliticalArrangement)
  arrangement!: PoliticalArrangement;
}
