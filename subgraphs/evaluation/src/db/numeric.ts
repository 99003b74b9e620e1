import type { ValueTransformer } from 'typeorm';

/**
 * For decimal columns: MySQL drivers return DECIMAL as a string (to keep its precision), SQLite
 * as a number; the entity always holds a number. The values stored here (scores, weights,
 * composites) have few digits, so a double represents them exactly enough.
 */
export const decimalAsNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? null : Number(value)),
};
