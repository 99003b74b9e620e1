import { Alert, Button, Card, Col, Empty, Row, Select, Space, Spin, Statistic, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { navigate, useLocation } from '../../app/router';
import { Pending } from '../../app/StatsPage';
import { useQuery } from '../../app/useQuery';
import { Chart } from '../../charts/Chart';
import { ChartCard, ChartTableSwitch } from '../../charts/ChartCard';
import { barOption } from '../../charts/options';
import type { EChartsCoreOption } from '../../charts/echarts';
import { recentYears, writeFilters } from '../../filters';
import { formatCompact } from '../../format';
import { displayCount } from '../../stats';
import { complianceLabel, complianceSheet, poolCount, PoolRow, quotaLabel, yearOf } from './compliance';
import { averageLabel, evaluationRows } from './evaluation';
import { EvaluationStatsDocument } from './evaluation.query';
import { TalentPoolComplianceDocument } from './talent-pool.query';

function chartOption(pools: readonly PoolRow[]): EChartsCoreOption {
  const names = pools.map((p) => p.district.name);
  return {
    animation: false,
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    legend: { top: 0 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: 30 } },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatCompact(v) } },
    series: [
      {
        name: '在库人数',
        type: 'bar',
        barMaxWidth: 28,
        itemStyle: { color: '#c41d24' },
        // A pool that misses its quota is drawn in the warning colour.
        data: pools.map((p) => ({ value: p.count ?? 0, itemStyle: { color: p.compliant ? '#c41d24' : '#faad14' } })),
      },
      { name: '最低人数', type: 'bar', barMaxWidth: 28, data: pools.map((p) => p.minimum), itemStyle: { color: '#bfbfbf' } },
    ],
  };
}

async function download(year: number, pools: readonly PoolRow[]): Promise<void> {
  const { default: writeXlsxFile } = await import('write-excel-file/browser');
  await writeXlsxFile(complianceSheet(year, pools), { columns: [{ width: 16 }, { width: 10 }, { width: 10 }, { width: 10 }, { width: 10 }, { width: 10 }, { width: 10 }] }).toFile(
    `${year}年人才库达标情况.xlsx`,
  );
}

/** 人才库达标: the city pool and every district's pool of a year against their quotas, shortfalls marked. */
export function TalentPoolPage() {
  const { pathname, search } = useLocation();
  const year = yearOf(search);
  const result = useQuery(TalentPoolComplianceDocument, { year });
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const pools = useMemo(() => (result.status === 'done' ? result.data.talentPoolCompliance : []), [result]);
  const missing = pools.filter((p) => !p.compliant).length;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }} data-page-title>
        人才库达标情况
      </Typography.Title>
      <Select
        aria-label="年份"
        data-filter="year"
        style={{ width: 160 }}
        value={String(year)}
        onChange={(v: string) => navigate(`${pathname}${writeFilters(search, { year: v })}`)}
        options={recentYears().map((y) => ({ value: y, label: `${y}年` }))}
      />
      {result.status === 'loading' ? (
        <Spin size="large" description="正在加载人才库数据…" data-state="loading">
          <div style={{ height: 240 }} />
        </Spin>
      ) : result.status === 'error' ? (
        <Alert type="error" showIcon data-state="error" title="人才库数据加载失败" description={result.error.message} action={<Button onClick={result.retry}>重试</Button>} />
      ) : pools.length === 0 ? (
        <Empty data-state="empty" description="该年度没有人才库数据" />
      ) : (
        <Card
          data-state="done"
          data-card="人才库达标情况"
          title={
            <span>
              {year}年：{missing === 0 ? '全部达标' : <span data-missing>{missing} 个人才库未达标</span>}
            </span>
          }
          extra={<ChartTableSwitch view={view} onView={setView} onDownload={() => void download(year, pools)} />}
        >
          {view === 'chart' ? (
            <Chart option={chartOption(pools)} label="人才库达标情况" height={360} />
          ) : (
            <Table<PoolRow>
              size="small"
              rowKey={(p) => p.district.code}
              pagination={false}
              dataSource={[...pools]}
              columns={[
                { title: '人才库', key: 'name', render: (_, p) => p.district.name },
                { title: '在库人数', key: 'count', align: 'right', render: (_, p) => poolCount(p.count, p.suppressed) },
                { title: '待确认', key: 'underReview', align: 'right', render: (_, p) => poolCount(p.underReview, p.suppressed) },
                { title: '名额', key: 'quota', render: (_, p) => quotaLabel(p) },
                { title: '达标', key: 'compliant', render: (_, p) => <Tag color={p.compliant ? 'green' : 'orange'}>{complianceLabel(p)}</Tag> },
              ]}
            />
          )}
        </Card>
      )}
      <EvaluationSection year={year} />
    </Space>
  );
}

/**
 * 综合评价: the year's evaluations (evaluationStats) by the district whose department made them
 * and by band of the composite score, persons evaluated in each, withheld groups "<5". The page's
 * roles (city administrators and analysts) may read them; analysts see small groups withheld.
 */
function EvaluationSection({ year }: { year: number }) {
  const result = useQuery(EvaluationStatsDocument, { year });
  const data = result.status === 'done' ? result.data : null;
  const rows = useMemo(() => (data ? evaluationRows(data.byDistrict, data.byBand) : null), [data]);
  const total = data?.total[0];
  return (
    <>
      <Typography.Title level={4} style={{ margin: '8px 0 0' }}>
        {year}年综合评价
      </Typography.Title>
      {result.status !== 'done' ? (
        <Pending result={result} loading="正在加载综合评价统计…" failed="综合评价统计加载失败" marker="evaluation-state" />
      ) : !total || (!total.suppressed && (total.evaluations ?? 0) === 0) ? (
        <Empty data-evaluation-state="empty" description="该年度没有综合评价" />
      ) : (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-evaluation-state="done">
          <Card>
            <Space size={48} wrap>
              <Statistic title="参评人数" value={displayCount({ count: total.persons ?? null, suppressed: total.suppressed })} suffix="人" data-evaluation-persons />
              <Statistic title="评价次数" value={displayCount({ count: total.evaluations ?? null, suppressed: total.suppressed })} suffix="次" data-evaluation-count />
              <Statistic title="平均综合得分" value={averageLabel(total)} data-evaluation-average />
            </Space>
          </Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <ChartCard title="各区县参评人数" dimension="评价部门所在区县" rows={rows!.district} option={barOption(rows!.district)} />
            </Col>
            <Col xs={24} xl={12}>
              <ChartCard title="综合得分段分布" dimension="综合得分段" rows={rows!.band} option={barOption(rows!.band)} />
            </Col>
          </Row>
        </Space>
      )}
    </>
  );
}
