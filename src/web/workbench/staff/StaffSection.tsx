import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export function StaffSection() {
  const { t } = useTranslation('staff');
  return <Typography.Title level={2}>{t('menu')}</Typography.Title>;
}
