import { Alert, Button, Form, type FormInstance, Input, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, showFieldErrors } from '../api.ts';

// The server allows one code a minute per phone; the button waits as long.
const RESEND_SECONDS = 60;

export function FormProblem({ problem }: { problem: string | null }) {
  return problem ? <Alert type="error" title={problem} showIcon style={{ marginBottom: 16 }} /> : null;
}

export function PhoneField() {
  const { t } = useTranslation('resident');
  return (
    <Form.Item
      name="phone"
      label={t('fields.phone')}
      rules={[
        { required: true, message: t('fields.phoneRequired') },
        { pattern: /^\s*1[3-9]\d{9}\s*$/, message: t('fields.phoneInvalid') },
      ]}
    >
      <Input inputMode="tel" autoComplete="tel" maxLength={13} size="large" />
    </Form.Item>
  );
}

/** The SMS code with its "get code" button, which counts down before a code can be sent again. */
export function CodeField({ form, idPrefix }: { form: FormInstance; idPrefix: string }) {
  const { t } = useTranslation('resident');
  const [secondsLeft, setSecondsLeft] = useState(0);
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (secondsLeft <= 0) return;
    const timer = setTimeout(() => setSecondsLeft((s) => s - 1), 1000);
    return () => clearTimeout(timer);
  }, [secondsLeft]);

  async function send() {
    try {
      await form.validateFields(['phone']);
    } catch {
      return;
    }
    setBusy(true);
    try {
      await api('/api/auth/sms-code', { body: { phone: String(form.getFieldValue('phone')).trim() } });
      setSent(true);
      setSecondsLeft(RESEND_SECONDS);
    } catch (error) {
      if (!showFieldErrors(form, error)) {
        const text = error instanceof ApiError ? error.problem.title : t('translation:errors.unknown');
        form.setFields([{ name: 'phone', errors: [text] }]);
      }
      if (error instanceof ApiError && error.problem.status === 429) setSecondsLeft(RESEND_SECONDS);
    } finally {
      setBusy(false);
    }
  }

  const inputId = `${idPrefix}-code`;
  return (
    <Form.Item
      label={t('fields.code')}
      htmlFor={inputId}
      extra={<span role="status">{sent ? t('code.sent') : ''}</span>}
    >
      <Space.Compact style={{ width: '100%' }}>
        <Form.Item
          name="code"
          noStyle
          rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('fields.codeRequired') }]}
        >
          <Input id={inputId} inputMode="numeric" autoComplete="one-time-code" maxLength={6} size="large" />
        </Form.Item>
        <Button size="large" onClick={() => void send()} disabled={secondsLeft > 0} loading={busy}>
          {secondsLeft > 0 ? t('code.resendIn', { seconds: secondsLeft }) : t('code.get')}
        </Button>
      </Space.Compact>
    </Form.Item>
  );
}
