import { DateScalar, District, registerLabelledEnum } from '@tongxin/common';
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { FeedbackKind, FeedbackStatus } from './feedback.enums';

/** What `feedbackStats` can group feedback by. */
export enum FeedbackStatsDimension {
  DISTRICT = 'DISTRICT',
  KIND = 'KIND',
  STATUS = 'STATUS',
  MONTH = 'MONTH',
}

registerLabelledEnum(FeedbackStatsDimension, 'FeedbackStatsDimension', '意见诉求统计维度', {
  DISTRICT: '提交所在区县',
  KIND: '类型',
  STATUS: '办理状态',
  MONTH: '提交月份',
});

@InputType({ description: 'Which feedback feedbackStats counts: every one unless narrowed.' })
export class FeedbackStatsFilter {
  @Field(() => String, { nullable: true, description: 'The district where it was submitted.' })
  districtCode?: string | null;

  @Field(() => FeedbackKind, { nullable: true })
  kind?: FeedbackKind | null;

  @Field(() => DateScalar, { nullable: true, description: 'Submitted on or after this day (China date).' })
  submittedFrom?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Submitted on or before this day (China date).' })
  submittedTo?: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'Counts of one group of feedback; the dimensions not grouped by are null.' })
export class FeedbackStatsGroup {
  @Field(() => District, { nullable: true })
  district!: District | null;

  @Field(() => FeedbackKind, { nullable: true })
  kind!: FeedbackKind | null;

  @Field(() => FeedbackStatus, { nullable: true })
  status!: FeedbackStatus | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM of the submission, in China time (UTC+8).' })
  month!: string | null;

  @Field(() => Int, { nullable: true, description: 'Feedback submitted (null when suppressed).' })
  count!: number | null;

  @Field(() => Int, { nullable: true, description: 'Still waiting for an answer: submitted, accepted or forwarded (null when suppressed).' })
  open!: number | null;

  @Field(() => Int, { nullable: true, description: 'Open past their due date (China date), as Feedback.overdue (null when suppressed).' })
  overdue!: number | null;

  @Field(() => Int, { nullable: true, description: 'Answered or rejected: the person had a reply (null when suppressed).' })
  responded!: number | null;

  @Field(() => Int, { nullable: true, description: 'Replied to on or before the due date (null when suppressed).' })
  respondedOnTime!: number | null;

  @Field(() => Boolean, {
    description:
      'True when the counts are withheld: fewer persons submitted in the group than the configured minimum (default 5), or withheld with such a group. Exact for city administrators and, within their district, district administrators; for the others small groups are suppressed and counts rounded to a multiple of that minimum.',
  })
  suppressed!: boolean;
}
