import { registerLabelledEnum } from '@tongxin/common';

/** Which pool (§7): the city's (about 200) or a district's (at least 50). */
export enum PoolLevel {
  CITY = 'CITY',
  DISTRICT = 'DISTRICT',
}

registerLabelledEnum(PoolLevel, 'PoolLevel', '人才库层级', { CITY: '市级', DISTRICT: '县（市、区）级' });

/**
 * ACTIVE: in the pool. UNDER_REVIEW: rolled over from last year by the annual renewal, waiting to
 * be confirmed (confirmTalentPoolEntry) or removed. REMOVED: taken out, with who, when and why;
 * the row stays as history.
 */
export enum PoolEntryStatus {
  ACTIVE = 'ACTIVE',
  UNDER_REVIEW = 'UNDER_REVIEW',
  REMOVED = 'REMOVED',
}

registerLabelledEnum(PoolEntryStatus, 'PoolEntryStatus', '人才库成员状态', { ACTIVE: '在库', UNDER_REVIEW: '待复核', REMOVED: '已调整出库' });
