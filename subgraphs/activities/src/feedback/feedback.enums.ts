import { registerLabelledEnum } from '@tongxin/common';

/** Opinions and suggestions, and service requests (§8, §12, §13). */
export enum FeedbackKind {
  OPINION = 'OPINION',
  SUGGESTION = 'SUGGESTION',
  PUBLIC_OPINION = 'PUBLIC_OPINION',
  RIGHTS_PROTECTION = 'RIGHTS_PROTECTION',
  INFORMATION = 'INFORMATION',
  CONSULTATION = 'CONSULTATION',
}

export enum FeedbackStatus {
  SUBMITTED = 'SUBMITTED',
  ACCEPTED = 'ACCEPTED',
  FORWARDED = 'FORWARDED',
  ANSWERED = 'ANSWERED',
  CLOSED = 'CLOSED',
  REJECTED = 'REJECTED',
}

registerLabelledEnum(FeedbackKind, 'FeedbackKind', '意见诉求类型', {
  OPINION: '意见建议',
  SUGGESTION: '建言献策',
  PUBLIC_OPINION: '社情民意',
  RIGHTS_PROTECTION: '维权服务',
  INFORMATION: '信息服务',
  CONSULTATION: '咨询服务',
});
registerLabelledEnum(FeedbackStatus, 'FeedbackStatus', '办理状态', {
  SUBMITTED: '已提交',
  ACCEPTED: '已受理',
  FORWARDED: '已转办',
  ANSWERED: '已答复',
  CLOSED: '已办结',
  REJECTED: '不予受理',
});

/**
 * The handling workflow: every allowed step. Any other (including staying where it is, or going
 * back) is a CONFLICT, since whether a step is allowed depends on where the feedback stands.
 *
 * SUBMITTED → ACCEPTED | REJECTED
 * ACCEPTED  → FORWARDED (to a named department) | ANSWERED (directly) | REJECTED
 * FORWARDED → ANSWERED (with the department's answer)
 * ANSWERED  → CLOSED
 * CLOSED, REJECTED: final.
 */
export const FEEDBACK_TRANSITIONS: Readonly<Record<FeedbackStatus, readonly FeedbackStatus[]>> = {
  SUBMITTED: [FeedbackStatus.ACCEPTED, FeedbackStatus.REJECTED],
  ACCEPTED: [FeedbackStatus.FORWARDED, FeedbackStatus.ANSWERED, FeedbackStatus.REJECTED],
  FORWARDED: [FeedbackStatus.ANSWERED],
  ANSWERED: [FeedbackStatus.CLOSED],
  CLOSED: [],
  REJECTED: [],
};

/** Still waiting for an answer: what can be overdue. */
export const OPEN_FEEDBACK_STATUSES: readonly FeedbackStatus[] = [FeedbackStatus.SUBMITTED, FeedbackStatus.ACCEPTED, FeedbackStatus.FORWARDED];

/**
 * Calendar days (China dates) from submission to the due date of an answer: service requests,
 * which a person waits on, 7; opinions, suggestions and public-opinion reports, which a
 * department studies, 15. Calendar days rather than working days: the register keeps no
 * holiday calendar, and a simple rule is one every clerk can check.
 */
export const FEEDBACK_DUE_DAYS: Readonly<Record<FeedbackKind, number>> = {
  OPINION: 15,
  SUGGESTION: 15,
  PUBLIC_OPINION: 15,
  RIGHTS_PROTECTION: 7,
  INFORMATION: 7,
  CONSULTATION: 7,
};
