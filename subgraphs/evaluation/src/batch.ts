import { FieldError, ForbiddenError, InputChecker, RowScope, scopeRefusal, UserInputError, Viewer } from '@tongxin/common';

/** A batch row's key that no two rows may share: the field a repeat is reported on, and what it repeats. */
export interface UniqueRows<R> {
  readonly key: (record: R) => string;
  readonly field: string;
  readonly what: string;
}

/**
 * Checks every row of a batch (the bulk methods: demo data, scripts) before anything is written:
 * each problem named `rows[i].field`, a row repeating the `unique` key of an earlier one refused,
 * all of them in one BAD_USER_INPUT; then a row of a district outside the viewer's write scope is
 * FORBIDDEN, naming the row. Returns the records in row order and the row of each unique key.
 */
export function checkRows<D, R extends { readonly districtCode: string }>(
  drafts: readonly D[],
  checkRow: (check: InputChecker, draft: D) => R | null,
  write: { scope: RowScope; viewer: Viewer; doing: string },
  unique?: UniqueRows<R>,
): { records: R[]; rowOfKey: Map<string, number> } {
  const errors: FieldError[] = [];
  const records: R[] = [];
  const rowOfKey = new Map<string, number>();
  drafts.forEach((draft, i) => {
    const check = new InputChecker(`rows[${i}]`);
    const record = checkRow(check, draft);
    errors.push(...check.errors);
    if (!record) return;
    if (unique) {
      const key = unique.key(record);
      const first = rowOfKey.get(key);
      if (first !== undefined) errors.push({ field: `rows[${i}].${unique.field}`, message: `repeats ${unique.what} of rows[${first}]` });
      else rowOfKey.set(key, i);
    }
    records.push(record);
  });
  if (errors.length) throw new UserInputError(errors);
  records.forEach((r, i) => {
    const refusal = scopeRefusal(write.scope, write.viewer, { districtCode: r.districtCode }, write.doing);
    if (refusal) throw new ForbiddenError(`rows[${i}]: ${refusal.message}`);
  });
  return { records, rowOfKey };
}
