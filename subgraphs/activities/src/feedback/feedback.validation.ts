import { emptyToNull, InputChecker } from '@tongxin/common';
import { FEEDBACK_DUE_DAYS, FeedbackKind, FeedbackStatus } from './feedback.enums';

/** A submission, as stored (the person may still be missing: a person's own is filled in by the service). */
export interface FeedbackRecord {
  kind: FeedbackKind;
  title: string;
  content: string;
  personId: string | null;
  districtCode: string;
  activityId: string | null;
}

/** A submission as a user, an import or the demo-data generator sends it. */
export type FeedbackDraft = { [K in keyof FeedbackRecord]?: FeedbackRecord[K] | string | null };

export function checkFeedbackRecord(check: InputChecker, draft: FeedbackDraft): FeedbackRecord | null {
  const kind = check.oneOf('kind', draft.kind as string | null, FeedbackKind, { required: true });
  const title = check.text('title', draft.title as string | null, { required: true, min: 2, max: 100 });
  const content = check.text('content', draft.content as string | null, { required: true, min: 5, max: 4000 });
  // The person lives in the persons subgraph, which this one never reads: only the format is checked.
  const personId = check.id('personId', draft.personId as string | null, { required: false });
  // The submitter's district, as the submitter gives it (not checked against the register).
  const districtCode = check.district('districtCode', draft.districtCode as string | null, { required: true, countyLevel: true });
  const activityId = check.id('activityId', draft.activityId as string | null, { required: false });
  if (!check.ok) return null;
  return {
    kind: kind!,
    title: title!,
    content: content!,
    personId: emptyToNull(personId),
    districtCode: districtCode!,
    activityId: emptyToNull(activityId),
  };
}

/** What a step carries besides its target. */
export interface StepDetail {
  department: string | null;
  answer: string | null;
  note: string | null;
}

/** Checks what a step to `to` needs: a department to forward to, an answer, a reason to reject. */
export function checkStepDetail(check: InputChecker, to: FeedbackStatus | undefined, draft: { department?: string | null; answer?: string | null; note?: string | null }): StepDetail | null {
  const department = check.text('department', draft.department, { required: to === FeedbackStatus.FORWARDED, min: 2, max: 100 });
  const answer = check.text('answer', draft.answer, { required: to === FeedbackStatus.ANSWERED, min: 2, max: 4000 });
  const note = check.text('note', draft.note, { required: to === FeedbackStatus.REJECTED, min: to === FeedbackStatus.REJECTED ? 2 : 0, max: 500 });
  if (department && to !== FeedbackStatus.FORWARDED) check.fail('department', 'is given only with FORWARDED');
  if (answer && to !== FeedbackStatus.ANSWERED) check.fail('answer', 'is given only with ANSWERED');
  if (!check.ok) return null;
  return { department: emptyToNull(department), answer: emptyToNull(answer), note: emptyToNull(note) };
}

/** The China date `days` after the China date of `instant`. */
export function dueDate(kind: FeedbackKind, instant: Date): string {
  const chinaMidnight = Date.parse(`${new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 10)}T00:00:00Z`);
  return new Date(chinaMidnight + FEEDBACK_DUE_DAYS[kind] * 86_400_000).toISOString().slice(0, 10);
}
