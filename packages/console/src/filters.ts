import type { PersonCategory } from './gql/graphql';
import { CATEGORY_LABELS } from './labels';

/** The overview's filters, kept in the address's query (`?district=330302&category=PRIVATE_TECH&year=2026`). */
export interface OverviewFilters {
  readonly district: string | null;
  readonly category: PersonCategory | null;
  /** 登记年份: only the persons registered in this year (registeredOn), when set. */
  readonly year?: string | null;
}

const YEAR = /^(19|20)\d\d$/;

const DISTRICT_CODE = /^\d{6}$/;

/** The filters of a query string; unknown or malformed values are dropped, not passed to the API. */
export function readFilters(search: string): OverviewFilters {
  const params = new URLSearchParams(search);
  const district = params.get('district');
  const category = params.get('category');
  const year = params.get('year');
  return {
    district: district && DISTRICT_CODE.test(district) ? district : null,
    category: category && Object.prototype.hasOwnProperty.call(CATEGORY_LABELS, category) ? (category as PersonCategory) : null,
    year: year && YEAR.test(year) ? year : null,
  };
}

/** The query string of `filters` over the rest of `search` (other parameters kept), '' when empty. */
export function writeFilters(search: string, filters: Readonly<Record<string, string | null>>): string {
  const params = new URLSearchParams(search);
  for (const [name, value] of Object.entries(filters)) {
    if (value) params.set(name, value);
    else params.delete(name);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The API's PersonFilter of the filters (a fixed district, such as a district administrator's, wins). */
export function personFilterOf(filters: OverviewFilters, fixedDistrict: string | null = null): PersonStatsFilter {
  const district = fixedDistrict ?? filters.district;
  return {
    ...(district ? { districtCode: district } : {}),
    ...(filters.category ? { category: filters.category } : {}),
    ...(filters.year ? { registeredFrom: `${filters.year}-01-01`, registeredTo: `${filters.year}-12-31` } : {}),
  };
}

/** The API filter of the persons a statistic counts (PersonFilter's fields the console sets). */
export interface PersonStatsFilter {
  districtCode?: string;
  category?: PersonCategory;
  registeredFrom?: string;
  registeredTo?: string;
}

/** How many years 每月登记 shows when no year is chosen: this one and the two before it. */
export const REGISTRATION_YEARS = 3;

/**
 * The filter of 每月登记: the year in the address, or else the last REGISTRATION_YEARS years
 * (from January 1 of the first of them), with the page's district and category.
 */
export function registrationMonthsFilterOf(filters: OverviewFilters, fixedDistrict: string | null = null, now: Date = new Date()): PersonStatsFilter {
  if (filters.year) return personFilterOf(filters, fixedDistrict);
  return { ...personFilterOf(filters, fixedDistrict), registeredFrom: `${now.getFullYear() - REGISTRATION_YEARS + 1}-01-01` };
}

/** The activity page's filters (`?district=330302&year=2026`). */
export interface ActivityFilters {
  readonly district: string | null;
  readonly year: string | null;
}

export function readActivityFilters(search: string): ActivityFilters {
  const params = new URLSearchParams(search);
  const district = params.get('district');
  const year = params.get('year');
  return {
    district: district && DISTRICT_CODE.test(district) ? district : null,
    year: year && YEAR.test(year) ? year : null,
  };
}

/**
 * The API's ActivityFilter: the district (a fixed one winning) and the activities that start in
 * the year, China time (the API's DateTime carries its offset).
 */
export function activityFilterOf(filters: ActivityFilters, fixedDistrict: string | null = null): { districtCode?: string; startsFrom?: string; startsBefore?: string } {
  const district = fixedDistrict ?? filters.district;
  const year = filters.year ? Number(filters.year) : null;
  return {
    ...(district ? { districtCode: district } : {}),
    ...(year ? { startsFrom: `${year}-01-01T00:00:00+08:00`, startsBefore: `${year + 1}-01-01T00:00:00+08:00` } : {}),
  };
}

/** The years a viewer may pick: this one and the four before it, newest first. */
export function recentYears(now: Date = new Date(), count = 5): string[] {
  const year = now.getFullYear();
  return Array.from({ length: count }, (_, i) => String(year - i));
}

/** The API's FeedbackStatsFilter: the district (a fixed one winning) and the feedback submitted in the year (China dates). */
export function feedbackFilterOf(filters: ActivityFilters, fixedDistrict: string | null = null): { districtCode?: string; submittedFrom?: string; submittedTo?: string } {
  const district = fixedDistrict ?? filters.district;
  return {
    ...(district ? { districtCode: district } : {}),
    ...(filters.year ? { submittedFrom: `${filters.year}-01-01`, submittedTo: `${filters.year}-12-31` } : {}),
  };
}

/** This month, YYYY-MM, in China time (the API's months are China's). */
export function monthOf(now: Date = new Date()): string {
  const china = new Date(now.getTime() + 8 * 3_600_000);
  return `${china.getUTCFullYear()}-${String(china.getUTCMonth() + 1).padStart(2, '0')}`;
}

/**
 * The months a monthly chart shows (YYYY-MM, for fillMonths): the year's twelve when one is
 * chosen, else those of `sinceYear` on (null: from the first month with data). `upToNow` ends it
 * at this month (registrations and feedback cannot be in the future; activities can be planned).
 */
export function monthRangeOf(year: string | null | undefined, options: { sinceYear?: number; upToNow: boolean }, now: Date = new Date()): { from: string | null; to: string | null } {
  const current = monthOf(now);
  const cap = (m: string | null) => (options.upToNow && (m === null || m > current) ? current : m);
  if (year) return { from: `${year}-01`, to: cap(`${year}-12`) };
  return { from: options.sinceYear ? `${options.sinceYear}-01` : null, to: cap(null) };
}
