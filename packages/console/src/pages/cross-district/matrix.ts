import type { EChartsCoreOption } from '../../charts/echarts';
import { displayCount, StatRow } from '../../stats';

/** The city's own code: its organizations are a column of their own (温州市), last. */
export const CITY_CODE = '330300';

export interface District {
  readonly code: string;
  readonly name: string;
}

export interface MatrixCell {
  readonly personDistrict: District;
  readonly organizationDistrict: District;
  readonly persons?: number | null;
  readonly suppressed: boolean;
}

/** A cell as the chart draws it: [column, row, persons] and the pair it opens. */
export interface HeatCell {
  readonly value: [number, number, number | string];
  readonly personDistrict: string;
  readonly organizationDistrict: string;
  readonly suppressed: boolean;
}

export interface Matrix {
  /** Districts of registration, by code: the rows (top to bottom). */
  readonly rows: District[];
  /** Districts of the organizations, by code, the city last: the columns. */
  readonly columns: District[];
  readonly cells: HeatCell[];
  /** Every cell as a table row (鹿城区 → 瓯海区), row by row. */
  readonly table: StatRow[];
  /** The largest count shown (the colour scale's top). */
  readonly max: number;
}

function distinct(districts: District[], cityLast: boolean): District[] {
  const byCode = new Map(districts.map((d) => [d.code, d]));
  const last = (d: District) => (cityLast && d.code === CITY_CODE ? 1 : 0);
  return [...byCode.values()].sort((a, b) => last(a) - last(b) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** The API's cells as a grid: rows, columns, the chart's cells and the table's rows. */
export function matrixOf(cells: readonly MatrixCell[]): Matrix {
  const rows = distinct(
    cells.map((c) => c.personDistrict),
    true,
  );
  const columns = distinct(
    cells.map((c) => c.organizationDistrict),
    true,
  );
  const at = (c: MatrixCell) => [columns.findIndex((d) => d.code === c.organizationDistrict.code), rows.findIndex((d) => d.code === c.personDistrict.code)] as const;
  const ordered = [...cells].sort((a, b) => at(a)[1] - at(b)[1] || at(a)[0] - at(b)[0]);
  const withheld = (c: MatrixCell) => c.suppressed || c.persons == null;
  return {
    rows,
    columns,
    cells: ordered.map((c) => {
      const [x, y] = at(c);
      return { value: [x, y, withheld(c) ? '-' : (c.persons ?? 0)], personDistrict: c.personDistrict.code, organizationDistrict: c.organizationDistrict.code, suppressed: withheld(c) };
    }),
    table: ordered.map((c) => ({
      key: `${c.personDistrict.code}-${c.organizationDistrict.code}`,
      label: `${c.personDistrict.name} → ${c.organizationDistrict.name}`,
      count: withheld(c) ? null : (c.persons ?? 0),
      suppressed: withheld(c),
    })),
    max: Math.max(1, ...ordered.filter((c) => !withheld(c)).map((c) => c.persons ?? 0)),
  };
}

/** Fixed margins (pixels) so that a cell's place on the canvas is known (the browser test clicks one). */
export const HEATMAP_GRID = { left: 96, right: 16, top: 48, bottom: 64 } as const;

/** The heat map: counts in colour, withheld cells grey with "<5"; rows from the top down. */
export function heatmapOption(matrix: Matrix): EChartsCoreOption {
  const shown = matrix.cells.filter((c) => !c.suppressed);
  const hidden = matrix.cells.filter((c) => c.suppressed).map((c) => ({ ...c, value: [c.value[0], c.value[1], 0] }));
  const cellLabel = (p: { data: HeatCell }) => (p.data.suppressed ? displayCount({ count: null, suppressed: true }) : String(p.data.value[2]));
  return {
    animation: false,
    grid: { ...HEATMAP_GRID, containLabel: false },
    tooltip: {
      formatter: (p: { data: HeatCell }) => {
        const row = matrix.rows[p.data.value[1]]!.name;
        const column = matrix.columns[p.data.value[0]]!.name;
        return `${row}登记人员在${column}组织：${cellLabel(p)} 人<br/>点击查看名单`;
      },
    },
    xAxis: { type: 'category', data: matrix.columns.map((d) => d.name), position: 'top', axisLabel: { interval: 0, rotate: 30 }, splitArea: { show: true } },
    yAxis: { type: 'category', data: matrix.rows.map((d) => d.name), inverse: true, axisLabel: { interval: 0 }, splitArea: { show: true } },
    // A heat map needs a visual map: the counts' colour scale, and a grey one (not shown) for the withheld cells.
    visualMap: [
      { seriesIndex: 0, min: 0, max: matrix.max, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 200, inRange: { color: ['#fff1f0', '#ff7875', '#a8071a'] } },
      { seriesIndex: 1, show: false, min: 0, max: 1, inRange: { color: ['#d9d9d9', '#d9d9d9'] } },
    ],
    series: [
      { name: '人数', type: 'heatmap', data: shown, label: { show: true, formatter: cellLabel }, emphasis: { itemStyle: { borderColor: '#000', borderWidth: 1 } } },
      { name: '不予显示', type: 'heatmap', data: hidden, label: { show: true, formatter: cellLabel, color: '#595959' } },
    ],
  };
}
