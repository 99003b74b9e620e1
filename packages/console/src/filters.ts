import type { PersonCategory } from './gql/graphql';
import { CATEGORY_LABELS } from './labels';

/** The overview's filters, kept in the address's query (`?district=330302&category=PRIVATE_TECH`). */
export interface OverviewFilters {
  readonly district: string | null;
  readonly category: PersonCategory | null;
}

const DISTRICT_CODE = /^\d{6}$/;

/** The filters of a query string; unknown or malformed values are dropped, not passed to the API. */
export function readFilters(search: string): OverviewFilters {
  const params = new URLSearchParams(search);
  const district = params.get('district');
  const category = params.get('category');
  return {
    district: district && DISTRICT_CODE.test(district) ? district : null,
    category: category && Object.prototype.hasOwnProperty.call(CATEGORY_LABELS, category) ? (category as PersonCategory) : null,
  };
}

/** The query string of `filters` over the rest of `search` (other parameters kept), '' when empty. */
export function writeFilters(search: string, filters: OverviewFilters): string {
  const params = new URLSearchParams(search);
  for (const [name, value] of Object.entries(filters) as [keyof OverviewFilters, string | null][]) {
    if (value) params.set(name, value);
    else params.delete(name);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The API's PersonFilter of the filters (a fixed district, such as a district administrator's, wins). */
export function personFilterOf(filters: OverviewFilters, fixedDistrict: string | null = null): { districtCode?: string; category?: PersonCategory } {
  const district = fixedDistrict ?? filters.district;
  return { ...(district ? { districtCode: district } : {}), ...(filters.category ? { category: filters.category } : {}) };
}
