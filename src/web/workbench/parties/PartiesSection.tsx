import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export function PartiesSection() {
  const { t } = useTranslation('parties');
  return <Typography.Title level={2}>{t('menu')}</Typography.Title>;
}
