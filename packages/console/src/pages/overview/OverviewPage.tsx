import { Card, Col, Empty, Row, Select, Statistic } from 'antd';
import { useMemo } from 'react';
import { navigate, useLocation } from '../../app/router';
import { DistrictFilter, Pending, StatsPage, YearFilter } from '../../app/StatsPage';
import { useQuery } from '../../app/useQuery';
import { barOption, pieOption } from '../../charts/options';
import { ChartCard } from '../../charts/ChartCard';
import { monthRangeOf, personFilterOf, readFilters, registrationMonthsFilterOf, REGISTRATION_YEARS, writeFilters } from '../../filters';
import { formatCount } from '../../format';
import { AFFILIATION_LABELS, AGE_BAND_LABELS, CATEGORY_LABELS, EDUCATION_LABELS, labelOf, monthLabel, returneeLabel } from '../../labels';
import { displayCount, fillMonths, inOrderOf, toRows } from '../../stats';
import { OverviewDocument } from './overview.query';

/**
 * 城市总览, and a district's view (`fixedDistrict`): registered persons by district (or street),
 * category, political affiliation, education, returnees and age band, and registrations per month
 * (the year chosen, or the last REGISTRATION_YEARS years), for the filters in the address
 * (district, category, year of registration).
 */
export function OverviewPage({ fixedDistrict }: { fixedDistrict?: string }) {
  const { pathname, search } = useLocation();
  const filters = readFilters(search);
  const district = fixedDistrict ?? filters.district;
  const variables = { filter: personFilterOf(filters, fixedDistrict ?? null), monthFilter: registrationMonthsFilterOf(filters, fixedDistrict ?? null), streets: district !== null };
  const result = useQuery(OverviewDocument, variables);
  const setFilter = (name: 'district' | 'category' | 'year', value: string | null) => navigate(`${pathname}${writeFilters(search, { ...filters, [name]: value })}`);

  const data = result.status === 'done' ? result.data : null;
  const units = useMemo(() => (data?.districts ?? []).filter((d) => d.kind !== 'CITY'), [data?.districts]);
  const districtName = (code: string) => data?.districts.find((d) => d.code === code)?.name ?? code;
  const months = monthRangeOf(filters.year, { sinceYear: new Date().getFullYear() - REGISTRATION_YEARS + 1, upToNow: true });
  const rows = useMemo(() => {
    if (!data) return null;
    return {
      places: district
        ? toRows(
            data.byStreet ?? [],
            (g) => g.street?.code,
            (code) => data.byStreet?.find((g) => g.street?.code === code)?.street?.name ?? code,
          )
        : toRows(
            data.byDistrict,
            (g) => g.district?.code,
            (code) => data.byDistrict.find((g) => g.district?.code === code)?.district?.name ?? code,
          ),
      category: toRows(
        data.byCategory,
        (g) => g.category,
        (v) => labelOf(CATEGORY_LABELS, v),
      ),
      affiliation: toRows(
        data.byAffiliation,
        (g) => g.politicalAffiliation,
        (v) => labelOf(AFFILIATION_LABELS, v),
      ),
      education: inOrderOf(
        EDUCATION_LABELS,
        toRows(
          data.byEducation,
          (g) => g.education,
          (v) => labelOf(EDUCATION_LABELS, v),
          true,
        ),
      ),
      ageBand: inOrderOf(
        AGE_BAND_LABELS,
        toRows(
          data.byAgeBand,
          (g) => g.ageBand,
          (v) => labelOf(AGE_BAND_LABELS, v),
          true,
        ),
      ),
      month: fillMonths(
        toRows(
          data.byMonth,
          (g) => g.registeredMonth,
          (v) => monthLabel(v),
          true,
        ),
        months.from,
        months.to,
      ),
      returnee: toRows(
        data.byReturnee,
        (g) => (g.returnee == null ? null : String(g.returnee)),
        (v) => returneeLabel(v === 'true'),
      ),
    };
  }, [data, district, months.from, months.to]);
  const total = data?.total[0];

  const title = fixedDistrict ? `${districtName(fixedDistrict)}总览` : '城市总览';
  return (
    <StatsPage
      title={title}
      filters={
        <>
          {fixedDistrict ? null : <DistrictFilter units={units} value={filters.district} onChange={(v) => setFilter('district', v)} />}
          <Select
            aria-label="类别"
            data-filter="category"
            style={{ width: 280 }}
            allowClear
            placeholder="全部类别"
            value={filters.category}
            onChange={(v: string | undefined) => setFilter('category', v ?? null)}
            options={Object.entries(CATEGORY_LABELS).map(([value, label]) => ({ value, label }))}
          />
          <YearFilter label="登记年份" placeholder="全部登记年份" optionLabel={(y) => `${y}年登记`} value={filters.year} onChange={(v) => setFilter('year', v)} />
        </>
      }
    >
      {result.status !== 'done' ? (
        <Pending result={result} loading="正在加载统计数据…" failed="统计数据加载失败" />
      ) : !total || (!total.suppressed && (total.count ?? 0) === 0) ? (
        <Empty data-state="empty" description="当前筛选条件下没有登记人员" />
      ) : (
        <>
          <Card data-state="done">
            <Statistic title={district ? `${districtName(district)}登记人员` : '全市登记人员'} value={total.suppressed ? displayCount(total) : formatCount(total.count ?? 0)} suffix="人" data-total />
          </Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <ChartCard
                title={district ? '各街道（镇）登记人员' : '各区县登记人员'}
                dimension={district ? '街道（镇）' : '区县'}
                rows={rows!.places}
                option={barOption(rows!.places, Boolean(district))}
              />
            </Col>
            <Col xs={24} xl={12}>
              <ChartCard title="各类别登记人员" dimension="类别" rows={rows!.category} option={barOption(rows!.category, true)} />
            </Col>
            <Col xs={24} xl={12}>
              <ChartCard title="政治面貌" dimension="政治面貌" rows={rows!.affiliation} option={pieOption(rows!.affiliation)} />
            </Col>
            <Col xs={24} xl={12}>
              <ChartCard title="学历" dimension="学历" rows={rows!.education} option={barOption(rows!.education)} />
            </Col>
            <Col xs={24} xl={12}>
              <ChartCard title="归国留学人员" dimension="是否归国留学" rows={rows!.returnee} option={pieOption(rows!.returnee)} />
            </Col>
            <Col xs={24} xl={12}>
              <ChartCard title="年龄段" dimension="年龄段" rows={rows!.ageBand} option={barOption(rows!.ageBand)} />
            </Col>
            <Col xs={24}>
              <ChartCard
                title={filters.year ? `${filters.year}年每月登记` : `近${REGISTRATION_YEARS}年每月登记`}
                dimension="登记月份"
                rows={rows!.month}
                option={barOption(rows!.month, false, '人', true)}
              />
            </Col>
          </Row>
        </>
      )}
    </StatsPage>
  );
}
