import { STREET_ROWS } from './streets.data';

/** How a unit of the city's territory is classified in GB/T 2260. */
export enum DistrictKind {
  CITY = 'CITY',
  URBAN_DISTRICT = 'URBAN_DISTRICT',
  COUNTY = 'COUNTY',
  COUNTY_LEVEL_CITY = 'COUNTY_LEVEL_CITY',
}

export const DISTRICT_KIND_LABELS: Record<DistrictKind, string> = {
  [DistrictKind.CITY]: '地级市',
  [DistrictKind.URBAN_DISTRICT]: '市辖区',
  [DistrictKind.COUNTY]: '县',
  [DistrictKind.COUNTY_LEVEL_CITY]: '县级市',
};

export interface DistrictInfo {
  readonly code: string;
  readonly name: string;
  readonly kind: DistrictKind;
}

export interface StreetInfo {
  readonly code: string;
  readonly name: string;
  readonly districtCode: string;
}

/** 温州市 itself: organizations and pools at city level belong to it. */
export const CITY: DistrictInfo = { code: '330300', name: '温州市', kind: DistrictKind.CITY };

/** The city's 12 county-level units (GB/T 2260). */
export const COUNTY_LEVEL_UNITS: readonly DistrictInfo[] = [
  { code: '330302', name: '鹿城区', kind: DistrictKind.URBAN_DISTRICT },
  { code: '330303', name: '龙湾区', kind: DistrictKind.URBAN_DISTRICT },
  { code: '330304', name: '瓯海区', kind: DistrictKind.URBAN_DISTRICT },
  { code: '330305', name: '洞头区', kind: DistrictKind.URBAN_DISTRICT },
  { code: '330324', name: '永嘉县', kind: DistrictKind.COUNTY },
  { code: '330326', name: '平阳县', kind: DistrictKind.COUNTY },
  { code: '330327', name: '苍南县', kind: DistrictKind.COUNTY },
  { code: '330328', name: '文成县', kind: DistrictKind.COUNTY },
  { code: '330329', name: '泰顺县', kind: DistrictKind.COUNTY },
  { code: '330381', name: '瑞安市', kind: DistrictKind.COUNTY_LEVEL_CITY },
  { code: '330382', name: '乐清市', kind: DistrictKind.COUNTY_LEVEL_CITY },
  { code: '330383', name: '龙港市', kind: DistrictKind.COUNTY_LEVEL_CITY },
];

/** The city and its county-level units: the fixed District list every subgraph shares. */
export const DISTRICTS: readonly DistrictInfo[] = [CITY, ...COUNTY_LEVEL_UNITS];

const districtByCode = new Map(DISTRICTS.map((d) => [d.code, d]));

export const STREETS: readonly StreetInfo[] = STREET_ROWS.map(([code, name, districtCode]) => ({
  code,
  name,
  districtCode,
}));

const streetByCode = new Map(STREETS.map((s) => [s.code, s]));

export function findDistrict(code: string): DistrictInfo | undefined {
  return districtByCode.get(code);
}

/** A county-level unit (not the city itself): where a person is registered. */
export function isCountyLevelCode(code: string): boolean {
  const d = districtByCode.get(code);
  return d !== undefined && d.kind !== DistrictKind.CITY;
}

export function findStreet(code: string): StreetInfo | undefined {
  return streetByCode.get(code);
}

export function streetsOf(districtCode: string): StreetInfo[] {
  return STREETS.filter((s) => s.districtCode === districtCode);
}
