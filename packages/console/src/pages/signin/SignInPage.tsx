import { Alert, Button, Card, Space, Typography } from 'antd';
import { signIn } from '../../auth/session';

/** The start page when nobody is signed in, and after a session ended (with its message). */
export function SignInPage({ message, tone = 'warning' }: { message?: string; tone?: 'warning' | 'info' }) {
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f5f5f5' }}>
      <Card style={{ width: 420 }} data-page="signin">
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <div>
            <Typography.Title level={2} style={{ marginBottom: 4 }}>
              同心
            </Typography.Title>
            <Typography.Text type="secondary">新的社会阶层人士统战工作平台</Typography.Text>
          </div>
          {message ? <Alert type={tone} showIcon title={message} data-session-message /> : null}
          <Button type="primary" size="large" block onClick={() => void signIn()} data-action="signin">
            {message && tone === 'warning' ? '重新登录' : '登录'}
          </Button>
        </Space>
      </Card>
    </div>
  );
}
