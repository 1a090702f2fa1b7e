import { BellOutlined } from '@ant-design/icons';
import { Badge, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLiveNotices } from './live.tsx';
import { NoticeList } from './NoticeList.tsx';
import { NoticePreferences } from './Preferences.tsx';

/** The bell of the workbench menu, with the unread count that the live stream keeps current. */
export function NoticeBell() {
  const { unread } = useLiveNotices();
  const { t } = useTranslation('notifications');
  // The count stands beside the bell, not over the menu label.
  return (
    <span data-testid="unread-badge" title={`${t('unreadTag')} ${unread}`}>
      <BellOutlined />
      {unread > 0 && <Badge count={unread} size="small" style={{ marginInlineStart: 4 }} />}
    </span>
  );
}

export function NotificationsSection() {
  const { t } = useTranslation('notifications');
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Typography.Title level={2}>{t('title')}</Typography.Title>
      <NoticeList />
      <NoticePreferences />
    </Space>
  );
}
