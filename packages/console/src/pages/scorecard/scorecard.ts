import { formatCount, formatShare } from '../../format';

/**
 * The city's expectations of each district in a year (policy §16: this work is part of each
 * district's assessment). One place to change them; the scorecard marks a shortfall in red.
 * - pool: the district's talent pool within its quota (talentPoolCompliance: compliant), i.e. 100%;
 * - registrationsPerYear: persons newly registered in the year (registeredOn), at least this many;
 * - activitiesPerMonth: activities held (started) per month of the year so far, at least this many;
 * - onTimeRate: feedback replied to on or before its due date, of those replied to, at least this share.
 */
export const SCORECARD_EXPECTATIONS = {
  poolCompliant: true,
  registrationsPerYear: 1,
  activitiesPerMonth: 1,
  onTimeRate: 0.9,
} as const;

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

/** The scorecard of the year: a row per district (the city itself is not assessed), by code. */
export function scorecardOf(data: ScorecardData, year: number, now: Date = new Date()): ScorecardRow[] {
  const e = SCORECARD_EXPECTATIONS;
  const of = <G extends Coded>(groups: readonly G[], code: string) => groups.find((g) => g.district?.code === code);
  const expectedActivities = e.activitiesPerMonth * monthsSoFar(year, now);
  return data.districts
    .filter((d) => d.kind !== 'CITY')
    .map((d) => d)
    .sort((a, b) => (a.code < b.code ? -1 : 1))
    .map((d) => {
      const p = of(data.pools, d.code);
      const pool: Measure = !p
        ? { text: '无数据', short: true }
        : {
            text: `${p.suppressed || p.count == null ? WITHHELD : formatCount(p.count)} 人，${p.compliant ? '达标' : p.shortfall ? `缺 ${formatCount(p.shortfall)} 人` : p.excess ? `超出 ${formatCount(p.excess)} 人` : '未达标'}`,
            short: p.compliant !== e.poolCompliant,
          };
      const r = of(data.registrations, d.code);
      const registered = r && !r.suppressed ? (r.count ?? 0) : r ? null : 0;
      const registrations: Measure = { text: registered === null ? WITHHELD : `${formatCount(registered)} 人`, short: registered !== null && registered < e.registrationsPerYear };
      const held = of(data.activities, d.code)?.activities ?? 0;
      const activities: Measure = { text: `${formatCount(held)} 场 / 应 ${formatCount(expectedActivities)} 场`, short: held < expectedActivities };
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
export function scorecardSheet(year: number, rows: readonly ScorecardRow[]): (string | number)[][] {
  const e = SCORECARD_EXPECTATIONS;
  return [
    [`${year}年区县考核`],
    [`期望：人才库达标；本年登记至少 ${e.registrationsPerYear} 人；每月至少举办 ${e.activitiesPerMonth} 场活动；按期答复率不低于 ${formatShare(e.onTimeRate, 1)}`],
    [...SCORECARD_COLUMNS],
    ...rows.map((r) => [r.name, r.pool.text, r.registrations.text, r.activities.text, r.onTime.text, r.shortfalls]),
  ];
}
