import { Card, Col, Empty, Row, Statistic } from 'antd';
import { useMemo } from 'react';
import { navigate, useLocation } from '../../app/router';
import { DistrictFilter, Pending, StatsPage, YearFilter } from '../../app/StatsPage';
import { useQuery } from '../../app/useQuery';
import { ChartCard } from '../../charts/ChartCard';
import { barOption, pieOption } from '../../charts/options';
import { feedbackFilterOf, monthRangeOf, readActivityFilters, writeFilters } from '../../filters';
import { formatCount, formatShare } from '../../format';
import { FEEDBACK_KIND_LABELS, FEEDBACK_STATUS_LABELS, labelOf, monthLabel } from '../../labels';
import { displayCount, fillMonths, inOrderOf, measureRows } from '../../stats';
import { FeedbackDocument } from './feedback.query';

/**
 * 意见诉求: feedback by status, kind and month of submission, the overdue ones by district (the
 * city's roles), and the share replied to on time, for a year and a district in the address. A
 * district administrator sees their district only (`fixedDistrict`).
 */
export function FeedbackPage({ fixedDistrict }: { fixedDistrict?: string }) {
  const { pathname, search } = useLocation();
  const filters = readActivityFilters(search);
  const result = useQuery(FeedbackDocument, { filter: feedbackFilterOf(filters, fixedDistrict ?? null), districts: !fixedDistrict });
  const setFilter = (name: 'district' | 'year', value: string | null) => navigate(`${pathname}${writeFilters(search, { ...filters, [name]: value })}`);
  const data = result.status === 'done' ? result.data : null;
  const units = useMemo(() => (data?.districts ?? []).filter((d) => d.kind !== 'CITY'), [data?.districts]);
  const range = monthRangeOf(filters.year, { upToNow: true });
  const rows = useMemo(() => {
    if (!data) return null;
    const count = (g: { count?: number | null }) => g.count;
    return {
      status: inOrderOf(
        FEEDBACK_STATUS_LABELS,
        measureRows(
          data.byStatus,
          (g) => g.status,
          (v) => labelOf(FEEDBACK_STATUS_LABELS, v),
          count,
        ),
      ),
      kind: inOrderOf(
        FEEDBACK_KIND_LABELS,
        measureRows(
          data.byKind,
          (g) => g.kind,
          (v) => labelOf(FEEDBACK_KIND_LABELS, v),
          count,
        ),
      ),
      overdue: measureRows(
        [...(data.byDistrict ?? [])].sort((a, b) => (a.district?.code ?? '').localeCompare(b.district?.code ?? '')),
        (g) => g.district?.code,
        (code) => data.byDistrict?.find((g) => g.district?.code === code)?.district?.name ?? code,
        (g) => g.overdue,
      ),
      month: fillMonths(
        measureRows(data.byMonth, (g) => g.month, monthLabel, count),
        range.from,
        range.to,
      ),
    };
  }, [data, range.from, range.to]);
  const total = data?.total[0];
  const districtName = (code: string) => data?.districts.find((d) => d.code === code)?.name ?? code;
  const title = fixedDistrict ? `${districtName(fixedDistrict)}意见诉求` : '意见诉求';
  const shown = (n: number | null | undefined) => (total?.suppressed || n == null ? displayCount({ count: null, suppressed: true }) : formatCount(n));

  return (
    <StatsPage
      title={title}
      filters={
        <>
          {fixedDistrict ? null : <DistrictFilter units={units} value={filters.district} onChange={(v) => setFilter('district', v)} />}
          <YearFilter label="提交年份" placeholder="全部年份" value={filters.year} onChange={(v) => setFilter('year', v)} />
        </>
      }
    >
      {result.status !== 'done' ? (
        <Pending result={result} loading="正在加载统计数据…" failed="统计数据加载失败" />
      ) : !total || (!total.suppressed && (total.count ?? 0) === 0) ? (
        <Empty data-state="empty" description="当前筛选条件下没有意见诉求" />
      ) : (
        <>
          <Row gutter={[16, 16]} data-state="done">
            <Col xs={12} xl={6}>
              <Card>
                <Statistic title="提交件数" value={shown(total.count)} suffix="件" data-feedback-total />
              </Card>
            </Col>
            <Col xs={12} xl={6}>
              <Card>
                <Statistic title="办理中" value={shown(total.open)} suffix="件" data-feedback-open />
              </Card>
            </Col>
            <Col xs={12} xl={6}>
              <Card>
                <Statistic title="逾期未办结" value={shown(total.overdue)} suffix="件" data-feedback-overdue styles={{ content: (total.overdue ?? 0) > 0 ? { color: '#cf1322' } : {} }} />
              </Card>
            </Col>
            <Col xs={12} xl={6}>
              <Card>
                <Statistic
                  title={`按期答复率（${shown(total.respondedOnTime)} / ${shown(total.responded)} 件）`}
                  value={total.suppressed || total.respondedOnTime == null || total.responded == null ? '—' : formatShare(total.respondedOnTime, total.responded)}
                  data-feedback-on-time
                />
              </Card>
            </Col>
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <ChartCard title="办理状态" dimension="办理状态" measure="件数" rows={rows!.status} option={pieOption(rows!.status, '件')} />
            </Col>
            <Col xs={24} xl={12}>
              <ChartCard title="诉求类型" dimension="类型" measure="件数" rows={rows!.kind} option={barOption(rows!.kind, true, '件')} />
            </Col>
            {fixedDistrict ? null : (
              <Col xs={24} xl={12}>
                <ChartCard title="各区县逾期件数" dimension="区县" measure="逾期件数" rows={rows!.overdue} option={barOption(rows!.overdue, false, '件')} />
              </Col>
            )}
            <Col xs={24} xl={fixedDistrict ? 24 : 12}>
              <ChartCard title="每月提交件数" dimension="提交月份" measure="件数" rows={rows!.month} option={barOption(rows!.month, false, '件', true)} />
            </Col>
          </Row>
        </>
      )}
    </StatsPage>
  );
}
