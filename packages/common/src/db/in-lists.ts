import type { RowScope } from '../auth/access';
import type { WhereExpressionBuilder } from 'typeorm';

/** How many values one `IN (…)` list carries: MySQL estimates worse past a few hundred (ENGINEERING.md). */
export const IN_LIST_CHUNK = 500;

/** The items in consecutive slices of at most `size` (an `IN (…)` list or a multi-row INSERT each). */
export function* chunksOf<T>(items: readonly T[], size: number = IN_LIST_CHUNK): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/**
 * Limits a statement to the rows of a read scope for records held by a district (evaluations,
 * talent pool entries, political arrangements): all, one district (`heldBy` decides how a district
 * holds a row; by default `<districtColumn> = code`), or none — organizations and persons hold no
 * such records. A 'none' scope is refused before the statement is built.
 */
export function limitToDistrictScope(
  qb: WhereExpressionBuilder,
  districtColumn: string,
  scope: RowScope,
  heldBy: (qb: WhereExpressionBuilder, districtCode: string) => void = (q, code) => q.andWhere(`${districtColumn} = :heldBy`, { heldBy: code }),
): void {
  if (scope.kind === 'all') return;
  if (scope.kind === 'district') heldBy(qb, scope.districtCode);
  else qb.andWhere('1 = 0');
}
