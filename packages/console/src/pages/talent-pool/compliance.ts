import { formatCount } from '../../format';
import { SUPPRESSION_MINIMUM } from '../../stats';

/** One pool against its quota, as the API answers it. */
export interface PoolRow {
  readonly district: { readonly code: string; readonly name: string };
  readonly count?: number | null;
  readonly underReview?: number | null;
  readonly minimum: number;
  readonly maximum?: number | null;
  readonly compliant: boolean;
  readonly shortfall?: number | null;
  readonly excess?: number | null;
  readonly suppressed: boolean;
}

const withheld = `<${SUPPRESSION_MINIMUM}`;

/** A count of a pool, "<5" when withheld. */
export function poolCount(value: number | null | undefined, suppressed: boolean): string {
  return value == null ? (suppressed ? withheld : '—') : formatCount(value);
}

/** The quota as people write it: 至少 30 人, or 30–60 人. */
export function quotaLabel(pool: Pick<PoolRow, 'minimum' | 'maximum'>): string {
  return pool.maximum == null ? `至少 ${formatCount(pool.minimum)} 人` : `${formatCount(pool.minimum)}–${formatCount(pool.maximum)} 人`;
}

/** Whether the pool meets its quota, and by how much it misses it. */
export function complianceLabel(pool: Pick<PoolRow, 'compliant' | 'shortfall' | 'excess' | 'suppressed'>): string {
  if (pool.compliant) return '达标';
  if (pool.shortfall) return `缺 ${formatCount(pool.shortfall)} 人`;
  if (pool.excess) return `超出 ${formatCount(pool.excess)} 人`;
  return '未达标';
}

/** The table as an .xlsx sheet: one row per pool, withheld counts as "<5". */
export function complianceSheet(year: number, pools: readonly PoolRow[]): (string | number)[][] {
  const cell = (v: number | null | undefined, suppressed: boolean): string | number => (v == null ? (suppressed ? withheld : '') : v);
  return [
    [`${year}年人才库达标情况`],
    ['人才库', '在库人数', '待确认', '最低人数', '最高人数', '是否达标', '缺额'],
    ...pools.map((p) => [
      p.district.name,
      cell(p.count, p.suppressed),
      cell(p.underReview, p.suppressed),
      p.minimum,
      p.maximum ?? '',
      p.compliant ? '达标' : '未达标',
      cell(p.shortfall, p.suppressed),
    ]),
  ];
}

/** The year in the address (`?year=2026`), this year by default. */
export function yearOf(search: string, now: Date = new Date()): number {
  const year = new URLSearchParams(search).get('year');
  return year && /^(19|20)\d\d$/.test(year) ? Number(year) : now.getFullYear();
}
