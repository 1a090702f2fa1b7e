import { Button, Form, Segmented } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { type SessionView, useSession } from '../session.tsx';
import { SignInForm } from '../shell/SignInForm.tsx';
import { CodeField, FormProblem, PhoneField } from './fields.tsx';
import { useSubmit } from './useSubmit.ts';

type CodeSignIn = { phone: string; code: string };

function CodeSignInForm() {
  const { t } = useTranslation('resident');
  const [form] = Form.useForm<CodeSignIn>();
  const { refresh } = useSession();
  const { busy, problem, submit } = useSubmit(form, async (values) => {
    await refresh(await api<SessionView>('/api/auth/sign-in-sms', { body: values }));
  });
  return (
    <Form form={form} name="resident-sms-sign-in" layout="vertical" onFinish={submit} requiredMark={false}>
      <FormProblem problem={problem} />
      <PhoneField />
      <CodeField form={form} idPrefix="resident-sms-sign-in" />
      <Button type="primary" htmlType="submit" block size="large" loading={busy}>
        {t('signIn.submit')}
      </Button>
    </Form>
  );
}

/** Password or SMS code: many elderly residents remember their phone better than a password. */
export function ResidentSignIn() {
  const { t } = useTranslation('resident');
  const [method, setMethod] = useState<'password' | 'code'>('password');
  return (
    <>
      <Segmented
        block
        size="large"
        aria-label={t('signIn.method')}
        value={method}
        onChange={(value) => setMethod(value as 'password' | 'code')}
        options={[
          { value: 'password', label: t('signIn.byPassword') },
          { value: 'code', label: t('signIn.byCode') },
        ]}
        style={{ marginBottom: 16 }}
      />
      {method === 'password' ? <SignInForm /> : <CodeSignInForm />}
    </>
  );
}
