import { Alert, Button, Drawer, Empty, Space, Spin, Table, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, request } from '../../api/client';
import { navigate, useLocation } from '../../app/router';
import { Pending } from '../../app/StatsPage';
import { useQuery } from '../../app/useQuery';
import { ChartCard } from '../../charts/ChartCard';
import { writeFilters } from '../../filters';
import { formatCount, formatDate } from '../../format';
import { labelOf, MEMBERSHIP_ROLE_LABELS } from '../../labels';
import type { CrossDistrictMembersQuery } from '../../gql/graphql';
import { CrossDistrictDocument, CrossDistrictMembersDocument } from './cross-district.query';
import { HeatCell, heatmapOption, matrixOf } from './matrix';
import { appendPage, PairList as PairListState } from './pair-list';

type MemberEdge = CrossDistrictMembersQuery['crossDistrictMembers']['edges'][number];

/** How many memberships of a pair the drawer reads at a time (the API's page, up to 1,000); 加载更多 reads the next. */
export const PAIR_PAGE = 50;

const DISTRICT_CODE = /^\d{6}$/;

/** The pair a cell opens, kept in the address (`?person=330302&org=330303`) so that it can be linked and reloaded. */
function pairOf(search: string): { person: string; org: string } | null {
  const params = new URLSearchParams(search);
  const person = params.get('person');
  const org = params.get('org');
  return person && org && DISTRICT_CODE.test(person) && DISTRICT_CODE.test(org) ? { person, org } : null;
}

/**
 * 跨区交流: the persons registered in one district who belong to organizations of another (or of
 * the city) as a heat map, withheld cells "<5"; a click on a cell lists the pair's memberships.
 */
export function CrossDistrictPage() {
  const { pathname, search } = useLocation();
  const result = useQuery(CrossDistrictDocument, {});
  const pair = pairOf(search);
  const data = result.status === 'done' ? result.data : null;
  const matrix = useMemo(() => (data ? matrixOf(data.crossDistrictMatrix) : null), [data]);
  const option = useMemo(() => (matrix ? heatmapOption(matrix) : null), [matrix]);
  const open = (cell: HeatCell) => navigate(`${pathname}${writeFilters(search, { person: cell.personDistrict, org: cell.organizationDistrict })}`);
  const close = () => navigate(`${pathname}${writeFilters(search, { person: null, org: null })}`);
  const nameOf = (code: string) => matrix?.rows.find((d) => d.code === code)?.name ?? matrix?.columns.find((d) => d.code === code)?.name ?? code;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }} data-page-title>
        跨区交流
      </Typography.Title>
      <Typography.Text type="secondary">行：登记所在区县；列：组织所在区县（温州市为市级组织）。格中为人数，点击格子查看名单。</Typography.Text>
      {result.status !== 'done' ? (
        <Pending result={result} loading="正在加载统计数据…" failed="统计数据加载失败" />
      ) : !matrix || matrix.cells.length === 0 ? (
        <Empty data-state="empty" description="暂无跨区交流数据" />
      ) : (
        <div data-state="done">
          <ChartCard
            title="跨区交流热力图"
            dimension="登记区县 → 组织区县"
            rows={matrix.table}
            option={option!}
            height={560}
            onItemClick={(cell) => {
              if (cell && typeof cell === 'object' && 'personDistrict' in cell) open(cell as HeatCell);
            }}
          />
        </div>
      )}
      <Drawer open={pair !== null} onClose={close} size="large" title={pair ? `${nameOf(pair.person)}登记人员在${nameOf(pair.org)}组织的成员名单` : ''} destroyOnHidden>
        {pair ? <PairList person={pair.person} org={pair.org} /> : null}
      </Drawer>
    </Space>
  );
}

/** The memberships of one pair of districts, a page of the API at a time: 加载更多 reads the next one after the last. */
function PairList({ person, org }: { person: string; org: string }) {
  const [list, setList] = useState<PairListState<MemberEdge> | null>(null);
  const [state, setState] = useState<{ status: 'loading' | 'done' } | { status: 'error'; error: ApiError }>({ status: 'loading' });
  const running = useRef<AbortController | null>(null);
  const load = useCallback(
    (after: string | null) => {
      running.current?.abort();
      const abort = new AbortController();
      running.current = abort;
      setState({ status: 'loading' });
      request(CrossDistrictMembersDocument, { personDistrictCode: person, organizationDistrictCode: org, first: PAIR_PAGE, after }, abort.signal).then(
        (data) => {
          if (abort.signal.aborted) return;
          setList((current) => appendPage(current, after, data.crossDistrictMembers));
          setState({ status: 'done' });
        },
        (error: unknown) => {
          if (abort.signal.aborted) return;
          setState({ status: 'error', error: error instanceof ApiError ? error : new ApiError('数据加载失败，请稍后重试。', null) });
        },
      );
    },
    [person, org],
  );
  useEffect(() => {
    setList(null);
    load(null);
    return () => running.current?.abort();
  }, [load]);
  if (!list) {
    if (state.status === 'error') return <Alert type="error" showIcon data-pair-state="error" title="名单加载失败" description={state.error.message} />;
    return <Spin description="正在加载名单…" data-pair-state="loading" />;
  }
  const { edges, totalCount } = list;
  if (edges.length === 0) return <Empty data-pair-state="empty" description="该组合下没有成员" />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-pair-state="done">
      <Typography.Text data-pair-total>
        共 {formatCount(totalCount)} 条成员关系{list.hasNextPage ? `，已显示 ${formatCount(edges.length)} 条` : ''}
      </Typography.Text>
      <Table
        size="small"
        rowKey={(e) => e.node.id}
        pagination={false}
        dataSource={[...edges]}
        data-pair-list
        columns={[
          { title: '姓名', key: 'person', render: (_, e) => e.node.person?.name ?? '（已不在册）' },
          { title: '组织', key: 'organization', render: (_, e) => e.node.organization.name },
          { title: '职务', key: 'role', render: (_, e) => labelOf(MEMBERSHIP_ROLE_LABELS, e.node.role) },
          { title: '加入日期', key: 'start', render: (_, e) => formatDate(e.node.startDate) },
        ]}
      />
      {state.status === 'error' ? (
        <Alert
          type="error"
          showIcon
          title="名单加载失败"
          description={state.error.message}
          action={
            <Button size="small" onClick={() => load(list.endCursor)}>
              重试
            </Button>
          }
        />
      ) : list.hasNextPage ? (
        <Button block loading={state.status === 'loading'} onClick={() => load(list.endCursor)} data-action="load-more">
          加载更多
        </Button>
      ) : null}
    </Space>
  );
}
