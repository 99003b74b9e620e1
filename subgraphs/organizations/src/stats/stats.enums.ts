import { registerLabelledEnum } from '@tongxin/common';

/** What organizationStats groups by; several together give their combinations. */
export enum OrganizationStatsDimension {
  DISTRICT = 'DISTRICT',
  KIND = 'KIND',
  LEVEL = 'LEVEL',
}

registerLabelledEnum(OrganizationStatsDimension, 'OrganizationStatsDimension', '统计维度', {
  DISTRICT: '县（市、区）',
  KIND: '组织类别',
  LEVEL: '组织层级',
});
