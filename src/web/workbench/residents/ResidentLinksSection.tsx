import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export function ResidentLinksSection() {
  const { t } = useTranslation('residents');
  return <Typography.Title level={2}>{t('menu')}</Typography.Title>;
}
