import { registerLabelledEnum } from '@tongxin/common';
import { OrganizationKind } from '../organization/organization.enums';

export enum MembershipRole {
  PRESIDENT = 'PRESIDENT',
  VICE_PRESIDENT = 'VICE_PRESIDENT',
  SECRETARY_GENERAL = 'SECRETARY_GENERAL',
  DIRECTOR = 'DIRECTOR',
  LEADER = 'LEADER',
  DEPUTY_LEADER = 'DEPUTY_LEADER',
  LIAISON = 'LIAISON',
  MEMBER = 'MEMBER',
}

const ASSOCIATION_ROLES = [MembershipRole.PRESIDENT, MembershipRole.VICE_PRESIDENT, MembershipRole.SECRETARY_GENERAL, MembershipRole.DIRECTOR, MembershipRole.MEMBER] as const;

const WORKING_BODY_ROLES = [MembershipRole.LEADER, MembershipRole.DEPUTY_LEADER, MembershipRole.LIAISON, MembershipRole.MEMBER] as const;

/** Associations and community groups have officers; working bodies have leaders and liaisons. */
export const ROLES_BY_KIND: Readonly<Record<OrganizationKind, readonly MembershipRole[]>> = {
  [OrganizationKind.FRIENDSHIP_ASSOCIATION]: ASSOCIATION_ROLES,
  [OrganizationKind.INDUSTRY_ASSOCIATION]: ASSOCIATION_ROLES,
  [OrganizationKind.COMMUNITY_GROUP]: ASSOCIATION_ROLES,
  [OrganizationKind.JOINT_MEETING]: WORKING_BODY_ROLES,
  [OrganizationKind.JOINT_MEETING_MEMBER_UNIT]: WORKING_BODY_ROLES,
  [OrganizationKind.STREET_LEADING_GROUP]: WORKING_BODY_ROLES,
  [OrganizationKind.COMMUNITY_COORDINATION_GROUP]: WORKING_BODY_ROLES,
};

/** The Chinese name of each role, as the register writes it. */
export const ROLE_LABELS: Readonly<Record<MembershipRole, string>> = {
  PRESIDENT: '会长',
  VICE_PRESIDENT: '副会长',
  SECRETARY_GENERAL: '秘书长',
  DIRECTOR: '理事',
  LEADER: '组长',
  DEPUTY_LEADER: '副组长',
  LIAISON: '联络员',
  MEMBER: '会员/成员',
};

registerLabelledEnum(MembershipRole, 'MembershipRole', '职务', ROLE_LABELS);
