import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { FeedbackKind, FeedbackStatus } from './feedback.enums';
import { Feedback } from './feedback.type';

@InputType({ description: 'A new feedback: by a person for themselves, or by an administrator on their behalf.' })
export class SubmitFeedbackInput {
  @Field(() => FeedbackKind)
  kind!: FeedbackKind;

  @Field({ description: '2 to 100 characters.' })
  title!: string;

  @Field({ description: '5 to 4000 characters.' })
  content!: string;

  @Field(() => ID, { nullable: true, description: 'Whose it is: required of administrators; a person may leave it out (their own) but name nobody else.' })
  personId?: string | null;

  @Field({
    description:
      "The submitter's district (one of the 12 county-level units): whose administrators handle it. Given by the submitting administrator (their own district for a district administrator) or, for a person, by themselves: this subgraph cannot read the register to check it.",
  })
  districtCode!: string;

  @Field(() => ID, { nullable: true, description: 'The activity it came from, if any.' })
  activityId?: string | null;
}

@InputType({ description: 'One step of the handling workflow (see FeedbackStatus): CONFLICT for a step the workflow does not allow from where the feedback stands.' })
export class HandleFeedbackInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'The version you read: CONFLICT when it has changed since.' })
  expectedVersion!: number;

  @Field(() => FeedbackStatus, {
    description: 'SUBMITTED → ACCEPTED | REJECTED; ACCEPTED → FORWARDED | ANSWERED | REJECTED; FORWARDED → ANSWERED; ANSWERED → CLOSED.',
  })
  to!: FeedbackStatus;

  @Field(() => String, { nullable: true, description: 'Required with FORWARDED: the department, 2 to 100 characters.' })
  department?: string | null;

  @Field(() => String, { nullable: true, description: 'Required with ANSWERED: 2 to 4000 characters.' })
  answer?: string | null;

  @Field(() => String, { nullable: true, description: 'Kept with the step, at most 500 characters; required with REJECTED (the reason).' })
  note?: string | null;
}

@InputType({ description: 'Every given condition must hold.' })
export class FeedbackFilter {
  @Field(() => String, { nullable: true })
  districtCode?: string | null;

  @Field(() => FeedbackKind, { nullable: true })
  kind?: FeedbackKind | null;

  @Field(() => FeedbackStatus, { nullable: true })
  status?: FeedbackStatus | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only overdue ones (not answered, closed or rejected by their due date, China time); false: only those that are not.' })
  overdue?: boolean | null;

  @Field(() => ID, { nullable: true })
  personId?: string | null;

  @Field(() => ID, { nullable: true })
  activityId?: string | null;
}

@ObjectType()
export class FeedbackPayload {
  @Field(() => Feedback)
  feedback!: Feedback;
}
