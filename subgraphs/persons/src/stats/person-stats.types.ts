import { District, registerLabelledEnum, Street } from '@tongxin/common';
import { Field, Int, ObjectType } from 'type-graphql';
import { Education, Gender, PersonCategory, PoliticalAffiliation, Profession } from '../person/person.enums';

/** What `personStats` can group the register by. */
export enum PersonStatsDimension {
  DISTRICT = 'DISTRICT',
  STREET = 'STREET',
  CATEGORY = 'CATEGORY',
  PROFESSION = 'PROFESSION',
  POLITICAL_AFFILIATION = 'POLITICAL_AFFILIATION',
  EDUCATION = 'EDUCATION',
  GENDER = 'GENDER',
  RETURNEE = 'RETURNEE',
  AGE_BAND = 'AGE_BAND',
  REGISTERED_MONTH = 'REGISTERED_MONTH',
}

registerLabelledEnum(PersonStatsDimension, 'PersonStatsDimension', '统计维度', {
  DISTRICT: '所在区县',
  STREET: '街道',
  CATEGORY: '类别',
  PROFESSION: '职业',
  POLITICAL_AFFILIATION: '政治面貌',
  EDUCATION: '学历',
  GENDER: '性别',
  RETURNEE: '是否归国留学',
  AGE_BAND: '年龄段',
  REGISTERED_MONTH: '登记月份',
});

/** Age bands of the register's statistics: the age a person reaches this year (China time), from the birth year. */
export enum AgeBand {
  UP_TO_35 = 'UP_TO_35',
  FROM_36_TO_45 = 'FROM_36_TO_45',
  FROM_46_TO_55 = 'FROM_46_TO_55',
  FROM_56 = 'FROM_56',
}

registerLabelledEnum(AgeBand, 'AgeBand', '年龄段（按当年周岁）', {
  UP_TO_35: '35岁及以下',
  FROM_36_TO_45: '36至45岁',
  FROM_46_TO_55: '46至55岁',
  FROM_56: '56岁及以上',
});

/** The upper age of each band but the last, in order: a person of age a is in the first band whose bound is >= a. */
export const AGE_BAND_BOUNDS: ReadonlyArray<readonly [AgeBand, number]> = [
  [AgeBand.UP_TO_35, 35],
  [AgeBand.FROM_36_TO_45, 45],
  [AgeBand.FROM_46_TO_55, 55],
];

@ObjectType({
  simpleResolvers: true,
  description:
    'How many persons of the register share these values; the dimensions not grouped by are null (a grouped optional field may be null too: not recorded). Below city and district administrators, small groups are suppressed and counts rounded (docs/SECURITY.md, "Statistics").',
})
export class PersonStatsGroup {
  @Field(() => District, { nullable: true })
  district!: District | null;

  @Field(() => Street, { nullable: true })
  street!: Street | null;

  @Field(() => PersonCategory, { nullable: true })
  category!: PersonCategory | null;

  @Field(() => Profession, { nullable: true })
  profession!: Profession | null;

  @Field(() => PoliticalAffiliation, { nullable: true })
  politicalAffiliation!: PoliticalAffiliation | null;

  @Field(() => Education, { nullable: true })
  education!: Education | null;

  @Field(() => Gender, { nullable: true })
  gender!: Gender | null;

  @Field(() => Boolean, { nullable: true })
  returnee!: boolean | null;

  @Field(() => AgeBand, { nullable: true, description: 'The age reached this year (China time), from the birth year.' })
  ageBand!: AgeBand | null;

  @Field(() => String, { nullable: true, description: 'The month of registration (registeredOn), as YYYY-MM.' })
  registeredMonth!: string | null;

  @Field(() => Int, { nullable: true, description: 'Null when suppressed: see suppressed.' })
  count!: number | null;

  @Field(() => Boolean, {
    description:
      'True for the one row that stands for every group too small to show (fewer than the configured minimum, default 5, with their complement): its dimensions and count are null. Only analysts and association administrators meet it; their other counts are rounded to a multiple of that minimum.',
  })
  suppressed!: boolean;
}
