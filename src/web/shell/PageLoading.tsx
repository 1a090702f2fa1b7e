import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';

/** Shown while an area's code arrives (each area of the site is downloaded when first opened). */
export function PageLoading() {
  const { t } = useTranslation();
  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: 48 }}>
      <Spin tip={t('page.loading')}>
        <div style={{ width: 120, height: 60 }} />
      </Spin>
    </div>
  );
}
