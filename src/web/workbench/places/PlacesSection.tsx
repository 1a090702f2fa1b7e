import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export function PlacesSection() {
  const { t } = useTranslation('places');
  return <Typography.Title level={2}>{t('menu')}</Typography.Title>;
}
