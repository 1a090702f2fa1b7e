import { Alert, App, Button, Card, Form, Input, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { type Role, roleNames } from '../../../modules/access/roles.ts';
import type { InvitationAccept, InvitationView } from '../../../modules/staff/staff.schemas.ts';
import { ApiError, api, showFieldErrors } from '../../api.ts';
import { useSession } from '../../session.tsx';
import { formatDateTime } from '../../shared/format.ts';
import { problemText } from '../../shared/problem.ts';
import { SiteHeader } from '../../shell/SiteHeader.tsx';

const RESEND_SECONDS = 60;

function CodeButton({ phone, onProblem }: { phone: () => string; onProblem: (error: unknown) => void }) {
  const { t } = useTranslation('staff');
  const { message } = App.useApp();
  const [wait, setWait] = useState(0);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (wait <= 0) return;
    const timer = setTimeout(() => setWait((w) => w - 1), 1000);
    return () => clearTimeout(timer);
  }, [wait]);

  async function send() {
    setBusy(true);
    try {
      await api('/api/auth/sms-code', { body: { phone: phone() } });
      message.success(t('invitePage.codeSent'));
      setWait(RESEND_SECONDS);
    } catch (error) {
      onProblem(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Button size="large" onClick={send} loading={busy} disabled={wait > 0}>
      {wait > 0 ? t('invitePage.resendIn', { seconds: wait }) : t('invitePage.sendCode')}
    </Button>
  );
}

/** The invitee's page (phone-first): who invites them to what, then phone, SMS code and password. */
export function InvitePage() {
  const { t, i18n } = useTranslation('staff');
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const { refresh } = useSession();
  const [form] = Form.useForm<InvitationAccept>();
  const [invitation, setInvitation] = useState<InvitationView | null>(null);
  const [state, setState] = useState<'loading' | 'invalid' | 'ready'>('loading');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';

  useEffect(() => {
    api<InvitationView>(`/api/invitations/${encodeURIComponent(token)}`)
      .then((view) => {
        setInvitation(view);
        setState('ready');
      })
      .catch(() => setState('invalid'));
  }, [token]);

  function refused(error: unknown) {
    if (!showFieldErrors(form, error)) setProblem(problemText(error));
  }

  async function accept(values: InvitationAccept) {
    setBusy(true);
    setProblem(null);
    try {
      await api(`/api/invitations/${encodeURIComponent(token)}/accept`, { body: values });
      await refresh();
      navigate('/workbench');
    } catch (error) {
      if (error instanceof ApiError && error.problem.status === 409) setProblem(problemText(error));
      else refused(error);
    } finally {
      setBusy(false);
    }
  }

  const unusable = invitation && invitation.state !== 'pending' ? invitation.state : null;

  return (
    <>
      <SiteHeader title={t('invitePage.title')} />
      <main style={{ maxWidth: 480, margin: '0 auto', padding: 12 }}>
        <Typography.Title level={1} style={{ fontSize: '1.5em' }}>
          {t('invitePage.title')}
        </Typography.Title>
        {state === 'loading' && <Spin description={t('invitePage.loading')} />}
        {state === 'invalid' && <Alert type="error" showIcon title={t('invitePage.invalid')} />}
        {unusable && (
          <Space orientation="vertical">
            <Alert type="warning" showIcon title={t(`invitePage.${unusable}`)} />
            <Link to="/workbench">{t('invitePage.signIn')}</Link>
          </Space>
        )}
        {invitation && !unusable && (
          <Card>
            <Typography.Paragraph>
              {t('invitePage.lead', { inviter: invitation.invitedBy ?? '', name: invitation.name })}
            </Typography.Paragraph>
            <Typography.Title level={2} style={{ fontSize: '1.25em', marginTop: 0 }}>
              {roleNames[invitation.role as Role][lang]}
            </Typography.Title>
            <Typography.Paragraph>
              {t('invitePage.at', {
                where: [invitation.placeName, invitation.gridName].filter(Boolean).join(' · '),
              })}
              {invitation.partyName && (
                <>
                  <br />
                  {t('invitePage.party', { party: invitation.partyName })}
                </>
              )}
              {invitation.sector && (
                <>
                  <br />
                  {t('invitePage.sector', { sector: invitation.sector })}
                </>
              )}
              <br />
              {t('invitePage.until', { date: formatDateTime(invitation.expiresAt, i18n.language) })}
            </Typography.Paragraph>
            {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
            <Typography.Paragraph>{t('invitePage.passwordHint')}</Typography.Paragraph>
            <Form form={form} layout="vertical" onFinish={accept} requiredMark={false}>
              <Form.Item
                name="phone"
                label={t('invitePage.phone')}
                rules={[{ required: true, message: t('invitePage.phoneRequired') }]}
              >
                <Input inputMode="tel" autoComplete="tel" maxLength={11} size="large" />
              </Form.Item>
              <Form.Item label={t('invitePage.code')} required>
                <Space.Compact style={{ width: '100%' }}>
                  <Form.Item
                    name="code"
                    noStyle
                    rules={[{ required: true, message: t('invitePage.codeRequired') }]}
                  >
                    <Input
                      inputMode="numeric"
                      autoComplete="one-time-code"
                      maxLength={6}
                      size="large"
                      aria-label={t('invitePage.code')}
                    />
                  </Form.Item>
                  <CodeButton phone={() => form.getFieldValue('phone') ?? ''} onProblem={refused} />
                </Space.Compact>
              </Form.Item>
              <Form.Item
                name="password"
                label={t('invitePage.password')}
                rules={[{ required: true, message: t('invitePage.passwordRequired') }]}
              >
                <Input.Password autoComplete="new-password" size="large" />
              </Form.Item>
              <Button type="primary" htmlType="submit" block size="large" loading={busy}>
                {t('invitePage.submit')}
              </Button>
            </Form>
          </Card>
        )}
      </main>
    </>
  );
}
