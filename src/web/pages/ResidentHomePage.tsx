import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { SignInForm } from '../shell/SignInForm.tsx';
import { SiteHeader } from '../shell/SiteHeader.tsx';

// Mobile-first: residents open this inside WeChat on a phone.
export function ResidentHomePage() {
  const { t } = useTranslation();
  return (
    <>
      <SiteHeader title={t('resident.title')} />
      <main style={{ maxWidth: 480, margin: '0 auto', padding: 12 }}>
        <Typography.Title level={1} style={{ fontSize: '1.5em' }}>
          {t('resident.welcome')}
        </Typography.Title>
        <Card>
          <Typography.Paragraph>{t('resident.signInHint')}</Typography.Paragraph>
          <SignInForm />
        </Card>
      </main>
    </>
  );
}
