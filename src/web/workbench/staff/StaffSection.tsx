import { Button, Flex, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { InvitationList } from './InvitationList.tsx';
import { InviteModal } from './InviteModal.tsx';
import { StaffList } from './StaffList.tsx';

export function StaffSection() {
  const { t } = useTranslation('staff');
  const [inviting, setInviting] = useState(false);
  const [refreshKey, setRefreshKey] = useState(0);
  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={2}>{t('title')}</Typography.Title>
        <Button type="primary" onClick={() => setInviting(true)}>
          {t('invite')}
        </Button>
      </Flex>
      <Typography.Paragraph>{t('intro')}</Typography.Paragraph>
      <Tabs
        items={[
          { key: 'staff', label: t('tabs.staff'), children: <StaffList refreshKey={refreshKey} /> },
          {
            key: 'invitations',
            label: t('tabs.invitations'),
            children: <InvitationList refreshKey={refreshKey} />,
          },
        ]}
      />
      <InviteModal
        open={inviting}
        onClose={() => setInviting(false)}
        onInvited={() => setRefreshKey((k) => k + 1)}
      />
    </>
  );
}
