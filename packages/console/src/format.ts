import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';

dayjs.locale('zh-cn');

const integer = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat('zh-CN', { notation: 'compact', maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat('zh-CN', { style: 'percent', maximumFractionDigits: 1 });

/** A count as people read it here: 12,345 (Chinese grouping). */
export function formatCount(n: number): string {
  return integer.format(n);
}

/** An axis label: 9,800 stays as it is, 12,345 becomes 1.2万, 123,456,789 becomes 1.2亿. */
export function formatCompact(n: number): string {
  return Math.abs(n) < 10_000 ? integer.format(n) : compact.format(n);
}

/** A share of a whole: 12.3%. */
export function formatShare(part: number, whole: number): string {
  return whole > 0 ? percent.format(part / whole) : '—';
}

/** A calendar date (YYYY-MM-DD or a date-time) as 2026年12月7日; empty for none. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const d = dayjs(value);
  return d.isValid() ? d.format('YYYY年M月D日') : value;
}

/** A moment as 2026年12月7日 14:05. */
export function formatDateTime(value: string | number | Date): string {
  return dayjs(value).format('YYYY年M月D日 HH:mm');
}
