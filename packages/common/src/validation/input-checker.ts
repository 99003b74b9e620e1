import { FieldError, UserInputError } from '../errors';
import { findDistrict, findStreet, isCountyLevelCode } from '../regions/districts';
import { isRealDate } from './id-number';

export interface TextRule {
  required?: boolean;
  max: number;
  min?: number;
  pattern?: RegExp;
  patternMessage?: string;
}

// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's purpose
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Collects every problem of one input before anything is written, so a user sees all of them
 * at once, each under the path of its field (`input.idNumber`). Services call it; the bulk
 * import reuses it row by row.
 */
export class InputChecker {
  readonly errors: FieldError[] = [];

  constructor(private readonly prefix = 'input') {}

  path(field: string): string {
    return this.prefix ? `${this.prefix}.${field}` : field;
  }

  fail(field: string, message: string): void {
    this.errors.push({ field: this.path(field), message });
  }

  get ok(): boolean {
    return this.errors.length === 0;
  }

  /** Trims; `undefined` stays undefined (not given), an empty string counts as not given. */
  text(field: string, value: string | null | undefined, rule: TextRule): string | undefined {
    if (value === undefined || value === null || value.trim() === '') {
      if (rule.required) this.fail(field, 'is required');
      return value === null ? undefined : value === undefined ? undefined : '';
    }
    const text = value.trim();
    const length = [...text].length;
    if (length > rule.max) this.fail(field, `is ${length} characters long; at most ${rule.max} are allowed`);
    else if (rule.min !== undefined && length < rule.min) this.fail(field, `must be at least ${rule.min} characters long`);
    else if (CONTROL_CHARS.test(text)) this.fail(field, 'contains control characters');
    else if (rule.pattern && !rule.pattern.test(text)) this.fail(field, rule.patternMessage ?? 'has the wrong format');
    return text;
  }

  /** A `YYYY-MM-DD` date that exists; optionally not after `notAfter`. */
  date(field: string, value: string | null | undefined, opts: { required?: boolean; notAfter?: string; notBefore?: string } = {}): string | undefined {
    if (value === undefined || value === null || value === '') {
      if (opts.required) this.fail(field, 'is required');
      return undefined;
    }
    if (!DATE.test(value) || !isRealDate(value.replace(/-/g, ''))) {
      this.fail(field, `must be a real date written YYYY-MM-DD, not "${value}"`);
      return undefined;
    }
    if (opts.notAfter && value > opts.notAfter) this.fail(field, `must not be after ${opts.notAfter}`);
    if (opts.notBefore && value < opts.notBefore) this.fail(field, `must not be before ${opts.notBefore}`);
    return value;
  }

  int(field: string, value: number | null | undefined, opts: { required?: boolean; min?: number; max?: number } = {}): number | undefined {
    if (value === undefined || value === null) {
      if (opts.required) this.fail(field, 'is required');
      return undefined;
    }
    if (!Number.isInteger(value)) this.fail(field, 'must be a whole number');
    else if (opts.min !== undefined && value < opts.min) this.fail(field, `must be at least ${opts.min}`);
    else if (opts.max !== undefined && value > opts.max) this.fail(field, `must be at most ${opts.max}`);
    return value;
  }

  number(field: string, value: number | null | undefined, opts: { required?: boolean; min?: number; max?: number; decimals?: number } = {}): number | undefined {
    if (value === undefined || value === null) {
      if (opts.required) this.fail(field, 'is required');
      return undefined;
    }
    if (!Number.isFinite(value)) this.fail(field, 'must be a number');
    else if (opts.min !== undefined && value < opts.min) this.fail(field, `must be at least ${opts.min}`);
    else if (opts.max !== undefined && value > opts.max) this.fail(field, `must be at most ${opts.max}`);
    else if (opts.decimals !== undefined && decimalPlaces(value) > opts.decimals) {
      this.fail(field, `may have at most ${opts.decimals} decimal places`);
    }
    return value;
  }

  /** One of the allowed values of an enum (input that did not pass through GraphQL, e.g. imports). */
  oneOf<T extends string>(field: string, value: string | null | undefined, allowed: Readonly<Record<string, T>>, opts: { required?: boolean } = {}): T | undefined {
    if (value === undefined || value === null || value === '') {
      if (opts.required) this.fail(field, 'is required');
      return undefined;
    }
    const values = Object.values(allowed);
    if (!values.includes(value as T)) {
      this.fail(field, `"${truncate(value)}" is not one of ${values.join(', ')}`);
      return undefined;
    }
    return value as T;
  }

  /** An opaque entity id as this platform issues them (a UUID). */
  id(field: string, value: string | null | undefined, opts: { required?: boolean } = { required: true }): string | undefined {
    if (value === undefined || value === null || value === '') {
      if (opts.required) this.fail(field, 'is required');
      return undefined;
    }
    if (!isId(value)) {
      this.fail(field, `"${truncate(value)}" is not a valid id`);
      return undefined;
    }
    return value.toLowerCase();
  }

  /** A district code of the fixed list; `countyLevel` refuses the city itself. */
  district(field: string, code: string | null | undefined, opts: { required?: boolean; countyLevel?: boolean } = {}): string | undefined {
    if (code === undefined || code === null || code === '') {
      if (opts.required) this.fail(field, 'is required');
      return undefined;
    }
    if (!findDistrict(code)) {
      this.fail(field, `"${truncate(code)}" is not a district of 温州市 (codes 330300, 330302 … 330383)`);
      return undefined;
    }
    if (opts.countyLevel && !isCountyLevelCode(code)) {
      this.fail(field, 'must be one of the 12 county-level units, not the city itself');
      return undefined;
    }
    return code;
  }

  /** A street code that lies in the given district. */
  street(field: string, code: string | null | undefined, districtCode: string | undefined): string | undefined {
    if (code === undefined || code === null || code === '') return undefined;
    const street = findStreet(code);
    if (!street) {
      this.fail(field, `"${truncate(code)}" is not a street or town code of 温州市`);
      return undefined;
    }
    if (districtCode && street.districtCode !== districtCode) {
      this.fail(field, `${street.name} (${code}) does not lie in district ${districtCode}`);
      return undefined;
    }
    return code;
  }

  throwIfInvalid(): void {
    if (this.errors.length) throw new UserInputError(this.errors);
  }
}

/**
 * How many decimal places a number has as written: counted on its shortest decimal form (what
 * JSON and GraphQL carry: 0.29 has 2), never by scaling in floating point (0.29 * 100 is
 * 28.999999999999996).
 */
export function decimalPlaces(value: number): number {
  const m = /^-?\d+(?:\.(\d+))?(?:e([+-]\d+))?$/i.exec(String(value));
  if (!m) return Number.POSITIVE_INFINITY;
  return Math.max(0, (m[1]?.length ?? 0) - Number(m[2] ?? 0));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isId(value: string): boolean {
  return UUID.test(value);
}

function truncate(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}

/** An optional value as stored: absent or empty text becomes null. */
export const emptyToNull = <T>(v: T | undefined | ''): T | null => (v === undefined || v === '' ? null : v);
