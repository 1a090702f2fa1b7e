import { Modal, Select, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { shanghaiTime } from '../workbench/problems/types.ts';
import type { ChannelView } from './ChannelsSection.tsx';

type Delivery = {
  id: number;
  kind: string;
  title: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  nextAttemptAt: string;
  lastStatus: number | null;
  lastResponse: string | null;
  updatedAt: string;
};
// Dark enough for white text at WCAG AA (Ant Design's light green and orange tags are not).
const statusColour: Record<string, string> = { sent: '#237804', pending: '#ad4e00', failed: '#a8071a' };

/** What was sent to one channel and what the far side answered, newest first. */
export function DeliveryLog({ channel, onClose }: { channel: ChannelView; onClose(): void }) {
  const { t } = useTranslation('notifications');
  const [status, setStatus] = useState<string | undefined>();
  const [page, setPage] = useState({ page: 1, pageSize: 10 });
  const [data, setData] = useState<{ items: Delivery[]; total: number }>({ items: [], total: 0 });
  const load = useCallback(async () => {
    const query = new URLSearchParams({ page: String(page.page), pageSize: String(page.pageSize) });
    if (status) query.set('status', status);
    setData(await api(`/api/notification-channels/${channel.id}/deliveries?${query}`));
  }, [channel.id, page, status]);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <Modal open width={960} title={`${t('channels.log')} · ${channel.name}`} footer={null} onCancel={onClose}>
      <Select
        aria-label={t('channels.status')}
        placeholder={t('channels.status')}
        allowClear
        style={{ width: 160, marginBottom: 12 }}
        value={status}
        onChange={(v) => {
          setStatus(v);
          setPage({ ...page, page: 1 });
        }}
        options={['sent', 'pending', 'failed'].map((s) => ({ value: s, label: t(`channels.statuses.${s}`) }))}
      />
      <Table<Delivery>
        rowKey="id"
        size="small"
        dataSource={data.items}
        data-testid="delivery-log"
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: data.total,
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
        columns={[
          { title: t('channels.at'), dataIndex: 'updatedAt', render: (v: string) => shanghaiTime(v) },
          {
            title: t('kind'),
            dataIndex: 'kind',
            render: (k: string) => t(`kinds.${k}`, { defaultValue: k }),
          },
          { title: t('subject'), dataIndex: 'title', ellipsis: true },
          {
            title: t('channels.status'),
            dataIndex: 'status',
            render: (s: string, d) => (
              <>
                <Tag color={statusColour[s]}>{t(`channels.statuses.${s}`)}</Tag>
                {s === 'pending' && d.attempts > 0 && (
                  <Typography.Text type="secondary">
                    {t('channels.nextAttempt')} {shanghaiTime(d.nextAttemptAt)}
                  </Typography.Text>
                )}
              </>
            ),
          },
          { title: t('channels.attempts'), dataIndex: 'attempts' },
          {
            title: t('channels.answer'),
            dataIndex: 'lastResponse',
            render: (r: string | null, d) => (
              <Typography.Text code>{`${d.lastStatus ?? '—'} ${r ?? ''}`}</Typography.Text>
            ),
          },
        ]}
      />
    </Modal>
  );
}
