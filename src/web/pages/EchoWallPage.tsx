import { Empty, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { SiteHeader } from '../shell/SiteHeader.tsx';

export function EchoWallPage() {
  const { t } = useTranslation();
  return (
    <>
      <SiteHeader title={t('wall.title')} />
      <main style={{ maxWidth: 960, margin: '0 auto', padding: 16 }}>
        <Typography.Title level={1}>{t('wall.title')}</Typography.Title>
        <Typography.Paragraph>{t('wall.subtitle')}</Typography.Paragraph>
        <Empty description={t('wall.empty')} />
      </main>
    </>
  );
}
