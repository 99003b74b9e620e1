import { Alert, Form, InputNumber, Modal, Switch } from 'antd';
import { useState } from 'react';
import { ApiError, request } from '../../api/client';
import { apiErrorsOf, expectationsInputOf, ExpectationsFormValues, formValuesOf } from './expectations-form';
import type { ScorecardExpectations } from './scorecard';
import { SetScorecardExpectationsDocument } from './scorecard.query';

/**
 * The city administrator sets a year's expectations (本年度考核标准): numbers and a percentage,
 * checked here in Chinese before sending; what the API refuses is shown at its field.
 */
export function ExpectationsModal({ year, current, onSaved, onCancel }: { year: number; current: ScorecardExpectations & { readonly version: number }; onSaved: () => void; onCancel: () => void }) {
  const [form] = Form.useForm<ExpectationsFormValues>();
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);

  const save = async () => {
    let values: ExpectationsFormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setFormError(null);
    try {
      await request(SetScorecardExpectationsDocument, { input: expectationsInputOf(values, year, current.version) });
      onSaved();
    } catch (error) {
      const e = error instanceof ApiError ? error : new ApiError('保存失败，请稍后重试。', null);
      const { fields, form: whole } = apiErrorsOf(e);
      form.setFields(fields);
      setFormError(whole);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open title={`${year}年考核标准`} okText="保存" cancelText="取消" confirmLoading={saving} onOk={() => void save()} onCancel={onCancel} rootClassName="scorecard-expectations-modal">
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} data-form-error />}
      <Form<ExpectationsFormValues> form={form} layout="vertical" initialValues={formValuesOf(current)} requiredMark>
        <Form.Item
          name="registrations"
          label="本年登记（每区县至少，人）"
          rules={[
            { required: true, message: '请填写本年登记人数' },
            { type: 'integer', min: 0, max: 100000, message: '须为 0 到 100000 之间的整数' },
          ]}
        >
          <InputNumber style={{ width: '100%' }} min={0} precision={0} data-field="registrations" />
        </Form.Item>
        <Form.Item
          name="activitiesPerMonth"
          label="举办活动（每区县每月至少，场）"
          rules={[
            { required: true, message: '请填写每月活动场数' },
            { type: 'number', min: 0, max: 100, message: '须在 0 到 100 之间' },
          ]}
        >
          <InputNumber style={{ width: '100%' }} min={0} step={0.5} precision={2} data-field="activitiesPerMonth" />
        </Form.Item>
        <Form.Item
          name="onTimePercent"
          label="按期答复率（不低于）"
          rules={[
            { required: true, message: '请填写按期答复率' },
            { type: 'number', min: 0, max: 100, message: '须在 0% 到 100% 之间' },
          ]}
        >
          <InputNumber style={{ width: '100%' }} min={0} max={100} precision={2} suffix="%" data-field="onTimePercent" />
        </Form.Item>
        <Form.Item name="poolCompliant" label="人才库须达标" valuePropName="checked">
          <Switch checkedChildren="要求" unCheckedChildren="不要求" data-field="poolCompliant" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
