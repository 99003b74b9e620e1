import { Alert, Button, Select, Space, Spin, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { QueryState } from './useQuery';
import { recentYears } from '../filters';

/**
 * What the statistics pages (城市总览, 活动统计, 意见诉求, 跨区交流, 区县考核) share around their
 * charts: the title, the filters above them, and the loading and error states of their request.
 */
export function StatsPage({ title, filters, children }: { title: ReactNode; filters?: ReactNode; children: ReactNode }) {
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }} data-page-title>
        {title}
      </Typography.Title>
      {filters ? <Space wrap>{filters}</Space> : null}
      {children}
    </Space>
  );
}

/** 区县: every district of the city (none chosen: 全部区县). */
export function DistrictFilter({ units, value, onChange }: { units: readonly { code: string; name: string }[]; value: string | null; onChange: (code: string | null) => void }) {
  return (
    <Select
      aria-label="区县"
      data-filter="district"
      style={{ width: 200 }}
      allowClear
      placeholder="全部区县"
      value={value}
      onChange={(v: string | undefined) => onChange(v ?? null)}
      options={units.map((d) => ({ value: d.code, label: d.name }))}
    />
  );
}

/** A year of recentYears(), each labelled by `optionLabel` (none chosen: `placeholder`). */
export function YearFilter({
  label,
  placeholder,
  optionLabel = (y) => `${y}年`,
  value,
  onChange,
}: {
  label: string;
  placeholder: string;
  optionLabel?: (year: string) => string;
  value: string | null | undefined;
  onChange: (year: string | null) => void;
}) {
  return (
    <Select
      aria-label={label}
      data-filter="year"
      style={{ width: 160 }}
      allowClear
      placeholder={placeholder}
      value={value}
      onChange={(v: string | undefined) => onChange(v ?? null)}
      options={recentYears().map((y) => ({ value: y, label: optionLabel(y) }))}
    />
  );
}

/**
 * A request that has not answered yet (a spinner saying `loading`) or failed (`failed`, the
 * reason and 重试); null once it has answered, for the page to draw its data. `marker` names the
 * attribute that tells which (`data-state="loading"`), for a page with more than one request.
 */
export function Pending({ result, loading, failed, marker = 'state' }: { result: QueryState<unknown> & { retry: () => void }; loading: string; failed: string; marker?: string }) {
  const state = (value: string) => ({ [`data-${marker}`]: value });
  if (result.status === 'loading') {
    return (
      <Spin size="large" description={loading} {...state('loading')}>
        <div style={{ height: 240 }} />
      </Spin>
    );
  }
  if (result.status === 'error') {
    return (
      <Alert
        type="error"
        showIcon
        {...state('error')}
        title={failed}
        description={result.error.message}
        action={
          <Button size="small" onClick={result.retry}>
            重试
          </Button>
        }
      />
    );
  }
  return null;
}
