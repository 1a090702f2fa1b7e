import { Badge, Button, Empty, List, Select, Space, Switch, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../api.ts';
import { shanghaiTime } from '../workbench/problems/types.ts';
import { type Notice, useLiveNotices, useNoticeListener } from './live.tsx';

type InboxPage = { items: Notice[]; total: number; unread: number };
const kinds = ['dispatched', 'taken', 'reported', 'reply', 'result_to_confirm', 'digest', 'test'];

/** The inbox: newest first, filtered by kind and unread, paged; new notices appear as they come. */
export function NoticeList({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation('notifications');
  const navigate = useNavigate();
  const { refreshUnread } = useLiveNotices();
  const [filters, setFilters] = useState<{ kind?: string; unread: boolean }>({ unread: false });
  const [page, setPage] = useState({ page: 1, pageSize: compact ? 10 : 20 });
  const [data, setData] = useState<InboxPage>({ items: [], total: 0, unread: 0 });
  const load = useCallback(async () => {
    const query = new URLSearchParams({ page: String(page.page), pageSize: String(page.pageSize) });
    if (filters.kind) query.set('kind', filters.kind);
    if (filters.unread) query.set('unread', 'true');
    setData(await api<InboxPage>(`/api/notifications?${query}`));
  }, [filters, page]);
  useEffect(() => {
    void load();
  }, [load]);
  useNoticeListener(() => void load());

  async function markRead(notice: Notice) {
    if (!notice.readAt) await api(`/api/notifications/${notice.seq}/read`, { method: 'POST' });
    await Promise.all([load(), refreshUnread()]);
  }
  async function open(notice: Notice) {
    await markRead(notice);
    if (notice.link) navigate(notice.link);
  }
  async function markAll() {
    await api('/api/notifications/read-all', { method: 'POST' });
    await Promise.all([load(), refreshUnread()]);
  }

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <Select
          aria-label={t('kind')}
          placeholder={t('kind')}
          allowClear
          style={{ width: 160 }}
          value={filters.kind}
          onChange={(kind) => {
            setFilters({ ...filters, kind });
            setPage({ ...page, page: 1 });
          }}
          options={kinds.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
        />
        <Space>
          <Switch
            aria-label={t('unreadOnly')}
            checked={filters.unread}
            onChange={(unread) => {
              setFilters({ ...filters, unread });
              setPage({ ...page, page: 1 });
            }}
          />
          <span>{t('unreadOnly')}</span>
        </Space>
        <Button onClick={() => void markAll()} disabled={data.unread === 0}>
          {t('markAllRead')}
        </Button>
      </Space>
      <List
        data-testid="notice-list"
        dataSource={data.items}
        locale={{ emptyText: <Empty description={t('empty')} /> }}
        pagination={
          data.total > page.pageSize
            ? {
                current: page.page,
                pageSize: page.pageSize,
                total: data.total,
                size: 'small',
                onChange: (p, s) => setPage({ page: p, pageSize: s }),
              }
            : false
        }
        renderItem={(n) => (
          <List.Item
            data-testid="notice"
            actions={[
              n.link && (
                <Button key="open" type="link" onClick={() => void open(n)}>
                  {t('open')}
                </Button>
              ),
              !n.readAt && (
                <Button key="read" type="link" onClick={() => void markRead(n)}>
                  {t('markRead')}
                </Button>
              ),
            ].filter(Boolean)}
          >
            <List.Item.Meta
              title={
                <Space wrap size={4}>
                  {!n.readAt && <Badge status="error" text={t('unreadTag')} />}
                  <Tag>{t(`kinds.${n.kind}`, { defaultValue: n.kind })}</Tag>
                  <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
                </Space>
              }
              description={
                <>
                  {n.body && (
                    <Typography.Paragraph style={{ whiteSpace: 'pre-line', marginBottom: 4 }}>
                      {n.body}
                    </Typography.Paragraph>
                  )}
                  <Typography.Text type="secondary">{shanghaiTime(n.createdAt)}</Typography.Text>
                </>
              }
            />
          </List.Item>
        )}
      />
    </Space>
  );
}
