import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, showFieldErrors } from '../api.ts';
import { type SessionView, useSession } from '../session.tsx';

type Credentials = { phone: string; password: string };

export function SignInForm({ onSignedIn }: { onSignedIn?: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Credentials>();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { refresh } = useSession();

  async function submit(values: Credentials) {
    setBusy(true);
    setProblem(null);
    try {
      await refresh(await api<SessionView>('/api/auth/sign-in', { body: values }));
      onSignedIn?.();
    } catch (error) {
      if (!showFieldErrors(form, error))
        setProblem(error instanceof ApiError ? error.problem.title : t('errors.unknown'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
      {problem && <Alert type="error" title={problem} style={{ marginBottom: 16 }} showIcon />}
      <Form.Item
        name="phone"
        label={t('signIn.phone')}
        rules={[{ required: true, message: t('signIn.phoneRequired') }]}
      >
        <Input inputMode="tel" autoComplete="username" size="large" />
      </Form.Item>
      <Form.Item
        name="password"
        label={t('signIn.password')}
        rules={[{ required: true, message: t('signIn.passwordRequired') }]}
      >
        <Input.Password autoComplete="current-password" size="large" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block size="large" loading={busy}>
        {t('signIn.submit')}
      </Button>
    </Form>
  );
}
