import { Button, Card, Empty, Select, Space, Table, Typography } from 'antd';
import { useMemo } from 'react';
import { navigate, useLocation } from '../../app/router';
import { Pending } from '../../app/StatsPage';
import { useQuery } from '../../app/useQuery';
import { recentYears, writeFilters } from '../../filters';
import { formatShare } from '../../format';
import { yearOf } from '../talent-pool/compliance';
import { Measure, SCORECARD_EXPECTATIONS, scorecardOf, ScorecardRow, scorecardSheet, scorecardVariables } from './scorecard';
import { ScorecardDocument } from './scorecard.query';

async function downloadXlsx(year: number, rows: readonly ScorecardRow[]): Promise<void> {
  const { default: writeXlsxFile } = await import('write-excel-file/browser');
  await writeXlsxFile(scorecardSheet(year, rows), { columns: [{ width: 12 }, { width: 24 }, { width: 12 }, { width: 20 }, { width: 22 }, { width: 10 }] }).toFile(`${year}年区县考核.xlsx`);
}

/** A measure, in red when it falls short of the city's expectation. */
function cell(m: Measure, name: string) {
  return (
    <Typography.Text type={m.short ? 'danger' : undefined} strong={m.short} data-measure={name} data-short={m.short ? 'true' : 'false'}>
      {m.text}
    </Typography.Text>
  );
}

/**
 * 区县考核 (CITY_ADMIN): per district and year, pool compliance, registrations, activities held and
 * feedback replied to on time, each against SCORECARD_EXPECTATIONS, shortfalls in red.
 */
export function ScorecardPage() {
  const { pathname, search } = useLocation();
  const year = yearOf(search);
  const result = useQuery(ScorecardDocument, scorecardVariables(year));
  const data = result.status === 'done' ? result.data : null;
  const rows = useMemo(() => (data ? scorecardOf(data, year) : null), [data, year]);
  const e = SCORECARD_EXPECTATIONS;
  const short = rows?.filter((r) => r.shortfalls > 0).length ?? 0;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }} data-page-title>
        区县考核
      </Typography.Title>
      <Space wrap>
        <Select
          aria-label="年度"
          data-filter="year"
          style={{ width: 160 }}
          value={String(year)}
          onChange={(v: string) => navigate(`${pathname}${writeFilters(search, { year: v })}`)}
          options={recentYears().map((y) => ({ value: y, label: `${y}年` }))}
        />
      </Space>
      <Typography.Text type="secondary" data-expectations>
        市级期望：人才库达标；本年登记至少 {e.registrationsPerYear} 人；每月至少举办 {e.activitiesPerMonth} 场活动；按期答复率不低于 {formatShare(e.onTimeRate, 1)}。未达期望者标红。
      </Typography.Text>
      {result.status !== 'done' ? (
        <Pending result={result} loading="正在加载考核数据…" failed="考核数据加载失败" />
      ) : !rows || rows.length === 0 ? (
        <Empty data-state="empty" description="暂无区县考核数据" />
      ) : (
        <Card
          title={`${year}年区县考核`}
          data-state="done"
          data-card="区县考核"
          extra={
            <Space>
              <Typography.Text type={short ? 'danger' : 'success'} data-short-districts>
                {short ? `${short} 个区县有未达标项` : '各区县均达到期望'}
              </Typography.Text>
              <Button size="small" onClick={() => void downloadXlsx(year, rows)}>
                下载 Excel
              </Button>
            </Space>
          }
        >
          <Table<ScorecardRow>
            size="small"
            rowKey="code"
            pagination={false}
            dataSource={rows}
            columns={[
              { title: '区县', dataIndex: 'name' },
              { title: '人才库', key: 'pool', render: (_, r) => cell(r.pool, 'pool') },
              { title: '本年登记', key: 'registrations', align: 'right', render: (_, r) => cell(r.registrations, 'registrations') },
              { title: '举办活动', key: 'activities', align: 'right', render: (_, r) => cell(r.activities, 'activities') },
              { title: '按期答复率', key: 'onTime', align: 'right', render: (_, r) => cell(r.onTime, 'onTime') },
              { title: '未达标项', key: 'shortfalls', align: 'right', render: (_, r) => <Typography.Text type={r.shortfalls ? 'danger' : undefined}>{r.shortfalls}</Typography.Text> },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
