import { Button, Card, Layout, Menu, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { useSession } from '../session.tsx';
import { SignInForm } from '../shell/SignInForm.tsx';
import { SiteHeader } from '../shell/SiteHeader.tsx';
import { sections } from '../workbench/sections.tsx';

export function WorkbenchPage() {
  const { t } = useTranslation();
  const { session, loading, signOut } = useSession();
  const navigate = useNavigate();
  const location = useLocation();

  if (loading) return <Spin fullscreen />;
  if (session?.user.kind !== 'staff') {
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

  const current = location.pathname.replace(/^\/workbench\/?/, '').split('/')[0] ?? '';
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <SiteHeader title={t('workbench.title')} />
      <Layout>
        <Layout.Sider width={220} theme="light" breakpoint="lg" collapsedWidth={0}>
          <nav aria-label={t('workbench.title')}>
            <Menu
              mode="inline"
              selectedKeys={[current]}
              onClick={({ key }) => navigate(`/workbench/${key}`)}
              items={sections.map((s) => ({ key: s.path, icon: s.icon, label: t(s.labelKey) }))}
            />
          </nav>
          <div style={{ padding: 16 }}>
            <Typography.Paragraph style={{ marginBottom: 8 }}>{session.user.name}</Typography.Paragraph>
            <Button size="small" onClick={() => void signOut()}>
              {t('workbench.signOut')}
            </Button>
          </div>
        </Layout.Sider>
        <Layout.Content style={{ padding: 24 }}>
          <main>
            <Routes>
              {sections.map((s) => (
                <Route key={s.path} path={s.path === '' ? '' : `${s.path}/*`} element={s.element} />
              ))}
            </Routes>
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
