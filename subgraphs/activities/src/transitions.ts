import { ConflictError } from '@tongxin/common';

/**
 * CONFLICT unless the transition table allows a record in status `from` to become `to`: names
 * what is allowed instead, or says `whenFinal` when nothing is. `what` names the record
 * ("Activity <id>"), `field` the input field that asked for the change.
 */
export function assertTransition<S extends string>(what: string, table: Readonly<Record<S, readonly S[]>>, from: S, to: S, opts: { field: string; whenFinal: string }): void {
  const allowed = table[from];
  if (allowed.includes(to)) return;
  throw new ConflictError(`${what} is ${from}: it cannot become ${to}` + (allowed.length ? ` (only ${allowed.join(', ')}).` : ` (${opts.whenFinal}).`), {
    field: opts.field,
    currentStatus: from,
  });
}
