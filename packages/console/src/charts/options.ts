import type { EChartsCoreOption } from './echarts';
import { formatCompact } from '../format';
import { displayCount, StatRow, SUPPRESSED_LABEL } from '../stats';

/**
 * A bar chart of the rows that are shown (suppressed ones are in the table, as "<5"). With
 * `withheldOnAxis` (a monthly chart, whose every month has its place) a withheld row of its own
 * (a month "<5") keeps its place on the axis with no bar; the one row of every small group does not.
 */
export function barOption(rows: readonly StatRow[], horizontal = false, unit = '人', withheldOnAxis = false): EChartsCoreOption {
  const shown = rows.filter((r) => !r.suppressed || (withheldOnAxis && r.label !== SUPPRESSED_LABEL));
  const labels = shown.map((r) => r.label);
  // '-' is ECharts' empty value: no bar, not a bar of 0.
  const values = shown.map((r) => (r.suppressed || r.count === null ? '-' : r.count));
  const category = {
    type: 'category',
    data: horizontal ? [...labels].reverse() : labels,
    axisLabel: { interval: labels.length > 13 ? 'auto' : 0, rotate: horizontal ? 0 : labels.length > 6 ? 30 : 0 },
  };
  // Counts are whole: no axis step of a fraction (small counts would read 0, 0, 1, 1, 1 after formatting).
  const whole = values.every((v) => v === '-' || Number.isInteger(v));
  const value = { type: 'value', ...(whole ? { minInterval: 1 } : {}), axisLabel: { formatter: (v: number) => formatCompact(v) } };
  return {
    animation: false,
    grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', formatter: (p: { name: string; dataIndex: number }[]) => `${p[0]!.name}：${displayCount(shown.find((r) => r.label === p[0]!.name)!)} ${unit}` },
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? category : value,
    series: [{ type: 'bar', data: horizontal ? [...values].reverse() : values, itemStyle: { color: '#c41d24' }, barMaxWidth: 32 }],
  };
}

/** A ring of shares of the rows that are shown. */
export function pieOption(rows: readonly StatRow[], unit = '人'): EChartsCoreOption {
  const shown = rows.filter((r) => !r.suppressed);
  return {
    animation: false,
    tooltip: { trigger: 'item', formatter: (p: { name: string; percent: number }) => `${p.name}：${displayCount(shown.find((r) => r.label === p.name)!)} ${unit}（${p.percent}%）` },
    legend: { type: 'scroll', orient: 'vertical', right: 0, top: 'middle' },
    series: [{ type: 'pie', radius: ['40%', '70%'], center: ['35%', '50%'], label: { show: false }, data: shown.map((r) => ({ name: r.label, value: r.count ?? 0 })) }],
  };
}
