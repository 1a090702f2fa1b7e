import { Button, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MyLink } from '../../modules/residents/residents.schemas.ts';
import { api } from '../api.ts';
import { FormProblem } from './fields.tsx';
import { useSubmit } from './useSubmit.ts';

export function LinkByCodeForm({ onLinked }: { onLinked(link: MyLink): Promise<void> }) {
  const { t } = useTranslation('resident');
  const [form] = Form.useForm<{ code: string }>();
  const { busy, problem, submit } = useSubmit(form, async (values) => {
    await onLinked(await api<MyLink>('/api/residents/me/household-links/by-code', { body: values }));
    form.resetFields();
  });
  return (
    <Form form={form} name="link-by-code" layout="vertical" onFinish={submit} requiredMark={false}>
      <Typography.Title level={3} style={{ fontSize: '1.1em' }}>
        {t('household.byCodeTitle')}
      </Typography.Title>
      <FormProblem problem={problem} />
      <Form.Item
        name="code"
        label={t('household.code')}
        extra={t('household.byCodeHint')}
        rules={[{ required: true, whitespace: true, message: t('household.codeRequired') }]}
      >
        <Input autoComplete="off" maxLength={32} size="large" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block size="large" loading={busy}>
        {t('household.byCodeSubmit')}
      </Button>
    </Form>
  );
}
