import { registerLabelledEnum } from '@tongxin/common';

/** What an organization is: an association of people (§9, §10) or a working body (§11). */
export enum OrganizationKind {
  FRIENDSHIP_ASSOCIATION = 'FRIENDSHIP_ASSOCIATION',
  INDUSTRY_ASSOCIATION = 'INDUSTRY_ASSOCIATION',
  COMMUNITY_GROUP = 'COMMUNITY_GROUP',
  JOINT_MEETING = 'JOINT_MEETING',
  JOINT_MEETING_MEMBER_UNIT = 'JOINT_MEETING_MEMBER_UNIT',
  STREET_LEADING_GROUP = 'STREET_LEADING_GROUP',
  COMMUNITY_COORDINATION_GROUP = 'COMMUNITY_COORDINATION_GROUP',
}

export enum OrganizationLevel {
  CITY = 'CITY',
  DISTRICT = 'DISTRICT',
  STREET = 'STREET',
  COMMUNITY = 'COMMUNITY',
}

/** CITY > DISTRICT > STREET > COMMUNITY: a parent is never of a lower level than its child. */
export const LEVEL_RANK: Readonly<Record<OrganizationLevel, number>> = {
  [OrganizationLevel.CITY]: 4,
  [OrganizationLevel.DISTRICT]: 3,
  [OrganizationLevel.STREET]: 2,
  [OrganizationLevel.COMMUNITY]: 1,
};

const ALL_LEVELS = Object.values(OrganizationLevel);

/** The levels at which each kind of organization exists (§9–§11). */
export const LEVELS_BY_KIND: Readonly<Record<OrganizationKind, readonly OrganizationLevel[]>> = {
  [OrganizationKind.FRIENDSHIP_ASSOCIATION]: [OrganizationLevel.CITY, OrganizationLevel.DISTRICT],
  [OrganizationKind.INDUSTRY_ASSOCIATION]: [OrganizationLevel.CITY, OrganizationLevel.DISTRICT],
  [OrganizationKind.COMMUNITY_GROUP]: [OrganizationLevel.COMMUNITY],
  [OrganizationKind.JOINT_MEETING]: [OrganizationLevel.CITY, OrganizationLevel.DISTRICT],
  [OrganizationKind.JOINT_MEETING_MEMBER_UNIT]: ALL_LEVELS,
  [OrganizationKind.STREET_LEADING_GROUP]: [OrganizationLevel.STREET],
  [OrganizationKind.COMMUNITY_COORDINATION_GROUP]: [OrganizationLevel.COMMUNITY],
};

/**
 * The kinds of body an organization may belong to (its parent's kind, §9–§11): associations
 * belong to associations of their kind, a district joint meeting to the city's, a street leading
 * group to its district's joint meeting, a community coordination group to its street's leading
 * group, and a community group to the community's coordination group, the street's leading group
 * or a friendship association. A member unit belongs to its joint meeting.
 */
export const PARENT_KINDS: Readonly<Record<OrganizationKind, readonly OrganizationKind[]>> = {
  [OrganizationKind.FRIENDSHIP_ASSOCIATION]: [OrganizationKind.FRIENDSHIP_ASSOCIATION],
  [OrganizationKind.INDUSTRY_ASSOCIATION]: [OrganizationKind.INDUSTRY_ASSOCIATION],
  [OrganizationKind.COMMUNITY_GROUP]: [OrganizationKind.COMMUNITY_COORDINATION_GROUP, OrganizationKind.STREET_LEADING_GROUP, OrganizationKind.FRIENDSHIP_ASSOCIATION],
  [OrganizationKind.JOINT_MEETING]: [OrganizationKind.JOINT_MEETING],
  [OrganizationKind.JOINT_MEETING_MEMBER_UNIT]: [OrganizationKind.JOINT_MEETING],
  [OrganizationKind.STREET_LEADING_GROUP]: [OrganizationKind.JOINT_MEETING],
  [OrganizationKind.COMMUNITY_COORDINATION_GROUP]: [OrganizationKind.STREET_LEADING_GROUP],
};

/** A member unit's part in its joint meeting (联席会议制度, §11). */
export enum JointMeetingUnitRole {
  /** 牵头单位: convenes the joint meeting (the united-front department). */
  CONVENER = 'CONVENER',
  /** 办公室所在单位: keeps the joint meeting's office and its daily work. */
  OFFICE = 'OFFICE',
  /** 成员单位: an ordinary member unit. */
  MEMBER = 'MEMBER',
}

registerLabelledEnum(OrganizationKind, 'OrganizationKind', '组织类别', {
  FRIENDSHIP_ASSOCIATION: '联谊会',
  INDUSTRY_ASSOCIATION: '行业协会',
  COMMUNITY_GROUP: '社区联谊小组/活动小组',
  JOINT_MEETING: '联席会议',
  JOINT_MEETING_MEMBER_UNIT: '联席会议成员单位',
  STREET_LEADING_GROUP: '街道领导小组',
  COMMUNITY_COORDINATION_GROUP: '社区协调小组',
});
registerLabelledEnum(OrganizationLevel, 'OrganizationLevel', '组织层级', {
  CITY: '市级',
  DISTRICT: '县级',
  STREET: '街道',
  COMMUNITY: '社区',
});
registerLabelledEnum(JointMeetingUnitRole, 'JointMeetingUnitRole', '成员单位职责', {
  CONVENER: '牵头单位',
  OFFICE: '联席会议办公室所在单位',
  MEMBER: '成员单位',
});
