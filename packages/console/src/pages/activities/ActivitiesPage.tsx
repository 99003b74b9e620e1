import { Card, Col, Empty, Row, Space, Statistic } from 'antd';
import { useMemo } from 'react';
import { navigate, useLocation } from '../../app/router';
import { DistrictFilter, Pending, StatsPage, YearFilter } from '../../app/StatsPage';
import { useQuery } from '../../app/useQuery';
import { ChartCard } from '../../charts/ChartCard';
import { barOption } from '../../charts/options';
import { activityFilterOf, monthRangeOf, readActivityFilters, writeFilters } from '../../filters';
import { formatCount } from '../../format';
import { ACTIVITY_KIND_LABELS, labelOf, monthLabel } from '../../labels';
import { fillMonths, StatRow } from '../../stats';
import { ActivitiesDocument } from './activities.query';

interface ActivityGroup {
  readonly activities: number;
  readonly participations?: number | null;
  readonly suppressed: boolean;
}

/** Activities held per group (never withheld: activities are public). */
function activityRows<G extends ActivityGroup>(groups: readonly G[], key: (g: G) => string, label: (g: G) => string): StatRow[] {
  return groups.map((g) => ({ key: key(g), label: label(g), count: g.activities, suppressed: false }));
}

/** Participations per group: "<5" where the API withholds them (small groups, below city and district administrators). */
function participationRows<G extends ActivityGroup>(groups: readonly G[], key: (g: G) => string, label: (g: G) => string): StatRow[] {
  return groups.map((g) => ({ key: key(g), label: label(g), count: g.participations ?? null, suppressed: g.suppressed || g.participations == null }));
}

/** 活动统计: activities by kind, month and district, and their participations, for a year and a district in the address. */
export function ActivitiesPage({ fixedDistrict }: { fixedDistrict?: string }) {
  const { pathname, search } = useLocation();
  const filters = readActivityFilters(search);
  const result = useQuery(ActivitiesDocument, { filter: activityFilterOf(filters, fixedDistrict ?? null) });
  const setFilter = (name: 'district' | 'year', value: string | null) => navigate(`${pathname}${writeFilters(search, { ...filters, [name]: value })}`);
  const data = result.status === 'done' ? result.data : null;
  const units = useMemo(() => (data?.districts ?? []).filter((d) => d.kind !== 'CITY'), [data?.districts]);
  // Activities may be planned ahead: a year's twelve months, or the months from the first to the last with activities.
  const range = monthRangeOf(filters.year, { upToNow: false });
  const rows = useMemo(() => {
    if (!data) return null;
    const months = data.byMonth;
    const kinds = Object.keys(ACTIVITY_KIND_LABELS);
    const byKind = [...data.byKind].sort((a, b) => kinds.indexOf(a.kind ?? '') - kinds.indexOf(b.kind ?? ''));
    return {
      kind: activityRows(
        byKind,
        (g) => g.kind ?? '',
        (g) => labelOf(ACTIVITY_KIND_LABELS, g.kind),
      ),
      month: fillMonths(
        activityRows(
          months,
          (g) => g.month ?? '',
          (g) => monthLabel(g.month ?? ''),
        ),
        range.from,
        range.to,
      ),
      monthParticipations: fillMonths(
        participationRows(
          months,
          (g) => g.month ?? '',
          (g) => monthLabel(g.month ?? ''),
        ),
        range.from,
        range.to,
      ),
      district: activityRows(
        [...data.byDistrict].sort((a, b) => b.activities - a.activities),
        (g) => g.district?.code ?? '',
        (g) => g.district?.name ?? '未填写',
      ),
    };
  }, [data, range.from, range.to]);
  const activities = data ? data.byKind.reduce((n, g) => n + g.activities, 0) : 0;
  const participations = data && data.byKind.every((g) => g.participations != null) ? data.byKind.reduce((n, g) => n + (g.participations ?? 0), 0) : null;
  const districtName = fixedDistrict ? (data?.districts.find((d) => d.code === fixedDistrict)?.name ?? fixedDistrict) : null;

  return (
    <StatsPage
      title={districtName ? `${districtName}活动统计` : '活动统计'}
      filters={
        <>
          {fixedDistrict ? null : <DistrictFilter units={units} value={filters.district} onChange={(v) => setFilter('district', v)} />}
          <YearFilter label="年份" placeholder="全部年份" value={filters.year} onChange={(v) => setFilter('year', v)} />
        </>
      }
    >
      {result.status !== 'done' ? (
        <Pending result={result} loading="正在加载活动统计…" failed="活动统计加载失败" />
      ) : activities === 0 ? (
        <Empty data-state="empty" description="当前筛选条件下没有活动" />
      ) : (
        <>
          <Card data-state="done">
            <Space size={48}>
              <Statistic title="活动场次" value={formatCount(activities)} suffix="场" data-activities-total />
              <Statistic title="参与人次" value={participations === null ? '部分小组不予显示' : formatCount(participations)} suffix={participations === null ? undefined : '人次'} />
            </Space>
          </Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <ChartCard title="各类活动场次" dimension="活动类别" measure="场次" rows={rows!.kind} option={barOption(rows!.kind, true)} />
            </Col>
            <Col xs={24} xl={12}>
              <ChartCard title="每月活动场次" dimension="月份" measure="场次" rows={rows!.month} option={barOption(rows!.month, false, '场', true)} />
            </Col>
            <Col xs={24} xl={12}>
              <ChartCard title="每月参与人次" dimension="月份" measure="人次" rows={rows!.monthParticipations} option={barOption(rows!.monthParticipations, false, '人次', true)} />
            </Col>
            {fixedDistrict ? null : (
              <Col xs={24} xl={12}>
                <ChartCard title="各区县活动场次" dimension="区县" measure="场次" rows={rows!.district} option={barOption(rows!.district)} />
              </Col>
            )}
          </Row>
        </>
      )}
    </StatsPage>
  );
}
