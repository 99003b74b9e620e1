import { InputChecker, likeContains } from '@tongxin/common';
import type { SelectQueryBuilder } from 'typeorm';
import { ActivityEntity } from './activity.entity';
import { ActivityFilter } from './activity.inputs';

/** How DATETIME columns compare with a parameter on both databases (UTC, as TypeORM stores them). */
const sqlDateTime = (d: Date): string => d.toISOString().replace('T', ' ').replace('Z', '');

/** The filter of `activities` and `activityStats`, checked: the organizer id and the text as they are used. */
export interface CheckedActivityFilter {
  readonly districtCode: string | null;
  readonly kind: string | null;
  readonly status: string | null;
  readonly organizerId: string | null;
  readonly startsFrom: Date | null;
  readonly startsBefore: Date | null;
  readonly text: string | null;
}

/** Checks the filter of `activities` and `activityStats` (BAD_USER_INPUT naming `filter.<field>`). */
export function checkActivityFilter(filter: ActivityFilter | null | undefined): CheckedActivityFilter {
  const f = filter ?? {};
  const check = new InputChecker('filter');
  check.district('districtCode', f.districtCode);
  const organizerId = check.id('organizerId', f.organizerId, { required: false });
  const text = check.text('text', f.text, { max: 100 });
  check.throwIfInvalid();
  return {
    districtCode: f.districtCode || null,
    kind: f.kind || null,
    status: f.status || null,
    organizerId: organizerId || null,
    startsFrom: f.startsFrom ?? null,
    startsBefore: f.startsBefore ?? null,
    text: text || null,
  };
}

/**
 * Checks the filter of `activities` and `activityStats` (see `checkActivityFilter`) and limits
 * the statement (activities as `a`) to what it selects.
 */
export function filterActivities(qb: SelectQueryBuilder<ActivityEntity>, filter: ActivityFilter | null | undefined): void {
  const f = checkActivityFilter(filter);
  if (f.districtCode) qb.andWhere('a.districtCode = :districtCode', { districtCode: f.districtCode });
  if (f.kind) qb.andWhere('a.kind = :kind', { kind: f.kind });
  if (f.status) qb.andWhere('a.status = :status', { status: f.status });
  if (f.organizerId) qb.andWhere('a.organizerId = :organizerId', { organizerId: f.organizerId });
  if (f.startsFrom) qb.andWhere('a.startsAt >= :startsFrom', { startsFrom: sqlDateTime(f.startsFrom) });
  if (f.startsBefore) qb.andWhere('a.startsAt < :startsBefore', { startsBefore: sqlDateTime(f.startsBefore) });
  if (f.text) qb.andWhere("a.title LIKE :text ESCAPE '!'", { text: likeContains(f.text) });
}
