/**
 * The Chinese names of the API's enums, as the schema describes each value (a unit test compares
 * them with gateway/api-schema.graphql, so a new or renamed value fails it).
 */
export const CATEGORY_LABELS: Readonly<Record<string, string>> = {
  PRIVATE_TECH: '民营科技企业创业人员和技术人员',
  FOREIGN_ENTERPRISE: '外资企业管理技术人员',
  SELF_EMPLOYED: '个体户',
  PRIVATE_BUSINESS_OWNER: '私营企业主',
  INTERMEDIARY: '中介组织从业人员',
  FREELANCER: '自由职业人员',
};

export const AFFILIATION_LABELS: Readonly<Record<string, string>> = {
  CPC_MEMBER: '中共党员',
  RCCK: '民革党员',
  CDL: '民盟盟员',
  CNDCA: '民建会员',
  CAPD: '民进会员',
  CPWDP: '农工党党员',
  CZGP: '致公党党员',
  JIUSAN: '九三学社社员',
  TDSGL: '台盟盟员',
  NON_PARTY: '无党派人士',
  MASSES: '群众',
};

export const GENDER_LABELS: Readonly<Record<string, string>> = { MALE: '男', FEMALE: '女' };

export const EDUCATION_LABELS: Readonly<Record<string, string>> = {
  JUNIOR_HIGH_OR_BELOW: '初中及以下',
  SENIOR_HIGH: '高中/中专',
  JUNIOR_COLLEGE: '大专',
  BACHELOR: '本科',
  MASTER: '硕士研究生',
  DOCTORATE: '博士研究生',
};

/** 综合得分段 of an evaluation (evaluationStats), from the highest down. */
export const COMPOSITE_BAND_LABELS: Readonly<Record<string, string>> = {
  FROM_90: '90分及以上',
  FROM_80: '80至89分',
  FROM_70: '70至79分',
  BELOW_70: '70分以下',
};

/** The roles of the platform (README, "Who may see and change what"). */
export const ROLE_LABELS: Readonly<Record<string, string>> = {
  CITY_ADMIN: '市级管理员',
  DISTRICT_ADMIN: '区县管理员',
  ASSOCIATION_ADMIN: '社团管理员',
  ANALYST: '数据分析员',
  PERSON: '登记人员',
};

export function labelOf(labels: Readonly<Record<string, string>>, value: string | null | undefined): string {
  if (value == null) return '未填写';
  return labels[value] ?? value;
}

export function returneeLabel(value: boolean | null | undefined): string {
  return value == null ? '未填写' : value ? '归国留学人员' : '非归国留学人员';
}

export const PROFESSION_LABELS: Readonly<Record<string, string>> = {
  ENTREPRENEUR: '创业人员',
  TECHNICAL_STAFF: '技术人员',
  MANAGER: '管理人员',
  INDIVIDUAL_BUSINESS: '个体经营者',
  BUSINESS_OWNER: '企业主',
  LAWYER: '律师',
  CERTIFIED_PUBLIC_ACCOUNTANT: '注册会计师',
  TAX_AGENT: '税务师',
  ASSET_APPRAISER: '资产评估师',
  FREELANCE_WRITER: '自由撰稿人',
  BROKER: '经纪人',
  OTHER: '其他',
};

export const MEMBERSHIP_ROLE_LABELS: Readonly<Record<string, string>> = {
  PRESIDENT: '会长',
  VICE_PRESIDENT: '副会长',
  SECRETARY_GENERAL: '秘书长',
  DIRECTOR: '理事',
  LEADER: '组长',
  DEPUTY_LEADER: '副组长',
  LIAISON: '联络员',
  MEMBER: '会员/成员',
};

export const ORGANIZATION_KIND_LABELS: Readonly<Record<string, string>> = {
  FRIENDSHIP_ASSOCIATION: '联谊会',
  INDUSTRY_ASSOCIATION: '行业协会',
  COMMUNITY_GROUP: '社区联谊小组/活动小组',
  JOINT_MEETING: '联席会议',
  JOINT_MEETING_MEMBER_UNIT: '联席会议成员单位',
  STREET_LEADING_GROUP: '街道领导小组',
  COMMUNITY_COORDINATION_GROUP: '社区协调小组',
};

export const PERSON_STATUS_LABELS: Readonly<Record<string, string>> = { ACTIVE: '在册', MOVED_AWAY: '已迁出', ARCHIVED: '已归档' };

export const ACTIVITY_KIND_LABELS: Readonly<Record<string, string>> = {
  STUDY_TRAINING: '学习培训',
  INSPECTION_RESEARCH: '考察调研',
  SOCIAL_SERVICE: '社会服务 (扶贫帮困、专业咨询、光彩事业、慈善公益)',
  CULTURE_SPORTS: '文娱体育',
  EDUCATION: '教育培训',
};

/** Age bands, youngest first (the age reached this year). */
export const AGE_BAND_LABELS: Readonly<Record<string, string>> = {
  UP_TO_35: '35岁及以下',
  FROM_36_TO_45: '36至45岁',
  FROM_46_TO_55: '46至55岁',
  FROM_56: '56岁及以上',
};

/** A month of the API (YYYY-MM) as 2026年3月. */
export function monthLabel(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  return m ? `${m[1]}年${Number(m[2])}月` : month;
}

export const FEEDBACK_KIND_LABELS: Readonly<Record<string, string>> = {
  OPINION: '意见建议',
  SUGGESTION: '建言献策',
  PUBLIC_OPINION: '社情民意',
  RIGHTS_PROTECTION: '维权服务',
  INFORMATION: '信息服务',
  CONSULTATION: '咨询服务',
};

export const FEEDBACK_STATUS_LABELS: Readonly<Record<string, string>> = {
  SUBMITTED: '已提交',
  ACCEPTED: '已受理',
  FORWARDED: '已转办',
  ANSWERED: '已答复',
  CLOSED: '已办结',
  REJECTED: '不予受理',
};
