import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** PIPL art. 45: a copy of what is held, as a file the browser saves (the server names it). */
export function MyData() {
  const { t } = useTranslation('resident');
  return (
    <Card title={<h2 style={{ margin: 0, fontSize: '1.2em' }}>{t('data.title')}</h2>}>
      <Typography.Paragraph>{t('data.intro')}</Typography.Paragraph>
      <Button href="/api/residents/me/data" download icon={<DownloadOutlined />} size="large" block>
        {t('data.download')}
      </Button>
    </Card>
  );
}
