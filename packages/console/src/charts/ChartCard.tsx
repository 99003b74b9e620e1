import { Button, Card, Empty, Segmented, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { displayCount, sheetOf, StatRow, shownTotal } from '../stats';
import { formatCount } from '../format';
import { Chart } from './Chart';
import type { EChartsCoreOption } from './echarts';

/** Downloads the rows as an .xlsx file (write-excel-file, loaded when first asked for). */
async function downloadXlsx(title: string, dimension: string, measure: string, rows: readonly StatRow[]): Promise<void> {
  const { default: writeXlsxFile } = await import('write-excel-file/browser');
  await writeXlsxFile(sheetOf(title, dimension, rows, measure), { columns: [{ width: 36 }, { width: 12 }] }).toFile(`${title}.xlsx`);
}

/** 图表 | 表格, and 下载 Excel: the buttons of a card that shows its numbers as a chart or a table. */
export function ChartTableSwitch({ view, onView, onDownload, disabled = false }: { view: 'chart' | 'table'; onView: (view: 'chart' | 'table') => void; onDownload: () => void; disabled?: boolean }) {
  return (
    <Space>
      <Segmented
        size="small"
        value={view}
        onChange={(v) => onView(v as 'chart' | 'table')}
        options={[
          { label: '图表', value: 'chart' },
          { label: '表格', value: 'table' },
        ]}
      />
      <Button size="small" disabled={disabled} onClick={onDownload}>
        下载 Excel
      </Button>
    </Space>
  );
}

/** A statistic as a chart, with a table view of the same numbers and their download. */
export function ChartCard({
  title,
  dimension,
  measure = '人数',
  rows,
  option,
  height,
  onItemClick,
}: {
  title: string;
  dimension: string;
  measure?: string;
  rows: readonly StatRow[];
  option: EChartsCoreOption;
  height?: number;
  onItemClick?: (data: unknown) => void;
}) {
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const total = shownTotal(rows);
  return (
    <Card title={title} data-card={title} extra={<ChartTableSwitch view={view} onView={setView} disabled={rows.length === 0} onDownload={() => void downloadXlsx(title, dimension, measure, rows)} />}>
      {rows.length === 0 ? (
        <Empty description="暂无数据" />
      ) : view === 'chart' ? (
        <>
          <Chart option={option} label={title} height={height} onItemClick={onItemClick} />
          {rows.some((r) => r.suppressed) ? <Typography.Text type="secondary">人数少于 5 的小组显示为“&lt;5”，见表格。</Typography.Text> : null}
        </>
      ) : (
        <Table<StatRow>
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={[...rows]}
          columns={[
            { title: dimension, dataIndex: 'label' },
            { title: measure, key: 'count', align: 'right', render: (_, r) => <span data-count={r.key}>{displayCount(r)}</span> },
          ]}
          summary={() =>
            total === null ? null : (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>合计（不含“&lt;5”小组）</Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  {formatCount(total)}
                </Table.Summary.Cell>
              </Table.Summary.Row>
            )
          }
        />
      )}
    </Card>
  );
}
