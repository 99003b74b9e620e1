import { Alert, Button, Card, Descriptions, Spin, Table, Typography } from 'antd';
import { useQuery } from '../../app/useQuery';
import { formatCount, formatDate } from '../../format';
import { graphql } from '../../gql';
import { labelOf, MEMBERSHIP_ROLE_LABELS, ORGANIZATION_KIND_LABELS } from '../../labels';

const OrganizationDocument = graphql(`
  query OwnOrganization($id: ID!) {
    organization(id: $id) {
      id
      name
      kind
      district {
        name
      }
      foundedOn
      memberCount
      members(first: 100) {
        totalCount
        edges {
          node {
            id
            role
            startDate
            person {
              id
              name
              employer
            }
          }
        }
      }
    }
  }
`);

/** 本会概况: an association administrator's own organization, its member count and members. */
export function OrganizationPage({ organizationId }: { organizationId: string }) {
  const result = useQuery(OrganizationDocument, { id: organizationId });
  if (result.status === 'loading') return <Spin size="large" description="正在加载…" data-state="loading" />;
  if (result.status === 'error') {
    return <Alert type="error" showIcon data-state="error" title="组织信息加载失败" description={result.error.message} action={<Button onClick={result.retry}>重试</Button>} />;
  }
  const org = result.data.organization;
  if (!org) return <Alert type="warning" showIcon data-state="empty" title="没有找到您所在的组织" description="请联系管理员核实账号所属的组织。" />;
  const members = org.members?.edges.map((e) => e.node) ?? [];
  return (
    <div data-state="done">
      <Typography.Title level={3} data-page-title>
        {org.name}
      </Typography.Title>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label="类型">{labelOf(ORGANIZATION_KIND_LABELS, org.kind)}</Descriptions.Item>
          <Descriptions.Item label="所在区县">{org.district.name}</Descriptions.Item>
          <Descriptions.Item label="成立日期">{formatDate(org.foundedOn) || '未填写'}</Descriptions.Item>
          <Descriptions.Item label="成员人数">
            <span data-member-count>{org.memberCount == null ? '<5' : `${formatCount(org.memberCount)} 人`}</span>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title="成员名单">
        <Table
          size="small"
          rowKey="id"
          dataSource={members}
          pagination={{ pageSize: 20, showTotal: (n) => `共 ${formatCount(n)} 人` }}
          locale={{ emptyText: '暂无成员' }}
          columns={[
            { title: '姓名', key: 'name', render: (_, m) => m.person?.name ?? '（已不在册）' },
            { title: '职务', key: 'role', render: (_, m) => labelOf(MEMBERSHIP_ROLE_LABELS, m.role) },
            { title: '工作单位', key: 'employer', render: (_, m) => m.person?.employer ?? '' },
            { title: '入会日期', key: 'startDate', render: (_, m) => formatDate(m.startDate) },
          ]}
        />
      </Card>
    </div>
  );
}
