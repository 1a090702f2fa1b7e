import { Button, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { type SessionView, useSession } from '../session.tsx';
import { CodeField, FormProblem, PhoneField } from './fields.tsx';
import { useSubmit } from './useSubmit.ts';

type Registration = { name: string; phone: string; code: string; password: string };

export function RegisterForm() {
  const { t } = useTranslation('resident');
  const [form] = Form.useForm<Registration>();
  const { refresh } = useSession();
  const { busy, problem, submit } = useSubmit(form, async (values) => {
    await refresh(await api<SessionView>('/api/residents/register', { body: values }));
  });
  return (
    <Form form={form} name="resident-register" layout="vertical" onFinish={submit} requiredMark={false}>
      <Typography.Paragraph>{t('register.intro')}</Typography.Paragraph>
      <FormProblem problem={problem} />
      <Form.Item
        name="name"
        label={t('fields.name')}
        extra={t('fields.nameHint')}
        rules={[{ required: true, whitespace: true, message: t('fields.nameRequired') }]}
      >
        <Input autoComplete="name" maxLength={50} size="large" />
      </Form.Item>
      <PhoneField />
      <CodeField form={form} idPrefix="resident-register" />
      <Form.Item
        name="password"
        label={t('fields.password')}
        extra={t('fields.passwordHint')}
        rules={[
          { required: true, message: t('fields.passwordRequired') },
          { min: 8, message: t('fields.passwordTooShort') },
        ]}
      >
        <Input.Password autoComplete="new-password" size="large" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block size="large" loading={busy}>
        {t('register.submit')}
      </Button>
    </Form>
  );
}
