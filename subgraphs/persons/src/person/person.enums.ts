import { registerLabelledEnum } from '@tongxin/common';

export enum Gender {
  MALE = 'MALE',
  FEMALE = 'FEMALE',
}

export enum PoliticalAffiliation {
  CPC_MEMBER = 'CPC_MEMBER',
  RCCK = 'RCCK',
  CDL = 'CDL',
  CNDCA = 'CNDCA',
  CAPD = 'CAPD',
  CPWDP = 'CPWDP',
  CZGP = 'CZGP',
  JIUSAN = 'JIUSAN',
  TDSGL = 'TDSGL',
  NON_PARTY = 'NON_PARTY',
  MASSES = 'MASSES',
}

export enum Education {
  JUNIOR_HIGH_OR_BELOW = 'JUNIOR_HIGH_OR_BELOW',
  SENIOR_HIGH = 'SENIOR_HIGH',
  JUNIOR_COLLEGE = 'JUNIOR_COLLEGE',
  BACHELOR = 'BACHELOR',
  MASTER = 'MASTER',
  DOCTORATE = 'DOCTORATE',
}

/** The six groups of the new social stratum (§2). */
export enum PersonCategory {
  PRIVATE_TECH = 'PRIVATE_TECH',
  FOREIGN_ENTERPRISE = 'FOREIGN_ENTERPRISE',
  SELF_EMPLOYED = 'SELF_EMPLOYED',
  PRIVATE_BUSINESS_OWNER = 'PRIVATE_BUSINESS_OWNER',
  INTERMEDIARY = 'INTERMEDIARY',
  FREELANCER = 'FREELANCER',
}

export enum Profession {
  ENTREPRENEUR = 'ENTREPRENEUR',
  TECHNICAL_STAFF = 'TECHNICAL_STAFF',
  MANAGER = 'MANAGER',
  INDIVIDUAL_BUSINESS = 'INDIVIDUAL_BUSINESS',
  BUSINESS_OWNER = 'BUSINESS_OWNER',
  LAWYER = 'LAWYER',
  CERTIFIED_PUBLIC_ACCOUNTANT = 'CERTIFIED_PUBLIC_ACCOUNTANT',
  TAX_AGENT = 'TAX_AGENT',
  ASSET_APPRAISER = 'ASSET_APPRAISER',
  FREELANCE_WRITER = 'FREELANCE_WRITER',
  BROKER = 'BROKER',
  OTHER = 'OTHER',
}

export enum PersonStatus {
  ACTIVE = 'ACTIVE',
  MOVED_AWAY = 'MOVED_AWAY',
  ARCHIVED = 'ARCHIVED',
}

/** Which professions belong to which category (OTHER fits every category). */
export const PROFESSIONS_BY_CATEGORY: Readonly<Record<PersonCategory, readonly Profession[]>> = {
  [PersonCategory.PRIVATE_TECH]: [Profession.ENTREPRENEUR, Profession.TECHNICAL_STAFF, Profession.MANAGER, Profession.OTHER],
  [PersonCategory.FOREIGN_ENTERPRISE]: [Profession.MANAGER, Profession.TECHNICAL_STAFF, Profession.OTHER],
  [PersonCategory.SELF_EMPLOYED]: [Profession.INDIVIDUAL_BUSINESS, Profession.OTHER],
  [PersonCategory.PRIVATE_BUSINESS_OWNER]: [Profession.BUSINESS_OWNER, Profession.MANAGER, Profession.OTHER],
  [PersonCategory.INTERMEDIARY]: [Profession.LAWYER, Profession.CERTIFIED_PUBLIC_ACCOUNTANT, Profession.TAX_AGENT, Profession.ASSET_APPRAISER, Profession.OTHER],
  [PersonCategory.FREELANCER]: [Profession.FREELANCE_WRITER, Profession.BROKER, Profession.OTHER],
};

/** Gender: the Chinese labels (display, spreadsheets). */
export const GENDER_LABELS: Readonly<Record<Gender, string>> = { MALE: '男', FEMALE: '女' };

/** PoliticalAffiliation: the Chinese labels (display, spreadsheets). */
export const POLITICAL_AFFILIATION_LABELS: Readonly<Record<PoliticalAffiliation, string>> = {
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

/** Education: the Chinese labels (display, spreadsheets). */
export const EDUCATION_LABELS: Readonly<Record<Education, string>> = {
  JUNIOR_HIGH_OR_BELOW: '初中及以下',
  SENIOR_HIGH: '高中/中专',
  JUNIOR_COLLEGE: '大专',
  BACHELOR: '本科',
  MASTER: '硕士研究生',
  DOCTORATE: '博士研究生',
};

/** PersonCategory: the Chinese labels (display, spreadsheets). */
export const PERSON_CATEGORY_LABELS: Readonly<Record<PersonCategory, string>> = {
  PRIVATE_TECH: '民营科技企业创业人员和技术人员',
  FOREIGN_ENTERPRISE: '外资企业管理技术人员',
  SELF_EMPLOYED: '个体户',
  PRIVATE_BUSINESS_OWNER: '私营企业主',
  INTERMEDIARY: '中介组织从业人员',
  FREELANCER: '自由职业人员',
};

/** Profession: the Chinese labels (display, spreadsheets). */
export const PROFESSION_LABELS: Readonly<Record<Profession, string>> = {
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

/** PersonStatus: the Chinese labels (display, spreadsheets). */
export const PERSON_STATUS_LABELS: Readonly<Record<PersonStatus, string>> = {
  ACTIVE: '在册',
  MOVED_AWAY: '已迁出',
  ARCHIVED: '已归档',
};

registerLabelledEnum(Gender, 'Gender', '性别', GENDER_LABELS);
registerLabelledEnum(PoliticalAffiliation, 'PoliticalAffiliation', '政治面貌', POLITICAL_AFFILIATION_LABELS);
registerLabelledEnum(Education, 'Education', '学历', EDUCATION_LABELS);
registerLabelledEnum(PersonCategory, 'PersonCategory', '新的社会阶层人士类别 (§2)', PERSON_CATEGORY_LABELS);
registerLabelledEnum(Profession, 'Profession', '职业', PROFESSION_LABELS);
registerLabelledEnum(PersonStatus, 'PersonStatus', '登记状态', PERSON_STATUS_LABELS);
