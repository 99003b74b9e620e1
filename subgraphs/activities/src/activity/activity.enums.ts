import { registerLabelledEnum } from '@tongxin/common';

/** The kinds of activity the new social stratum joins (§3, §5, §13, §14). */
export enum ActivityKind {
  STUDY_TRAINING = 'STUDY_TRAINING',
  INSPECTION_RESEARCH = 'INSPECTION_RESEARCH',
  SOCIAL_SERVICE = 'SOCIAL_SERVICE',
  CULTURE_SPORTS = 'CULTURE_SPORTS',
  EDUCATION = 'EDUCATION',
}

/** Where an activity stands: PLANNED → OPEN → ONGOING → COMPLETED, or CANCELLED (see `ACTIVITY_TRANSITIONS`). */
export enum ActivityStatus {
  PLANNED = 'PLANNED',
  OPEN = 'OPEN',
  ONGOING = 'ONGOING',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
}

registerLabelledEnum(ActivityKind, 'ActivityKind', '活动类型', {
  STUDY_TRAINING: '学习培训',
  INSPECTION_RESEARCH: '考察调研',
  SOCIAL_SERVICE: '社会服务 (扶贫帮困、专业咨询、光彩事业、慈善公益)',
  CULTURE_SPORTS: '文娱体育',
  EDUCATION: '教育培训',
});
registerLabelledEnum(ActivityStatus, 'ActivityStatus', '活动状态', {
  PLANNED: '计划中',
  OPEN: '报名中',
  ONGOING: '进行中',
  COMPLETED: '已结束',
  CANCELLED: '已取消',
});

/**
 * The status changes `updateActivity` allows (any other is a CONFLICT): a planned activity opens
 * for registration, starts (one without registration) or is cancelled; an open one starts or is
 * cancelled; one under way finishes. A finished or cancelled activity stays so: its
 * participations and hours are history.
 */
export const ACTIVITY_TRANSITIONS: Readonly<Record<ActivityStatus, readonly ActivityStatus[]>> = {
  PLANNED: [ActivityStatus.OPEN, ActivityStatus.ONGOING, ActivityStatus.CANCELLED],
  OPEN: [ActivityStatus.ONGOING, ActivityStatus.CANCELLED],
  ONGOING: [ActivityStatus.COMPLETED],
  COMPLETED: [],
  CANCELLED: [],
};

/** What `activityStats` can group by. */
export enum ActivityStatsDimension {
  KIND = 'KIND',
  MONTH = 'MONTH',
  DISTRICT = 'DISTRICT',
}

registerLabelledEnum(ActivityStatsDimension, 'ActivityStatsDimension', '活动统计维度', {
  KIND: '活动类型',
  MONTH: '月份 (北京时间)',
  DISTRICT: '县(市、区)',
});
