import { Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { NoticesTab } from './NoticesTab.tsx';
import { OverdueTab } from './OverdueTab.tsx';
import { RulesTab } from './RulesTab.tsx';

export function LadderSection() {
  const { t } = useTranslation('ladder');
  return (
    <>
      <Typography.Title level={2}>{t('title')}</Typography.Title>
      <Tabs
        items={[
          { key: 'overdue', label: t('tabs.overdue'), children: <OverdueTab /> },
          { key: 'rules', label: t('tabs.rules'), children: <RulesTab /> },
          { key: 'notices', label: t('tabs.notices'), children: <NoticesTab /> },
        ]}
      />
    </>
  );
}
