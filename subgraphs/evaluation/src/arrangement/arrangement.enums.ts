import { registerLabelledEnum } from '@tongxin/common';

export enum ArrangementKind {
  PEOPLES_CONGRESS_DEPUTY = 'PEOPLES_CONGRESS_DEPUTY',
  CPPCC_MEMBER = 'CPPCC_MEMBER',
  ORGANIZATION_LEADER = 'ORGANIZATION_LEADER',
}

registerLabelledEnum(ArrangementKind, 'ArrangementKind', '政治安排类别', {
  PEOPLES_CONGRESS_DEPUTY: '人大代表',
  CPPCC_MEMBER: '政协委员',
  ORGANIZATION_LEADER: '人民团体、行业组织领导职务',
});

export enum ArrangementLevel {
  NATIONAL = 'NATIONAL',
  PROVINCIAL = 'PROVINCIAL',
  CITY = 'CITY',
  DISTRICT = 'DISTRICT',
}

registerLabelledEnum(ArrangementLevel, 'ArrangementLevel', '政治安排层级', { NATIONAL: '全国', PROVINCIAL: '省级', CITY: '市级', DISTRICT: '县（市、区）级' });

/**
 * RECOMMENDED → APPOINTED or WITHDRAWN; APPOINTED → ENDED. ENDED and WITHDRAWN are final.
 */
export enum ArrangementStatus {
  RECOMMENDED = 'RECOMMENDED',
  APPOINTED = 'APPOINTED',
  ENDED = 'ENDED',
  WITHDRAWN = 'WITHDRAWN',
}

registerLabelledEnum(ArrangementStatus, 'ArrangementStatus', '政治安排状态', { RECOMMENDED: '已推荐', APPOINTED: '已任', ENDED: '已届满/卸任', WITHDRAWN: '推荐已撤回' });

export const ARRANGEMENT_TRANSITIONS: Readonly<Record<ArrangementStatus, readonly ArrangementStatus[]>> = {
  RECOMMENDED: [ArrangementStatus.APPOINTED, ArrangementStatus.WITHDRAWN],
  APPOINTED: [ArrangementStatus.ENDED],
  ENDED: [],
  WITHDRAWN: [],
};
