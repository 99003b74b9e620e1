import { PROVINCE_CODES } from '../regions/provinces.data';

/**
 * The resident identity number of GB 11643-1999: 6 digits of the place where it was first
 * issued, 8 of the birth date, 3 of sequence (odd for men, even for women) and the ISO 7064
 * MOD 11-2 check character. The place part may be any county of China, including codes that
 * GB/T 2260 has since retired, so only its province is checked.
 */
export interface IdNumberFacts {
  readonly idNumber: string;
  readonly regionCode: string;
  readonly birthDate: string;
  readonly gender: 'MALE' | 'FEMALE';
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** The check character for the first 17 digits. */
export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

export function isRealDate(yyyymmdd: string): boolean {
  if (!/^\d{8}$/.test(yyyymmdd)) return false;
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * Checks an ID number and returns what it says, or the reason it is wrong, in words a clerk
 * understands. `today` is `YYYY-MM-DD` (injectable for tests).
 */
export function parseIdNumber(raw: string, today: string = new Date().toISOString().slice(0, 10)): IdNumberFacts | { error: string } {
  const value = raw.trim().toUpperCase();
  if (/^\d{15}$/.test(value)) {
    return { error: 'is a 15-digit number of the first generation card; enter the 18-digit number' };
  }
  if (!/^\d{17}[\dX]$/.test(value)) {
    return { error: 'must be 18 characters: 17 digits and a final digit or X' };
  }
  if (PROVINCE_CODES[value.slice(0, 2)] === undefined) {
    return { error: `starts with ${value.slice(0, 2)}, which is no province code` };
  }
  const birth = value.slice(6, 14);
  if (!isRealDate(birth)) return { error: `holds ${birth} as birth date, which is no real date` };
  const birthDate = `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`;
  if (birthDate > today) return { error: `holds a birth date in the future (${birthDate})` };
  if (birthDate < '1900-01-01') return { error: `holds a birth date before 1900 (${birthDate})` };
  const expected = idNumberCheckChar(value.slice(0, 17));
  if (value[17] !== expected) return { error: 'has a wrong check character: a digit was probably mistyped' };
  const gender = Number(value[16]) % 2 === 1 ? 'MALE' : 'FEMALE';
  return { idNumber: value, regionCode: value.slice(0, 6), birthDate, gender };
}

/** Builds a valid number (demo data, tests). `sequence` is 0..999; its parity sets the gender. */
export function makeIdNumber(regionCode: string, birthDate: string, sequence: number): string {
  const first17 = `${regionCode}${birthDate.replace(/-/g, '')}${String(sequence).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}
