import { DateScalar } from '@tongxin/common';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Education, Gender, PersonCategory, PersonStatus, PoliticalAffiliation, Profession } from './person.enums';
import { Person } from './person.type';

/** The fields of the registration form; lengths and consistency are checked by the service. */
@InputType({ description: 'The registration form (登记表).' })
export class RegisterPersonInput {
  @Field()
  name!: string;

  @Field({ description: '18-character resident ID number; birth date and gender must agree with it.' })
  idNumber!: string;

  @Field(() => Gender, { nullable: true, description: 'Taken from the ID number when omitted.' })
  gender?: Gender | null;

  @Field(() => DateScalar, { nullable: true, description: 'Taken from the ID number when omitted.' })
  birthDate?: string | null;

  @Field({ defaultValue: '汉族' })
  ethnicity!: string;

  @Field(() => PoliticalAffiliation)
  politicalAffiliation!: PoliticalAffiliation;

  @Field(() => Education, { nullable: true })
  education?: Education | null;

  @Field(() => PersonCategory)
  category!: PersonCategory;

  @Field(() => Profession, { nullable: true })
  profession?: Profession | null;

  @Field(() => String, { nullable: true })
  employer?: string | null;

  @Field(() => String, { nullable: true })
  position?: string | null;

  @Field({ defaultValue: false })
  returnee!: boolean;

  @Field(() => String, { nullable: true })
  returneeCountry?: string | null;

  @Field({ description: 'GB/T 2260 code of one of the 12 county-level units.' })
  districtCode!: string;

  @Field(() => String, { nullable: true, description: '9-digit code of a street or town in that district.' })
  streetCode?: string | null;

  @Field(() => String, { nullable: true })
  community?: string | null;

  @Field(() => String, { nullable: true, description: 'Mainland mobile number, 11 digits.' })
  mobile?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Defaults to today.' })
  registeredOn?: string | null;
}

/** A change to a person: only the fields given change; `null` clears an optional field. */
@InputType()
export class UpdatePersonInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'The version you read; a newer one in the register means a conflict.' })
  expectedVersion!: number;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  idNumber?: string | null;

  @Field(() => Gender, { nullable: true })
  gender?: Gender | null;

  @Field(() => DateScalar, { nullable: true })
  birthDate?: string | null;

  @Field(() => String, { nullable: true })
  ethnicity?: string | null;

  @Field(() => PoliticalAffiliation, { nullable: true })
  politicalAffiliation?: PoliticalAffiliation | null;

  @Field(() => Education, { nullable: true })
  education?: Education | null;

  @Field(() => PersonCategory, { nullable: true })
  category?: PersonCategory | null;

  @Field(() => Profession, { nullable: true })
  profession?: Profession | null;

  @Field(() => String, { nullable: true })
  employer?: string | null;

  @Field(() => String, { nullable: true })
  position?: string | null;

  @Field(() => Boolean, { nullable: true })
  returnee?: boolean | null;

  @Field(() => String, { nullable: true })
  returneeCountry?: string | null;

  @Field(() => String, { nullable: true })
  districtCode?: string | null;

  @Field(() => String, { nullable: true })
  streetCode?: string | null;

  @Field(() => String, { nullable: true })
  community?: string | null;

  @Field(() => String, { nullable: true })
  mobile?: string | null;

  @Field(() => PersonStatus, { nullable: true, description: 'ACTIVE or MOVED_AWAY; archive with archivePerson.' })
  status?: PersonStatus | null;
}

@InputType()
export class ArchivePersonInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  expectedVersion!: number;
}

@InputType({ description: 'Every given condition must hold.' })
export class PersonFilter {
  @Field(() => String, { nullable: true })
  districtCode?: string | null;

  @Field(() => String, { nullable: true })
  streetCode?: string | null;

  @Field(() => String, { nullable: true })
  community?: string | null;

  @Field(() => PersonCategory, { nullable: true })
  category?: PersonCategory | null;

  @Field(() => Profession, { nullable: true })
  profession?: Profession | null;

  @Field(() => PoliticalAffiliation, { nullable: true })
  politicalAffiliation?: PoliticalAffiliation | null;

  @Field(() => Boolean, { nullable: true })
  returnee?: boolean | null;

  @Field(() => [PersonStatus], { nullable: true, description: 'Default: ACTIVE and MOVED_AWAY (archived records hidden).' })
  statuses?: PersonStatus[] | null;

  @Field(() => String, { nullable: true, description: 'Part of the name or employer; a whole ID or mobile number matches exactly.' })
  text?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Registered on or after this day (registeredOn).' })
  registeredFrom?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Registered on or before this day (registeredOn).' })
  registeredTo?: string | null;
}

@ObjectType()
export class PersonPayload {
  @Field(() => Person)
  person!: Person;
}
