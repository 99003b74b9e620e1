import type { ValueTransformer } from 'typeorm';

/**
 * For DECIMAL columns: MySQL drivers return them as strings (to keep their precision), SQLite as
 * numbers; the entity always holds a number. Our decimals (scores, weights, hours) have few
 * digits, so a double holds them exactly enough.
 */
export const decimalAsNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? null : Number(value)),
};
