import { registerLabelledEnum } from '@tongxin/common';

/** The kinds of activity the new social stratum joins (§3, §5, §13, §14). */
export enum ActivityKind {
  STUDY_TRAINING = 'STUDY_TRAINING',
  INSPECTION_RESEARCH = 'INSPECTION_RESEARCH',
  SOCIAL_SERVICE = 'SOCIAL_SERVICE',
  CULTURE_SPORTS = 'CULTURE_SPORTS',
  EDUCATION = 'EDUCATION',
}

export enum ActivityStatus {
  PLANNED = 'PLANNED',
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
  ONGOING: '进行中',
  COMPLETED: '已结束',
  CANCELLED: '已取消',
});
