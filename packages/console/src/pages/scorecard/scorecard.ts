import { formatCount, formatShare } from '../../format';

/**
 * The city's expectations of each district in a year (policy §16: this work is part of each
 * district's assessment), as the API keeps them (scorecardExpectations: set by the city
 * administrator, the defaults otherwise), so that everyone who looks judges alike.
 * - poolCompliant: the district's talent pool within its quota (talentPoolCompliance: compliant);
 * - registrations: persons newly registered in the year (registeredOn), at least this many;
 * - activitiesPerMonth: activities held (started) per month of the year so far, at least this many;
 * - onTimeRate: feedback replied to on or before its due date, of those replied to, at least this share.
 */
export interface ScorecardExpectations {
  readonly registrations: number;
  readonly activitiesPerMonth: number;
  readonly onTimeRate: number;
  readonly poolCompliant: boolean;
  /** True when the city has set none for the year (the API's defaults). */
  readonly defaults?: boolean;
}

/** The expectations in words, as the page and the download show them. */
export function expectationsText(e: ScorecardExpectations): string {
  return [
    e.poolCompliant ? '人才库达标' : '人才库不作要求',
    `本年登记至少 ${formatCount(e.registrations)} 人`,
    `每月至少举办 ${e.activitiesPerMonth} 场活动`,
    `按期答复率不低于 ${formatRate(e.onTimeRate)}`,
  ].join('；');
}

/** A share as a percentage with up to 2 decimals: 0.9 as 90%, 0.875 as 87.5%. */
export function formatRate(rate: number): string {
  return `${Number((rate * 100).toFixed(2))}%`;
}

/** The activities expected of a district: per month times the months so far, rounded up to whole activities. */
export function expectedActivities(e: ScorecardExpectations, year: number, now: Date = new Date()): number {
  return Math.ceil(Number((e.activitiesPerMonth * monthsSoFar(year, now)).toFixed(6)));
}

/** The months of `year` that have begun by `now` (12 for a past year, 0 for a future one). */
export function monthsSoFar(year: number, now: Date = new Date()): number {
  if (year < now.getFullYear()) return 12;
  if (year > now.getFullYear()) return 0;
  return now.getMonth() + 1;
}

/** The filters of the year: registered, started and submitted from January 1 to December 31 (China time). */
export function scorecardVariables(year: number) {
  return {
    year,
    persons: { registeredFrom: `${year}-01-01`, registeredTo: `${year}-12-31` },
    activities: { startsFrom: `${year}-01-01T00:00:00+08:00`, startsBefore: `${year + 1}-01-01T00:00:00+08:00` },
    feedback: { submittedFrom: `${year}-01-01`, submittedTo: `${year}-12-31` },
  };
}

/** One measure of a district: what it shows and whether it falls short of the expectation. */
export interface Measure {
  readonly text: string;
  readonly short: boolean;
}

export interface ScorecardRow {
  readonly code: string;
  readonly name: string;
  readonly pool: Measure;
  readonly registrations: Measure;
  readonly activities: Measure;
  readonly onTime: Measure;
  /** How many of the four fall short. */
  readonly shortfalls: number;
}

interface Coded {
  readonly district?: { readonly code: string } | null;
}

export interface ScorecardData {
  readonly districts: readonly { readonly code: string; readonly name: string; readonly kind: string }[];
  readonly pools: readonly (Coded & { count?: number | null; compliant: boolean; shortfall?: number | null; excess?: number | null; suppressed: boolean })[];
  readonly registrations: readonly (Coded & { count?: number | null; suppressed: boolean })[];
  readonly activities: readonly (Coded & { activities: number })[];
  readonly feedback: readonly (Coded & { responded?: number | null; respondedOnTime?: number | null; suppressed: boolean })[];
}

const WITHHELD = '<5';

/** The scorecard of the year against the city's expectations `e`: a row per district (the city itself is not assessed), by code. */
export function scorecardOf(data: ScorecardData, year: number, e: ScorecardExpectations, now: Date = new Date()): ScorecardRow[] {
  const of = <G extends Coded>(groups: readonly G[], code: string) => groups.find((g) => g.district?.code === code);
  const expected = expectedActivities(e, year, now);
  return data.districts
    .filter((d) => d.kind !== 'CITY')
    .map((d) => d)
    .sort((a, b) => (a.code < b.code ? -1 : 1))
    .map((d) => {
      const p = of(data.pools, d.code);
      const pool: Measure = !p
        ? { text: '无数据', short: e.poolCompliant }
        : {
            text: `${p.suppressed || p.count == null ? WITHHELD : formatCount(p.count)} 人，${p.compliant ? '达标' : p.shortfall ? `缺 ${formatCount(p.shortfall)} 人` : p.excess ? `超出 ${formatCount(p.excess)} 人` : '未达标'}`,
            short: e.poolCompliant && !p.compliant,
          };
      const r = of(data.registrations, d.code);
      const registered = r && !r.suppressed ? (r.count ?? 0) : r ? null : 0;
      const registrations: Measure = { text: registered === null ? WITHHELD : `${formatCount(registered)} 人`, short: registered !== null && registered < e.registrations };
      const held = of(data.activities, d.code)?.activities ?? 0;
      const activities: Measure = { text: `${formatCount(held)} 场 / 应 ${formatCount(expected)} 场`, short: held < expected };
      const f = of(data.feedback, d.code);
      const replied = f && !f.suppressed ? f.responded : null;
      const onTimeCount = f && !f.suppressed ? f.respondedOnTime : null;
      const onTime: Measure =
        !f || (!f.suppressed && (f.responded ?? 0) === 0)
          ? { text: '无答复', short: false }
          : replied == null || onTimeCount == null
            ? { text: WITHHELD, short: false }
            : { text: `${formatShare(onTimeCount, replied)}（${formatCount(onTimeCount)}/${formatCount(replied)}）`, short: onTimeCount / replied < e.onTimeRate };
      const shortfalls = [pool, registrations, activities, onTime].filter((m) => m.short).length;
      return { code: d.code, name: d.name, pool, registrations, activities, onTime, shortfalls };
    });
}

export const SCORECARD_COLUMNS = ['区县', '人才库', '本年登记', '举办活动', '按期答复率', '未达标项'] as const;

/** The scorecard as an .xlsx sheet: a title, the expectations, the header, a row per district. */
export function scorecardSheet(year: number, rows: readonly ScorecardRow[], e: ScorecardExpectations): (string | number)[][] {
  return [
    [`${year}年区县考核`],
    [`考核标准${e.defaults ? '（默认）' : ''}：${expectationsText(e)}`],
    [...SCORECARD_COLUMNS],
    ...rows.map((r) => [r.name, r.pool.text, r.registrations.text, r.activities.text, r.onTime.text, r.shortfalls]),
  ];
}
