import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router-dom';
import { WallDetailView } from '../echo/WallDetailView.tsx';
import { WallList } from '../echo/WallList.tsx';
import { SiteHeader } from '../shell/SiteHeader.tsx';

export function EchoWallPage() {
  const { t } = useTranslation();
  return (
    <>
      <SiteHeader title={t('wall.title')} />
      <main style={{ maxWidth: 960, margin: '0 auto', padding: 12 }}>
        <Typography.Title level={1} style={{ fontSize: '1.5em' }}>
          {t('wall.title')}
        </Typography.Title>
        <Typography.Paragraph>{t('wall.subtitle')}</Typography.Paragraph>
        <Routes>
          <Route path="" element={<WallList />} />
          <Route path=":id" element={<WallDetailView />} />
        </Routes>
      </main>
    </>
  );
}
