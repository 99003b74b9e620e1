import { ConnectionType, District, districtOf, todayInChina } from '@tongxin/common';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { PersonRef, personRef } from '../person/person.ref';
import { FeedbackEntity, FeedbackStepEntity } from './feedback.entity';
import { FeedbackKind, FeedbackStatus, OPEN_FEEDBACK_STATUSES } from './feedback.enums';

/** Where a field is internal: said the same way in every description. */
const INTERNAL = 'Internal: null when a person reads their own feedback or an association administrator the feedback from its activities (only city and district administrators and analysts read it).';

@ObjectType({
  simpleResolvers: true,
  description:
    "One step of the handling of a feedback. Public (every reader of the feedback): the step's id, from, to and at. Internal (handling staff and analysts only, null for a person and an association administrator): actor, actorRole, department and note. The replies meant for the person are Feedback.answer and Feedback.rejectReason.",
})
export class FeedbackStep {
  @Field(() => ID, { description: 'Public.' })
  id!: string;

  @Field(() => FeedbackStatus, { nullable: true, description: 'Public. Null for the submission.' })
  from!: FeedbackStatus | null;

  @Field(() => FeedbackStatus, { description: 'Public: where the step took it.' })
  to!: FeedbackStatus;

  @Field(() => String, { nullable: true, description: `The token subject of who took the step ('system' for imports and demo data). ${INTERNAL}` })
  actor!: string | null;

  @Field(() => String, { nullable: true, description: `Their role when they took it. ${INTERNAL}` })
  actorRole!: string | null;

  @Field(() => Date, { description: 'Public: when the step was taken.' })
  at!: Date;

  @Field(() => String, { nullable: true, description: `The department it was forwarded to (FORWARDED). ${INTERNAL}` })
  department!: string | null;

  @Field(() => String, { nullable: true, description: `The handler's note (for REJECTED the reason, which the person reads in Feedback.rejectReason). ${INTERNAL}` })
  note!: string | null;
}

@ObjectType()
export class FeedbackStepConnection extends ConnectionType(FeedbackStep, 'FeedbackStep') {}

@ObjectType({
  simpleResolvers: true,
  description: 'An opinion, suggestion, public-opinion report or service request, and where its handling stands (§8, §12, §13).',
})
@Directive('@key(fields: "id")')
export class Feedback {
  @Field(() => ID)
  id!: string;

  /** Resolves `activity` through the request's loader. */
  activityId!: string | null;

  @Field(() => FeedbackKind)
  kind!: FeedbackKind;

  @Field()
  title!: string;

  @Field()
  content!: string;

  @Field(() => PersonRef, { nullable: true, description: 'Who it is from; null when the person is not (or no longer) in the register.' })
  person!: PersonRef;

  @Field(() => District, { description: 'Where it was submitted: its administrators handle it.' })
  district!: District;

  @Field(() => FeedbackStatus)
  status!: FeedbackStatus;

  /** The department it was forwarded to, as stored: `Feedback.department` shows it to those who may read it. */
  departmentStored!: string | null;

  @Field(() => String, { nullable: true, description: 'Public: the answer meant for the person (ANSWERED and after).' })
  answer!: string | null;

  @Field(() => String, { nullable: true, description: 'Public: why it was not taken up (REJECTED), meant for the person.' })
  rejectReason!: string | null;

  @Field(() => Date)
  submittedAt!: Date;

  @Field({ description: 'The China date by which it must be answered: 15 days after submission for opinions, suggestions and reports, 7 for service requests.' })
  dueOn!: string;

  @Field({ description: 'Not yet answered, closed or rejected, and its due date has passed (China time).' })
  overdue!: boolean;

  @Field(() => Int, { description: 'Increases with every step.' })
  version!: number;

  @Field(() => Date)
  updatedAt!: Date;
}

@ObjectType()
export class FeedbackConnection extends ConnectionType(Feedback, 'Feedback') {}

function isOverdue(status: string, dueOn: string, today: string = todayInChina()): boolean {
  return OPEN_FEEDBACK_STATUSES.includes(status as FeedbackStatus) && dueOn < today;
}

export function toFeedback(e: FeedbackEntity, today?: string): Feedback {
  const f = new Feedback();
  f.id = e.id;
  f.activityId = e.activityId;
  f.kind = e.kind as FeedbackKind;
  f.title = e.title;
  f.content = e.content;
  f.person = personRef(e.personId);
  f.district = districtOf(e.districtCode);
  f.status = e.status as FeedbackStatus;
  f.departmentStored = e.department;
  f.answer = e.answer;
  f.rejectReason = e.rejectReason;
  f.submittedAt = e.submittedAt;
  f.dueOn = e.dueOn;
  f.overdue = isOverdue(e.status, e.dueOn, today);
  f.version = e.version;
  f.updatedAt = e.updatedAt;
  return f;
}

/** A step as the API shows it: with its internal fields when `internal` (see `readsFeedbackHandling`), else nulled. */
export function toFeedbackStep(e: FeedbackStepEntity, internal: boolean): FeedbackStep {
  const s = new FeedbackStep();
  s.id = e.id;
  s.from = e.fromStatus as FeedbackStatus | null;
  s.to = e.toStatus as FeedbackStatus;
  s.at = e.at;
  s.actor = internal ? e.actorSubject : null;
  s.actorRole = internal ? e.actorRole : null;
  s.department = internal ? e.department : null;
  s.note = internal ? e.note : null;
  return s;
}
