import { Button, Layout, Menu, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Viewer } from '../auth/claims';
import { signOut } from '../auth/session';
import { ROLE_LABELS } from '../labels';
import { navigate, useLocation } from './router';

/** The side menu of a role: each sees their own part of the console (README, "Who may see and change what"). */
export function menuOf(viewer: Viewer): { key: string; label: string }[] {
  switch (viewer.role) {
    case 'CITY_ADMIN':
    case 'ANALYST':
      return [
        { key: '/overview', label: '城市总览' },
        { key: '/activities', label: '活动统计' },
        { key: '/talent-pool', label: '人才库达标' },
        { key: '/feedback', label: '意见诉求' },
        { key: '/cross-district', label: '跨区交流' },
        ...(viewer.role === 'CITY_ADMIN' ? [{ key: '/scorecard', label: '区县考核' }] : []),
      ];
    case 'DISTRICT_ADMIN':
      return viewer.district
        ? [
            { key: `/districts/${viewer.district}`, label: '本区总览' },
            { key: `/districts/${viewer.district}/activities`, label: '本区活动' },
            { key: '/feedback', label: '本区意见诉求' },
          ]
        : [];
    case 'ASSOCIATION_ADMIN':
      return [{ key: '/organization', label: '本会概况' }];
    case 'PERSON':
      return [{ key: '/me', label: '我的信息' }];
  }
}

/** The layout of a signed-in viewer: the role's menu at the side, who they are and 退出登录 at the top. */
export function Shell({ viewer, children }: { viewer: Viewer; children: ReactNode }) {
  const { pathname } = useLocation();
  const items = menuOf(viewer);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider breakpoint="lg" collapsedWidth={0} width={208} theme="dark">
        <div style={{ color: '#fff', fontSize: 20, fontWeight: 600, padding: '18px 24px' }}>同心</div>
        <Menu theme="dark" mode="inline" selectedKeys={[pathname]} items={items} onClick={({ key }) => navigate(key)} data-menu />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', padding: '0 24px', display: 'flex', justifyContent: 'flex-end', alignItems: 'center' }}>
          <Space>
            <Typography.Text data-viewer-name>{viewer.name}</Typography.Text>
            <Typography.Text type="secondary" data-viewer-role>
              {ROLE_LABELS[viewer.role]}
            </Typography.Text>
            <Button onClick={() => void signOut()} data-action="signout">
              退出登录
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>{children}</Layout.Content>
      </Layout>
    </Layout>
  );
}
