import { ConnectionType, DateScalar, District, districtOf, Street, streetOf } from '@tongxin/common';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { PersonEntity } from './person.entity';
import { Education, Gender, PersonCategory, PersonStatus, PoliticalAffiliation, Profession } from './person.enums';

@ObjectType({ simpleResolvers: true, description: 'A person of the new social stratum in the register (登记表).' })
@Directive('@key(fields: "id")')
export class Person {
  @Field(() => ID)
  id!: string;

  @Field({ description: '姓名' })
  name!: string;

  @Field(() => Gender)
  gender!: Gender;

  @Field(() => Int, { description: '出生年份: every role (the full birth date, birthDate, is part of the ID number).' })
  birthYear!: number;

  @Field({ description: '民族, as on the ID card (汉族, 畲族 …)' })
  ethnicity!: string;

  @Field(() => PoliticalAffiliation)
  politicalAffiliation!: PoliticalAffiliation;

  @Field(() => Education, { nullable: true })
  education!: Education | null;

  @Field(() => PersonCategory)
  category!: PersonCategory;

  @Field(() => Profession, { nullable: true })
  profession!: Profession | null;

  @Field(() => String, { nullable: true, description: '工作单位' })
  employer!: string | null;

  @Field(() => String, { nullable: true, description: '职务' })
  position!: string | null;

  @Field({ description: 'Returned from study or work overseas (归国留学).' })
  returnee!: boolean;

  @Field(() => String, { nullable: true })
  returneeCountry!: string | null;

  @Field(() => District, { description: 'The county-level unit where the person is registered.' })
  district!: District;

  @Field(() => Street, { nullable: true })
  street!: Street | null;

  @Field(() => String, { nullable: true, description: '社区' })
  community!: string | null;

  @Field({ description: '居民身份证号 (GB 11643), masked to its province: 33****************. The full number is idNumberFull.' })
  idNumber!: string;

  @Field(() => String, { nullable: true, description: 'Mobile number, masked: 138******78. The full number is mobileFull.' })
  mobile!: string | null;

  @Field(() => PersonStatus)
  status!: PersonStatus;

  @Field(() => DateScalar, {
    description: '登记日期: the date on the registration form, by default the day it was entered; it may be earlier (a form entered late), never later. persons lists by entry, not by this date.',
  })
  registeredOn!: string;

  @Field(() => Int, { description: 'Increases with every change; send it back as expectedVersion.' })
  version!: number;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;

  /** The stored row (not a field): the full-number fields and the birth date decrypt from it. */
  entity!: PersonEntity;
}

@ObjectType()
export class PersonConnection extends ConnectionType(Person, 'Person') {}

export function toPerson(e: PersonEntity): Person {
  const p = new Person();
  p.entity = e;
  p.id = e.id;
  p.name = e.name;
  p.gender = e.gender as Gender;
  p.birthYear = e.birthYear;
  p.ethnicity = e.ethnicity;
  p.politicalAffiliation = e.politicalAffiliation as PoliticalAffiliation;
  p.education = e.education as Education | null;
  p.category = e.category as PersonCategory;
  p.profession = e.profession as Profession | null;
  p.employer = e.employer;
  p.position = e.position;
  p.returnee = Boolean(e.returnee);
  p.returneeCountry = e.returneeCountry;
  p.district = districtOf(e.districtCode);
  p.street = streetOf(e.streetCode);
  p.community = e.community;
  p.idNumber = e.idNumberMasked;
  p.mobile = e.mobileMasked;
  p.status = e.status as PersonStatus;
  p.registeredOn = e.registeredOn;
  p.version = e.version;
  p.createdAt = e.createdAt;
  p.updatedAt = e.updatedAt;
  return p;
}
