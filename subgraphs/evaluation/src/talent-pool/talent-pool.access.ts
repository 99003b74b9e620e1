import { HeldRecord, RowScopeRule } from '@tongxin/common';

/**
 * Who may read and change talent pool entries (docs/SECURITY.md): city administrators all;
 * a district administrator their district's pool (read and write), not the city pool (whose
 * members come from every district: they read its size through talentPoolCompliance, an
 * aggregate); analysts read all; association administrators and persons none.
 */
export const TALENT_POOL: RowScopeRule = { what: 'talent pool entries', association: false, person: false };

/** An entry is held by the district whose pool it is (330300: the city pool). */
export function heldEntry(e: { readonly districtCode: string }): HeldRecord {
  return { districtCode: e.districtCode };
}
