/**
 * What the bulk methods (createMany, addMany: demo data) share. They look up what their rows
 * name (`distinctIds`), check every row (`checkRows`), then hold each row to the rule of the
 * one-row mutation (`refuseFirstRow`), before anything is written.
 */
import { FieldError, ForbiddenError, InputChecker, isId, UserInputError } from '@tongxin/common';

/** A well-formed id in lower case, or null for anything else (the row checks say what is wrong with it). */
export function lowerId(value: unknown): string | null {
  return typeof value === 'string' && isId(value) ? value.toLowerCase() : null;
}

/** The well-formed ids among these values, lower-cased, each once. */
export function distinctIds(values: readonly unknown[]): string[] {
  return [...new Set(values.map(lowerId).filter((id): id is string => id !== null))];
}

/**
 * Checks every row with `checkRow` (its problems named `rows[i].field`) and returns what it made
 * of each valid row, with the row's number; BAD_USER_INPUT naming every problem of every row
 * when there is any.
 */
export function checkRows<D, T extends object>(drafts: readonly D[], checkRow: (check: InputChecker, draft: D, row: number) => T | null): Array<T & { row: number }> {
  const errors: FieldError[] = [];
  const checked: Array<T & { row: number }> = [];
  drafts.forEach((draft, row) => {
    const check = new InputChecker(`rows[${row}]`);
    const result = checkRow(check, draft, row);
    errors.push(...check.errors);
    if (result) checked.push({ ...result, row });
  });
  if (errors.length) throw new UserInputError(errors);
  return checked;
}

/** The rule of the one-row mutation, row by row: the first refused row refuses the batch (FORBIDDEN naming it). */
export function refuseFirstRow<T extends { row: number }>(rows: readonly T[], refusalOf: (row: T) => ForbiddenError | null): void {
  for (const r of rows) {
    const refusal = refusalOf(r);
    if (refusal) throw new ForbiddenError(`rows[${r.row}]: ${refusal.message}`);
  }
}
