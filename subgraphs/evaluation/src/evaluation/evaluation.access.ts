import { CITY, HeldRecord, RowScopeRule } from '@tongxin/common';
import type { WhereExpressionBuilder } from 'typeorm';

/**
 * Who may read and record evaluations (docs/SECURITY.md, "evaluations, talent pool"): city
 * administrators and analysts read all, city administrators record any; a district administrator
 * reads and records those of their own district's department; association administrators and
 * persons none (an evaluation is no organization's, and is not shown to the person evaluated).
 */
export const EVALUATIONS: RowScopeRule = { what: 'evaluations', association: false, person: false };

/** The city's code: evaluations made by the city's department, and those recorded before districts were kept. */
const CITY_CODE = CITY.code;

/** An evaluation as the scope rules see it: held by the district that made it, or by the city. */
export function heldEvaluation(e: { readonly districtCode: string | null }): HeldRecord {
  return { districtCode: e.districtCode ?? CITY_CODE };
}

/** Limits a statement on `evaluation e` to the rows this district holds: the city's include those recorded before districts were kept (null). */
export function whereHeldBy(qb: WhereExpressionBuilder, districtCode: string): void {
  if (districtCode === CITY_CODE) qb.andWhere('(e.districtCode = :heldBy OR e.districtCode IS NULL)', { heldBy: districtCode });
  else qb.andWhere('e.districtCode = :heldBy', { heldBy: districtCode });
}
