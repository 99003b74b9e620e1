import { Result, Spin } from 'antd';
import { useEffect, useSyncExternalStore } from 'react';
import { homeOf, mayViewDistrict, Viewer } from '../auth/claims';
import { getSession, startSession, subscribe } from '../auth/session';
import { ActivitiesPage } from '../pages/activities/ActivitiesPage';
import { CrossDistrictPage } from '../pages/cross-district/CrossDistrictPage';
import { FeedbackPage } from '../pages/feedback/FeedbackPage';
import { MePage } from '../pages/me/MePage';
import { OrganizationPage } from '../pages/organization/OrganizationPage';
import { OverviewPage } from '../pages/overview/OverviewPage';
import { ScorecardPage } from '../pages/scorecard/ScorecardPage';
import { SignInPage } from '../pages/signin/SignInPage';
import { TalentPoolPage } from '../pages/talent-pool/TalentPoolPage';
import { navigate, useLocation } from './router';
import { Shell } from './Shell';

function Forbidden({ what }: { what: string }) {
  return <Result status="403" title="无权访问" subTitle={what} data-state="forbidden" />;
}

/** The page of a path for a viewer: their own pages only, anything else a clear refusal or 404. */
function Page({ viewer, pathname }: { viewer: Viewer; pathname: string }) {
  if (pathname === '/overview') {
    return viewer.role === 'CITY_ADMIN' || viewer.role === 'ANALYST' ? <OverviewPage /> : <Forbidden what="城市总览仅供市级管理员和数据分析员查看。" />;
  }
  if (pathname === '/activities') {
    return viewer.role === 'CITY_ADMIN' || viewer.role === 'ANALYST' ? <ActivitiesPage /> : <Forbidden what="全市活动统计仅供市级管理员和数据分析员查看。" />;
  }
  if (pathname === '/talent-pool') {
    return viewer.role === 'CITY_ADMIN' || viewer.role === 'ANALYST' ? <TalentPoolPage /> : <Forbidden what="人才库达标情况仅供市级管理员和数据分析员查看。" />;
  }
  if (pathname === '/scorecard') {
    return viewer.role === 'CITY_ADMIN' ? <ScorecardPage canEdit /> : <Forbidden what="区县考核仅供市级管理员查看。" />;
  }
  if (pathname === '/cross-district') {
    return viewer.role === 'CITY_ADMIN' || viewer.role === 'ANALYST' ? <CrossDistrictPage /> : <Forbidden what="跨区交流仅供市级管理员和数据分析员查看。" />;
  }
  if (pathname === '/feedback') {
    if (viewer.role === 'CITY_ADMIN' || viewer.role === 'ANALYST') return <FeedbackPage />;
    if (viewer.role === 'DISTRICT_ADMIN' && viewer.district) return <FeedbackPage key={viewer.district} fixedDistrict={viewer.district} />;
    return <Forbidden what="意见诉求统计仅供市级管理员、数据分析员和区县管理员查看。" />;
  }
  const district = /^\/districts\/(\d{6})(\/activities)?$/.exec(pathname);
  if (district) {
    const code = district[1]!;
    if (!mayViewDistrict(viewer, code)) return <Forbidden what="您只能查看本区县的数据。" />;
    return district[2] ? <ActivitiesPage key={code} fixedDistrict={code} /> : <OverviewPage key={code} fixedDistrict={code} />;
  }
  if (pathname === '/organization') {
    return viewer.role === 'ASSOCIATION_ADMIN' && viewer.org ? <OrganizationPage organizationId={viewer.org} /> : <Forbidden what="本会概况仅供社团管理员查看。" />;
  }
  if (pathname === '/me') {
    return viewer.person ? <MePage personId={viewer.person} /> : <Forbidden what="该账号没有对应的登记人员。" />;
  }
  if (pathname === '/forbidden') return <Forbidden what="该账号没有可查看的页面，请联系管理员。" />;
  return <Result status="404" title="没有这个页面" data-state="not-found" />;
}

export function App() {
  const session = useSyncExternalStore(subscribe, getSession);
  const { pathname } = useLocation();
  useEffect(() => {
    void startSession().then((next) => {
      if (next) navigate(next, true);
    });
  }, []);
  useEffect(() => {
    if (session.status === 'signed-in' && (pathname === '/' || pathname === '/auth/callback')) navigate(homeOf(session.viewer), true);
  }, [session, pathname]);

  switch (session.status) {
    case 'starting':
      return (
        <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
          <Spin size="large" description="正在登录…">
            <div style={{ width: 200, height: 80 }} />
          </Spin>
        </div>
      );
    case 'signed-out':
      return <SignInPage message={session.message} tone="info" />;
    case 'expired':
      return <SignInPage message={session.message} />;
    case 'signed-in':
      return (
        <Shell viewer={session.viewer}>
          <Page viewer={session.viewer} pathname={pathname} />
        </Shell>
      );
  }
}
