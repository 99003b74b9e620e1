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
});

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

  @Field(() => Int, { nullable: true, description: 'Null when suppressed: see suppressed.' })
  count!: number | null;

  @Field(() => Boolean, {
    description:
      'True for the one row that stands for every group too small to show (fewer than the configured minimum, default 5, with their complement): its dimensions and count are null. Only analysts and association administrators meet it; their other counts are rounded to a multiple of that minimum.',
  })
  suppressed!: boolean;
}
