import { Button, Card, Empty, message, Select, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { navigate, useLocation } from '../../app/router';
import { Pending } from '../../app/StatsPage';
import { useQuery } from '../../app/useQuery';
import { recentYears, writeFilters } from '../../filters';
import { yearOf } from '../talent-pool/compliance';
import { ExpectationsModal } from './ExpectationsModal';
import { expectationsText, Measure, ScorecardExpectations, scorecardOf, ScorecardRow, scorecardSheet, scorecardVariables } from './scorecard';
import { ScorecardDocument } from './scorecard.query';

async function downloadXlsx(year: number, rows: readonly ScorecardRow[], expectations: ScorecardExpectations): Promise<void> {
  const { default: writeXlsxFile } = await import('write-excel-file/browser');
  await writeXlsxFile(scorecardSheet(year, rows, expectations), { columns: [{ width: 12 }, { width: 24 }, { width: 12 }, { width: 20 }, { width: 22 }, { width: 10 }] }).toFile(
    `${year}年区县考核.xlsx`,
  );
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
 * feedback replied to on time, each against the city's expectations of the year as the API keeps
 * them (scorecardExpectations, in the same request), shortfalls in red. The city administrator sets
 * them here (编辑考核标准); the table is judged again from the saved ones.
 */
export function ScorecardPage({ canEdit = false }: { canEdit?: boolean }) {
  const { pathname, search } = useLocation();
  const year = yearOf(search);
  const result = useQuery(ScorecardDocument, scorecardVariables(year));
  const data = result.status === 'done' ? result.data : null;
  const e = data?.expectations ?? null;
  const rows = useMemo(() => (data ? scorecardOf(data, year, data.expectations) : null), [data, year]);
  const short = rows?.filter((r) => r.shortfalls > 0).length ?? 0;
  const [editing, setEditing] = useState(false);
  const [messageApi, messages] = message.useMessage();

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
      {messages}
      {e && (
        <Space wrap align="center" data-expectations data-defaults={e.defaults ? 'true' : 'false'}>
          <Typography.Text strong>本年度考核标准{e.defaults ? '（默认）' : ''}：</Typography.Text>
          <Typography.Text data-expectations-text>{expectationsText(e)}。</Typography.Text>
          <Typography.Text type="secondary">未达标准者标红。</Typography.Text>
          {canEdit && (
            <Button size="small" onClick={() => setEditing(true)} data-edit-expectations>
              编辑考核标准
            </Button>
          )}
        </Space>
      )}
      {editing && e && (
        <ExpectationsModal
          year={year}
          current={e}
          onCancel={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            void messageApi.success(`${year}年考核标准已保存`);
            result.retry();
          }}
        />
      )}
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
              <Button size="small" onClick={() => void downloadXlsx(year, rows, data!.expectations)}>
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
