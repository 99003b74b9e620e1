import { formatCount } from './format';
import { monthLabel } from './labels';

/** The smallest group shown (the API's default minimum): a suppressed group reads "<5". */
export const SUPPRESSION_MINIMUM = 5;

/** One group of a statistic as the console shows it: its label, its count (null when suppressed). */
export interface StatRow {
  readonly key: string;
  readonly label: string;
  readonly count: number | null;
  readonly suppressed: boolean;
}

/** A statistic's groups as the API answers them: a count that is null when suppressed. */
export interface ApiGroup {
  readonly count?: number | null;
  readonly suppressed: boolean;
}

/** The label of the one row that stands for every group too small to show. */
export const SUPPRESSED_LABEL = '其他小组（人数过少，不予显示）';

/** How a count is written in tables and tooltips: "<5" for a suppressed group, 12,345 otherwise. */
export function displayCount(row: Pick<StatRow, 'count' | 'suppressed'>): string {
  if (row.suppressed || row.count === null) return `<${SUPPRESSION_MINIMUM}`;
  return formatCount(row.count);
}

/**
 * The API's groups as rows: each labelled by `label` (its dimension's Chinese name, or 未填写 when
 * not recorded), the suppressed row last with SUPPRESSED_LABEL, the others by count, largest first
 * unless `keepOrder`.
 */
export function toRows<G extends ApiGroup>(groups: readonly G[], keyOf: (g: G) => string | null | undefined, label: (key: string) => string, keepOrder = false): StatRow[] {
  const shown: StatRow[] = [];
  const hidden: StatRow[] = [];
  for (const g of groups) {
    if (g.suppressed) {
      hidden.push({ key: '__suppressed__', label: SUPPRESSED_LABEL, count: null, suppressed: true });
      continue;
    }
    const key = keyOf(g);
    shown.push({ key: key ?? '__none__', label: key == null ? '未填写' : label(key), count: g.count ?? null, suppressed: false });
  }
  if (!keepOrder) shown.sort((a, b) => (b.count ?? 0) - (a.count ?? 0));
  return [...shown, ...hidden];
}

/** The total of the counts shown (suppressed groups are not in it); null when every group is suppressed. */
export function shownTotal(rows: readonly StatRow[]): number | null {
  const counted = rows.filter((r) => !r.suppressed && r.count !== null);
  return counted.length ? counted.reduce((sum, r) => sum + (r.count ?? 0), 0) : rows.length ? null : 0;
}

/** The rows as an .xlsx sheet: a header, then the label and count (or "<5") of each. */
export function sheetOf(title: string, dimension: string, rows: readonly StatRow[], measure = '人数'): (string | number)[][] {
  return [[title], [dimension, measure], ...rows.map((r) => [r.label, r.suppressed || r.count === null ? `<${SUPPRESSION_MINIMUM}` : r.count])];
}

/** The rows in the order of an enum's values (education from the lowest up), unknown and suppressed ones last. */
export function inOrderOf(labels: Readonly<Record<string, string>>, rows: readonly StatRow[]): StatRow[] {
  const order = Object.keys(labels);
  const rank = (r: StatRow) => (r.suppressed ? order.length + 1 : order.includes(r.key) ? order.indexOf(r.key) : order.length);
  return [...rows].sort((a, b) => rank(a) - rank(b));
}

/**
 * One measure of the API's groups as rows (feedback's overdue, for example): in the given order,
 * each labelled by `label`; a suppressed group (or a withheld measure) is "<5" under its own label
 * when it has one, under SUPPRESSED_LABEL otherwise.
 */
export function measureRows<G extends { readonly suppressed: boolean }>(
  groups: readonly G[],
  keyOf: (g: G) => string | null | undefined,
  label: (key: string) => string,
  measure: (g: G) => number | null | undefined,
): StatRow[] {
  return groups.map((g, i) => {
    const key = keyOf(g);
    const value = measure(g);
    const withheld = g.suppressed || value == null;
    return { key: key ?? `__none_${i}__`, label: key == null ? (withheld ? SUPPRESSED_LABEL : '未填写') : label(key), count: withheld ? null : value, suppressed: withheld };
  });
}

/** A rate of two counts as the console shows it (replied on time of those replied to): 93.3%, "—" when there is none or it is withheld. */
export function rateOf(part: number | null | undefined, whole: number | null | undefined): number | null {
  return part == null || whole == null || whole === 0 ? null : part / whole;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The months from `from` to `to` (YYYY-MM), both included; none when `to` is before `from`. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = from.split('-').map(Number) as [number, number];
  for (let m = from; m <= to; m = `${year}-${String(month).padStart(2, '0')}`) {
    months.push(m);
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
  return months;
}

/**
 * A monthly statistic's rows with a row for every month of the range, in order: the API answers
 * only the months that have something, so a month it leaves out is 0. The range runs from `from`
 * to `to` (YYYY-MM), each widened to the data's first and last month, or is the data's own when
 * null. A suppressed month stays "<5" (its count is null, not 0); and when the answer has a
 * suppressed row without a month (a person statistic hides the months of its small groups in one
 * such row), a month left out may be one of them, so it is withheld ("<5") too, never 0. Rows
 * without a month (that suppressed row, 未填写) stay, after the months.
 */
export function fillMonths(rows: readonly StatRow[], from: string | null, to: string | null): StatRow[] {
  const dated = rows.filter((r) => MONTH.test(r.key)).sort((a, b) => a.key.localeCompare(b.key));
  const undated = rows.filter((r) => !MONTH.test(r.key));
  const first = [from, dated[0]?.key].filter((m): m is string => m != null && MONTH.test(m)).sort()[0];
  const last = [to, dated.at(-1)?.key]
    .filter((m): m is string => m != null && MONTH.test(m))
    .sort()
    .at(-1);
  if (first === undefined || last === undefined) return [...rows];
  const hidden = undated.some((r) => r.suppressed);
  const byMonth = new Map(dated.map((r) => [r.key, r]));
  const filled = monthsBetween(first, last).map((m): StatRow => byMonth.get(m) ?? { key: m, label: monthLabel(m), count: hidden ? null : 0, suppressed: hidden });
  return [...filled, ...undated];
}
