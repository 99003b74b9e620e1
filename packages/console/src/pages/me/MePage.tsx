import { Alert, Button, Card, Descriptions, Spin, Typography } from 'antd';
import { useQuery } from '../../app/useQuery';
import { formatDate } from '../../format';
import { graphql } from '../../gql';
import { AFFILIATION_LABELS, CATEGORY_LABELS, EDUCATION_LABELS, GENDER_LABELS, labelOf, PERSON_STATUS_LABELS, PROFESSION_LABELS } from '../../labels';

const MeDocument = graphql(`
  query Me($id: ID!) {
    person(id: $id) {
      id
      name
      gender
      birthYear
      ethnicity
      politicalAffiliation
      education
      category
      profession
      employer
      position
      returnee
      district {
        name
      }
      street {
        name
      }
      community
      idNumber
      mobile
      status
      registeredOn
    }
  }
`);

/** 我的信息: a registered person's own record, read-only (self-service comes later). */
export function MePage({ personId }: { personId: string }) {
  const result = useQuery(MeDocument, { id: personId });
  if (result.status === 'loading') return <Spin size="large" description="正在加载…" data-state="loading" />;
  if (result.status === 'error') {
    return <Alert type="error" showIcon data-state="error" title="个人信息加载失败" description={result.error.message} action={<Button onClick={result.retry}>重试</Button>} />;
  }
  const p = result.data.person;
  if (!p) return <Alert type="warning" showIcon data-state="empty" title="没有找到您的登记信息" description="请联系所在区县的统战部门核实。" />;
  const text = (v: string | null | undefined) => v || '未填写';
  return (
    <div data-state="done">
      <Typography.Title level={3} data-page-title>
        我的信息
      </Typography.Title>
      <Card>
        <Descriptions bordered column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label="姓名">
            <span data-person-name>{p.name}</span>
          </Descriptions.Item>
          <Descriptions.Item label="性别">{labelOf(GENDER_LABELS, p.gender)}</Descriptions.Item>
          <Descriptions.Item label="出生年份">{p.birthYear} 年</Descriptions.Item>
          <Descriptions.Item label="民族">{p.ethnicity}</Descriptions.Item>
          <Descriptions.Item label="政治面貌">{labelOf(AFFILIATION_LABELS, p.politicalAffiliation)}</Descriptions.Item>
          <Descriptions.Item label="学历">{labelOf(EDUCATION_LABELS, p.education)}</Descriptions.Item>
          <Descriptions.Item label="类别">{labelOf(CATEGORY_LABELS, p.category)}</Descriptions.Item>
          <Descriptions.Item label="职业">{labelOf(PROFESSION_LABELS, p.profession)}</Descriptions.Item>
          <Descriptions.Item label="工作单位">{text(p.employer)}</Descriptions.Item>
          <Descriptions.Item label="职务">{text(p.position)}</Descriptions.Item>
          <Descriptions.Item label="归国留学">{p.returnee ? '是' : '否'}</Descriptions.Item>
          <Descriptions.Item label="所在地">{[p.district.name, p.street?.name, p.community].filter(Boolean).join(' · ')}</Descriptions.Item>
          <Descriptions.Item label="身份证号">{p.idNumber}</Descriptions.Item>
          <Descriptions.Item label="手机号">{text(p.mobile)}</Descriptions.Item>
          <Descriptions.Item label="登记状态">{labelOf(PERSON_STATUS_LABELS, p.status)}</Descriptions.Item>
          <Descriptions.Item label="登记日期">{formatDate(p.registeredOn)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
        如需更正信息，请联系所在区县的统战部门。
      </Typography.Paragraph>
    </div>
  );
}
