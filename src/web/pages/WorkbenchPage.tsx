import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { SignInForm } from '../shell/SignInForm.tsx';
import { SiteHeader } from '../shell/SiteHeader.tsx';

export function WorkbenchPage() {
  const { t } = useTranslation();
  return (
    <>
      <SiteHeader title={t('workbench.title')} />
      <main style={{ maxWidth: 420, margin: '48px auto', padding: 16 }}>
        <Card>
          <Typography.Title level={1} style={{ fontSize: '1.4em' }}>
            {t('workbench.signIn')}
          </Typography.Title>
          <SignInForm />
        </Card>
      </main>
    </>
  );
}
