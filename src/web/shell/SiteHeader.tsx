import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PreferenceControls } from './PreferenceControls.tsx';

export function SiteHeader({ title }: { title?: string }) {
  const { t } = useTranslation();
  return (
    <header style={{ background: '#c8102e', color: '#fff', padding: '12px 16px' }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Link to="/" style={{ color: '#fff' }}>
          <Typography.Text strong style={{ color: '#fff', fontSize: '1.25em' }}>
            {t('app.name')}
          </Typography.Text>
          <Typography.Text style={{ color: '#fff', marginInlineStart: 8 }}>
            {title ?? t('app.motto')}
          </Typography.Text>
        </Link>
        <div style={{ background: '#fff', color: '#262626', borderRadius: 6, padding: '2px 8px' }}>
          <PreferenceControls />
        </div>
      </Flex>
    </header>
  );
}
