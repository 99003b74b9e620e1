/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Every given condition must hold. */
export type ActivityFilter = {
  /** 330300 finds the city-wide activities. */
  districtCode?: string | null | undefined;
  kind?: ActivityKind | null | undefined;
  organizerId?: string | number | null | undefined;
  /** Starts before this instant. */
  startsBefore?: string | null | undefined;
  /** Starts at or after this instant. */
  startsFrom?: string | null | undefined;
  status?: ActivityStatus | null | undefined;
  /** Part of the title. */
  text?: string | null | undefined;
};

/** 活动类型 */
export type ActivityKind =
  /** 文娱体育 */
  | 'CULTURE_SPORTS'
  /** 教育培训 */
  | 'EDUCATION'
  /** 考察调研 */
  | 'INSPECTION_RESEARCH'
  /** 社会服务 (扶贫帮困、专业咨询、光彩事业、慈善公益) */
  | 'SOCIAL_SERVICE'
  /** 学习培训 */
  | 'STUDY_TRAINING';

/** 活动状态 */
export type ActivityStatus =
  /** 已取消 */
  | 'CANCELLED'
  /** 已结束 */
  | 'COMPLETED'
  /** 进行中 */
  | 'ONGOING'
  /** 报名中 */
  | 'OPEN'
  /** 计划中 */
  | 'PLANNED';

/** 年龄段（按当年周岁） */
export type AgeBand =
  /** 36至45岁 */
  | 'FROM_36_TO_45'
  /** 46至55岁 */
  | 'FROM_46_TO_55'
  /** 56岁及以上 */
  | 'FROM_56'
  /** 35岁及以下 */
  | 'UP_TO_35';

/** 综合得分段 */
export type CompositeBand =
  /** 70分以下 */
  | 'BELOW_70'
  /** 70至79分 */
  | 'FROM_70'
  /** 80至89分 */
  | 'FROM_80'
  /** 90分及以上 */
  | 'FROM_90';

/** How GB/T 2260 classifies a unit of the city. */
export type DistrictKind =
  /** 地级市 */
  | 'CITY'
  /** 县 */
  | 'COUNTY'
  /** 县级市 */
  | 'COUNTY_LEVEL_CITY'
  /** 市辖区 */
  | 'URBAN_DISTRICT';

/** 学历 */
export type Education =
  /** 本科 */
  | 'BACHELOR'
  /** 博士研究生 */
  | 'DOCTORATE'
  /** 大专 */
  | 'JUNIOR_COLLEGE'
  /** 初中及以下 */
  | 'JUNIOR_HIGH_OR_BELOW'
  /** 硕士研究生 */
  | 'MASTER'
  /** 高中/中专 */
  | 'SENIOR_HIGH';

/** 意见诉求类型 */
export type FeedbackKind =
  /** 咨询服务 */
  | 'CONSULTATION'
  /** 信息服务 */
  | 'INFORMATION'
  /** 意见建议 */
  | 'OPINION'
  /** 社情民意 */
  | 'PUBLIC_OPINION'
  /** 维权服务 */
  | 'RIGHTS_PROTECTION'
  /** 建言献策 */
  | 'SUGGESTION';

/** Which feedback feedbackStats counts: every one unless narrowed. */
export type FeedbackStatsFilter = {
  /** The district where it was submitted. */
  districtCode?: string | null | undefined;
  kind?: FeedbackKind | null | undefined;
  /** Submitted on or after this day (China date). */
  submittedFrom?: string | null | undefined;
  /** Submitted on or before this day (China date). */
  submittedTo?: string | null | undefined;
};

/** 办理状态 */
export type FeedbackStatus =
  /** 已受理 */
  | 'ACCEPTED'
  /** 已答复 */
  | 'ANSWERED'
  /** 已办结 */
  | 'CLOSED'
  /** 已转办 */
  | 'FORWARDED'
  /** 不予受理 */
  | 'REJECTED'
  /** 已提交 */
  | 'SUBMITTED';

/** 性别 */
export type Gender =
  /** 女 */
  | 'FEMALE'
  /** 男 */
  | 'MALE';

/** 职务 */
export type MembershipRole =
  /** 副组长 */
  | 'DEPUTY_LEADER'
  /** 理事 */
  | 'DIRECTOR'
  /** 组长 */
  | 'LEADER'
  /** 联络员 */
  | 'LIAISON'
  /** 会员/成员 */
  | 'MEMBER'
  /** 会长 */
  | 'PRESIDENT'
  /** 秘书长 */
  | 'SECRETARY_GENERAL'
  /** 副会长 */
  | 'VICE_PRESIDENT';

/** 组织类别 */
export type OrganizationKind =
  /** 社区协调小组 */
  | 'COMMUNITY_COORDINATION_GROUP'
  /** 社区联谊小组/活动小组 */
  | 'COMMUNITY_GROUP'
  /** 联谊会 */
  | 'FRIENDSHIP_ASSOCIATION'
  /** 行业协会 */
  | 'INDUSTRY_ASSOCIATION'
  /** 联席会议 */
  | 'JOINT_MEETING'
  /** 联席会议成员单位 */
  | 'JOINT_MEETING_MEMBER_UNIT'
  /** 街道领导小组 */
  | 'STREET_LEADING_GROUP';

/** 新的社会阶层人士类别 (§2) */
export type PersonCategory =
  /** 外资企业管理技术人员 */
  | 'FOREIGN_ENTERPRISE'
  /** 自由职业人员 */
  | 'FREELANCER'
  /** 中介组织从业人员 */
  | 'INTERMEDIARY'
  /** 私营企业主 */
  | 'PRIVATE_BUSINESS_OWNER'
  /** 民营科技企业创业人员和技术人员 */
  | 'PRIVATE_TECH'
  /** 个体户 */
  | 'SELF_EMPLOYED';

/** Every given condition must hold. */
export type PersonFilter = {
  category?: PersonCategory | null | undefined;
  community?: string | null | undefined;
  districtCode?: string | null | undefined;
  politicalAffiliation?: PoliticalAffiliation | null | undefined;
  profession?: Profession | null | undefined;
  /** Registered on or after this day (registeredOn). */
  registeredFrom?: string | null | undefined;
  /** Registered on or before this day (registeredOn). */
  registeredTo?: string | null | undefined;
  returnee?: boolean | null | undefined;
  /** Default: ACTIVE and MOVED_AWAY (archived records hidden). */
  statuses?: Array<PersonStatus> | null | undefined;
  streetCode?: string | null | undefined;
  /** Part of the name or employer; a whole ID or mobile number matches exactly. */
  text?: string | null | undefined;
};

/** 登记状态 */
export type PersonStatus =
  /** 在册 */
  | 'ACTIVE'
  /** 已归档 */
  | 'ARCHIVED'
  /** 已迁出 */
  | 'MOVED_AWAY';

/** 政治面貌 */
export type PoliticalAffiliation =
  /** 民进会员 */
  | 'CAPD'
  /** 民盟盟员 */
  | 'CDL'
  /** 民建会员 */
  | 'CNDCA'
  /** 中共党员 */
  | 'CPC_MEMBER'
  /** 农工党党员 */
  | 'CPWDP'
  /** 致公党党员 */
  | 'CZGP'
  /** 九三学社社员 */
  | 'JIUSAN'
  /** 群众 */
  | 'MASSES'
  /** 无党派人士 */
  | 'NON_PARTY'
  /** 民革党员 */
  | 'RCCK'
  /** 台盟盟员 */
  | 'TDSGL';

/** 人才库层级 */
export type PoolLevel =
  /** 市级 */
  | 'CITY'
  /** 县（市、区）级 */
  | 'DISTRICT';

/** 职业 */
export type Profession =
  /** 资产评估师 */
  | 'ASSET_APPRAISER'
  /** 经纪人 */
  | 'BROKER'
  /** 企业主 */
  | 'BUSINESS_OWNER'
  /** 注册会计师 */
  | 'CERTIFIED_PUBLIC_ACCOUNTANT'
  /** 创业人员 */
  | 'ENTREPRENEUR'
  /** 自由撰稿人 */
  | 'FREELANCE_WRITER'
  /** 个体经营者 */
  | 'INDIVIDUAL_BUSINESS'
  /** 律师 */
  | 'LAWYER'
  /** 管理人员 */
  | 'MANAGER'
  /** 其他 */
  | 'OTHER'
  /** 税务师 */
  | 'TAX_AGENT'
  /** 技术人员 */
  | 'TECHNICAL_STAFF';

/** The city's expectations of every district for a year, replacing the defaults or an earlier setting (city administrators). Each field is required; a missing one is named in BAD_USER_INPUT. */
export type SetScorecardExpectationsInput = {
  /** Activities per month per district, at least: 0 to 100, up to 2 decimals. */
  activitiesPerMonth?: number | null | undefined;
  /** The version read (0 for the defaults): a different current version is a CONFLICT. Omitted: not checked. */
  expectedVersion?: number | null | undefined;
  /** Share of replies on time, at least: 0 to 1, up to 4 decimals (0.9 for 90%). */
  onTimeRate?: number | null | undefined;
  /** Whether the district's talent pool must be within its quota. */
  poolCompliant?: boolean | null | undefined;
  /** Persons newly registered in the year per district, at least: 0 to 100000. */
  registrations?: number | null | undefined;
  /** From 2011 to next year. */
  year?: number | null | undefined;
};

export type ActivityOverviewQueryVariables = Exact<{
  filter?: ActivityFilter | null | undefined;
}>;


export type ActivityOverviewQuery = { districts: Array<{ code: string, name: string, kind: DistrictKind }>, byKind: Array<{ kind: ActivityKind | null, activities: number, participations: number | null, attended: number | null, hours: number | null, suppressed: boolean }>, byMonth: Array<{ month: string | null, activities: number, participations: number | null, attended: number | null, hours: number | null, suppressed: boolean }>, byDistrict: Array<{ activities: number, participations: number | null, attended: number | null, hours: number | null, suppressed: boolean, district: { code: string, name: string } | null }> };

export type CrossDistrictQueryVariables = Exact<{ [key: string]: never; }>;


export type CrossDistrictQuery = { crossDistrictMatrix: Array<{ persons: number | null, memberships: number | null, suppressed: boolean, personDistrict: { code: string, name: string }, organizationDistrict: { code: string, name: string } }> };

export type CrossDistrictMembersQueryVariables = Exact<{
  personDistrictCode: string;
  organizationDistrictCode: string;
  first: number;
  after?: string | null | undefined;
}>;


export type CrossDistrictMembersQuery = { crossDistrictMembers: { totalCount: number, pageInfo: { endCursor: string | null, hasNextPage: boolean }, edges: Array<{ node: { id: string, role: MembershipRole, startDate: string, person: { id: string, name: string } | null, organization: { id: string, name: string } } }> } };

export type FeedbackQueryVariables = Exact<{
  filter?: FeedbackStatsFilter | null | undefined;
  districts: boolean;
}>;


export type FeedbackQuery = { districts: Array<{ code: string, name: string, kind: DistrictKind }>, total: Array<{ count: number | null, open: number | null, overdue: number | null, responded: number | null, respondedOnTime: number | null, suppressed: boolean }>, byStatus: Array<{ status: FeedbackStatus | null, count: number | null, suppressed: boolean }>, byKind: Array<{ kind: FeedbackKind | null, count: number | null, suppressed: boolean }>, byDistrict?: Array<{ count: number | null, overdue: number | null, suppressed: boolean, district: { code: string, name: string } | null }>, byMonth: Array<{ month: string | null, count: number | null, suppressed: boolean }> };

export type MeQueryVariables = Exact<{
  id: string | number;
}>;


export type MeQuery = { person: { id: string, name: string, gender: Gender, birthYear: number, ethnicity: string, politicalAffiliation: PoliticalAffiliation, education: Education | null, category: PersonCategory, profession: Profession | null, employer: string | null, position: string | null, returnee: boolean, community: string | null, idNumber: string, mobile: string | null, status: PersonStatus, registeredOn: string, district: { name: string }, street: { name: string } | null } | null };

export type OwnOrganizationQueryVariables = Exact<{
  id: string | number;
}>;


export type OwnOrganizationQuery = { organization: { id: string, name: string, kind: OrganizationKind, foundedOn: string | null, memberCount: number | null, district: { name: string }, members: { totalCount: number, edges: Array<{ node: { id: string, role: MembershipRole, startDate: string, person: { id: string, name: string, employer: string | null } | null } }> } | null } | null };

export type OverviewQueryVariables = Exact<{
  filter?: PersonFilter | null | undefined;
  monthFilter?: PersonFilter | null | undefined;
  streets: boolean;
}>;


export type OverviewQuery = { districts: Array<{ code: string, name: string, kind: DistrictKind }>, total: Array<{ count: number | null, suppressed: boolean }>, byDistrict: Array<{ count: number | null, suppressed: boolean, district: { code: string, name: string } | null }>, byStreet?: Array<{ count: number | null, suppressed: boolean, street: { code: string, name: string } | null }>, byCategory: Array<{ category: PersonCategory | null, count: number | null, suppressed: boolean }>, byAffiliation: Array<{ politicalAffiliation: PoliticalAffiliation | null, count: number | null, suppressed: boolean }>, byEducation: Array<{ education: Education | null, count: number | null, suppressed: boolean }>, byReturnee: Array<{ returnee: boolean | null, count: number | null, suppressed: boolean }>, byAgeBand: Array<{ ageBand: AgeBand | null, count: number | null, suppressed: boolean }>, byMonth: Array<{ registeredMonth: string | null, count: number | null, suppressed: boolean }> };

export type ScorecardQueryVariables = Exact<{
  year: number;
  persons: PersonFilter;
  activities: ActivityFilter;
  feedback: FeedbackStatsFilter;
}>;


export type ScorecardQuery = { expectations: { year: number, registrations: number, activitiesPerMonth: number, onTimeRate: number, poolCompliant: boolean, defaults: boolean, version: number }, districts: Array<{ code: string, name: string, kind: DistrictKind }>, pools: Array<{ count: number | null, compliant: boolean, shortfall: number | null, excess: number | null, suppressed: boolean, district: { code: string } }>, registrations: Array<{ count: number | null, suppressed: boolean, district: { code: string } | null }>, activities: Array<{ activities: number, district: { code: string } | null }>, feedback: Array<{ responded: number | null, respondedOnTime: number | null, suppressed: boolean, district: { code: string } | null }> };

export type SetScorecardExpectationsMutationVariables = Exact<{
  input: SetScorecardExpectationsInput;
}>;


export type SetScorecardExpectationsMutation = { setScorecardExpectations: { expectations: { year: number, registrations: number, activitiesPerMonth: number, onTimeRate: number, poolCompliant: boolean, defaults: boolean, version: number } } };

export type EvaluationStatsQueryVariables = Exact<{
  year: number;
}>;


export type EvaluationStatsQuery = { total: Array<{ evaluations: number | null, persons: number | null, averageComposite: number | null, suppressed: boolean }>, byDistrict: Array<{ evaluations: number | null, persons: number | null, averageComposite: number | null, suppressed: boolean, district: { code: string, name: string } | null }>, byBand: Array<{ compositeBand: CompositeBand | null, evaluations: number | null, persons: number | null, averageComposite: number | null, suppressed: boolean }> };

export type TalentPoolComplianceQueryVariables = Exact<{
  year: number;
}>;


export type TalentPoolComplianceQuery = { talentPoolCompliance: Array<{ level: PoolLevel, year: number, count: number | null, underReview: number | null, minimum: number, maximum: number | null, compliant: boolean, shortfall: number | null, excess: number | null, suppressed: boolean, district: { code: string, name: string } }> };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const ActivityOverviewDocument = new TypedDocumentString(`
    query ActivityOverview($filter: ActivityFilter) {
  districts {
    code
    name
    kind
  }
  byKind: activityStats(filter: $filter, groupBy: [KIND]) {
    kind
    activities
    participations
    attended
    hours
    suppressed
  }
  byMonth: activityStats(filter: $filter, groupBy: [MONTH]) {
    month
    activities
    participations
    attended
    hours
    suppressed
  }
  byDistrict: activityStats(filter: $filter, groupBy: [DISTRICT]) {
    district {
      code
      name
    }
    activities
    participations
    attended
    hours
    suppressed
  }
}
    `) as unknown as TypedDocumentString<ActivityOverviewQuery, ActivityOverviewQueryVariables>;
export const CrossDistrictDocument = new TypedDocumentString(`
    query CrossDistrict {
  crossDistrictMatrix(zeroFilled: true) {
    personDistrict {
      code
      name
    }
    organizationDistrict {
      code
      name
    }
    persons
    memberships
    suppressed
  }
}
    `) as unknown as TypedDocumentString<CrossDistrictQuery, CrossDistrictQueryVariables>;
export const CrossDistrictMembersDocument = new TypedDocumentString(`
    query CrossDistrictMembers($personDistrictCode: String!, $organizationDistrictCode: String!, $first: Int!, $after: String) {
  crossDistrictMembers(
    personDistrictCode: $personDistrictCode
    organizationDistrictCode: $organizationDistrictCode
    first: $first
    after: $after
  ) {
    totalCount
    pageInfo {
      endCursor
      hasNextPage
    }
    edges {
      node {
        id
        role
        startDate
        person {
          id
          name
        }
        organization {
          id
          name
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<CrossDistrictMembersQuery, CrossDistrictMembersQueryVariables>;
export const FeedbackDocument = new TypedDocumentString(`
    query Feedback($filter: FeedbackStatsFilter, $districts: Boolean!) {
  districts {
    code
    name
    kind
  }
  total: feedbackStats(filter: $filter, groupBy: []) {
    count
    open
    overdue
    responded
    respondedOnTime
    suppressed
  }
  byStatus: feedbackStats(filter: $filter, groupBy: [STATUS]) {
    status
    count
    suppressed
  }
  byKind: feedbackStats(filter: $filter, groupBy: [KIND]) {
    kind
    count
    suppressed
  }
  byDistrict: feedbackStats(filter: $filter, groupBy: [DISTRICT]) @include(if: $districts) {
    district {
      code
      name
    }
    count
    overdue
    suppressed
  }
  byMonth: feedbackStats(filter: $filter, groupBy: [MONTH]) {
    month
    count
    suppressed
  }
}
    `) as unknown as TypedDocumentString<FeedbackQuery, FeedbackQueryVariables>;
export const MeDocument = new TypedDocumentString(`
    query Me($id: ID!) {
  person(id: $id) {
    id
    name
    gender
    birthYear
    ethnicity
    politicalAffiliation
    education
    category
    profession
    employer
    position
    returnee
    district {
      name
    }
    street {
      name
    }
    community
    idNumber
    mobile
    status
    registeredOn
  }
}
    `) as unknown as TypedDocumentString<MeQuery, MeQueryVariables>;
export const OwnOrganizationDocument = new TypedDocumentString(`
    query OwnOrganization($id: ID!) {
  organization(id: $id) {
    id
    name
    kind
    district {
      name
    }
    foundedOn
    memberCount
    members(first: 100) {
      totalCount
      edges {
        node {
          id
          role
          startDate
          person {
            id
            name
            employer
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<OwnOrganizationQuery, OwnOrganizationQueryVariables>;
export const OverviewDocument = new TypedDocumentString(`
    query Overview($filter: PersonFilter, $monthFilter: PersonFilter, $streets: Boolean!) {
  districts {
    code
    name
    kind
  }
  total: personStats(filter: $filter, groupBy: []) {
    count
    suppressed
  }
  byDistrict: personStats(filter: $filter, groupBy: [DISTRICT]) {
    district {
      code
      name
    }
    count
    suppressed
  }
  byStreet: personStats(filter: $filter, groupBy: [STREET]) @include(if: $streets) {
    street {
      code
      name
    }
    count
    suppressed
  }
  byCategory: personStats(filter: $filter, groupBy: [CATEGORY]) {
    category
    count
    suppressed
  }
  byAffiliation: personStats(filter: $filter, groupBy: [POLITICAL_AFFILIATION]) {
    politicalAffiliation
    count
    suppressed
  }
  byEducation: personStats(filter: $filter, groupBy: [EDUCATION]) {
    education
    count
    suppressed
  }
  byReturnee: personStats(filter: $filter, groupBy: [RETURNEE]) {
    returnee
    count
    suppressed
  }
  byAgeBand: personStats(filter: $filter, groupBy: [AGE_BAND]) {
    ageBand
    count
    suppressed
  }
  byMonth: personStats(filter: $monthFilter, groupBy: [REGISTERED_MONTH]) {
    registeredMonth
    count
    suppressed
  }
}
    `) as unknown as TypedDocumentString<OverviewQuery, OverviewQueryVariables>;
export const ScorecardDocument = new TypedDocumentString(`
    query Scorecard($year: Int!, $persons: PersonFilter!, $activities: ActivityFilter!, $feedback: FeedbackStatsFilter!) {
  expectations: scorecardExpectations(year: $year) {
    year
    registrations
    activitiesPerMonth
    onTimeRate
    poolCompliant
    defaults
    version
  }
  districts {
    code
    name
    kind
  }
  pools: talentPoolCompliance(year: $year) {
    district {
      code
    }
    count
    compliant
    shortfall
    excess
    suppressed
  }
  registrations: personStats(filter: $persons, groupBy: [DISTRICT]) {
    district {
      code
    }
    count
    suppressed
  }
  activities: activityStats(filter: $activities, groupBy: [DISTRICT]) {
    district {
      code
    }
    activities
  }
  feedback: feedbackStats(filter: $feedback, groupBy: [DISTRICT]) {
    district {
      code
    }
    responded
    respondedOnTime
    suppressed
  }
}
    `) as unknown as TypedDocumentString<ScorecardQuery, ScorecardQueryVariables>;
export const SetScorecardExpectationsDocument = new TypedDocumentString(`
    mutation SetScorecardExpectations($input: SetScorecardExpectationsInput!) {
  setScorecardExpectations(input: $input) {
    expectations {
      year
      registrations
      activitiesPerMonth
      onTimeRate
      poolCompliant
      defaults
      version
    }
  }
}
    `) as unknown as TypedDocumentString<SetScorecardExpectationsMutation, SetScorecardExpectationsMutationVariables>;
export const EvaluationStatsDocument = new TypedDocumentString(`
    query EvaluationStats($year: Int!) {
  total: evaluationStats(year: $year, groupBy: []) {
    evaluations
    persons
    averageComposite
    suppressed
  }
  byDistrict: evaluationStats(year: $year, groupBy: [DISTRICT]) {
    district {
      code
      name
    }
    evaluations
    persons
    averageComposite
    suppressed
  }
  byBand: evaluationStats(year: $year, groupBy: [COMPOSITE_BAND]) {
    compositeBand
    evaluations
    persons
    averageComposite
    suppressed
  }
}
    `) as unknown as TypedDocumentString<EvaluationStatsQuery, EvaluationStatsQueryVariables>;
export const TalentPoolComplianceDocument = new TypedDocumentString(`
    query TalentPoolCompliance($year: Int!) {
  talentPoolCompliance(year: $year) {
    level
    district {
      code
      name
    }
    year
    count
    underReview
    minimum
    maximum
    compliant
    shortfall
    excess
    suppressed
  }
}
    `) as unknown as TypedDocumentString<TalentPoolComplianceQuery, TalentPoolComplianceQueryVariables>;