import { Alert, App, Button, Form, Input, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, showFieldErrors } from '../api.ts';
import { PlacePicker } from '../shared/PlacePicker.tsx';
import { shanghaiTime } from '../workbench/problems/types.ts';
import { DeliveryLog } from './DeliveryLog.tsx';

export type ChannelView = {
  id: string;
  placeId: string;
  placeName: string;
  kind: 'wecom' | 'dingtalk' | 'feishu' | 'webhook';
  name: string;
  url: string;
  hasSecret: boolean;
  eventKinds: string[];
  enabled: boolean;
  lastDelivery: { status: string; at: string; lastStatus: number | null } | null;
};
type FormValues = {
  placeId?: string;
  kind: ChannelView['kind'];
  name: string;
  url: string;
  secret?: string;
  eventKinds: string[];
  enabled: boolean;
};

const channelKinds = ['wecom', 'dingtalk', 'feishu', 'webhook'] as const;
const eventKinds = ['dispatched', 'taken', 'reported', 'escalated', 'deadline_near'];
// Dark enough for white text at WCAG AA (Ant Design's light green and orange tags are not).
const statusColour: Record<string, string> = { sent: '#237804', pending: '#ad4e00', failed: '#a8071a' };

function ChannelForm({ editing, onDone }: { editing: ChannelView | 'new'; onDone(saved: boolean): void }) {
  const { t } = useTranslation('notifications');
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const isNew = editing === 'new';
  async function submit(values: FormValues) {
    try {
      if (isNew) await api('/api/notification-channels', { body: values });
      else {
        const { placeId: _place, secret, ...rest } = values;
        // An empty secret field on an edit keeps the stored one.
        await api(`/api/notification-channels/${editing.id}`, {
          method: 'PATCH',
          body: secret ? { ...rest, secret } : rest,
        });
      }
      onDone(true);
    } catch (error) {
      if (!showFieldErrors(form, error))
        void message.error(error instanceof ApiError ? error.problem.title : String(error));
    }
  }
  return (
    <Modal
      open
      title={isNew ? t('channels.add') : t('channels.edit')}
      okText={t('channels.save')}
      cancelText={t('channels.cancel')}
      onOk={() => form.submit()}
      onCancel={() => onDone(false)}
      destroyOnHidden
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={
          isNew ? { kind: 'dingtalk', eventKinds: [], enabled: true } : { ...editing, url: '', secret: '' }
        }
      >
        {isNew && (
          <Form.Item name="placeId" label={t('channels.place')} rules={[{ required: true }]}>
            <PlacePicker source="/api/parties/place-options" />
          </Form.Item>
        )}
        <Form.Item name="kind" label={t('channels.kind')} rules={[{ required: true }]}>
          <Select options={channelKinds.map((k) => ({ value: k, label: t(`channels.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('channels.name')} rules={[{ required: true }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item
          name="url"
          label={t('channels.url')}
          rules={[{ required: isNew }]}
          extra={isNew ? undefined : editing.url}
        >
          <Input placeholder="https://oapi.dingtalk.com/robot/send?access_token=…" />
        </Form.Item>
        <Form.Item
          name="secret"
          label={t('channels.secret')}
          extra={!isNew && editing.hasSecret ? t('channels.secretKept') : undefined}
        >
          <Input.Password autoComplete="off" placeholder="SEC…" />
        </Form.Item>
        <Form.Item name="eventKinds" label={t('channels.events')}>
          <Select mode="multiple" options={eventKinds.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="enabled" label={t('channels.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A community's group robots: add, edit, test now, and read what each one answered. */
export function ChannelsSection() {
  const { t } = useTranslation('notifications');
  const { message } = App.useApp();
  const [items, setItems] = useState<ChannelView[]>([]);
  const [editing, setEditing] = useState<ChannelView | 'new' | null>(null);
  const [logOf, setLogOf] = useState<ChannelView | null>(null);
  const [testing, setTesting] = useState<string | null>(null);
  const [forbidden, setForbidden] = useState(false);
  const load = useCallback(async () => {
    try {
      setItems((await api<{ items: ChannelView[] }>('/api/notification-channels')).items);
    } catch (error) {
      if (error instanceof ApiError && error.problem.status === 403) setForbidden(true);
      else throw error;
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  if (forbidden)
    return (
      <>
        <Typography.Title level={2}>{t('channels.title')}</Typography.Title>
        <Alert type="info" title={t('channelsForbidden')} />
      </>
    );

  async function test(channel: ChannelView) {
    setTesting(channel.id);
    try {
      const result = await api<{ ok: boolean; status: number | null; response: string }>(
        `/api/notification-channels/${channel.id}/test`,
        { method: 'POST' },
      );
      if (result.ok) void message.success(`${t('channels.testOk')}：${result.response}`);
      else void message.error(`${t('channels.testFailed')}（${result.status ?? '—'}）：${result.response}`);
      await load();
    } finally {
      setTesting(null);
    }
  }

  return (
    <>
      <Typography.Title level={2}>{t('channels.title')}</Typography.Title>
      <Button type="primary" style={{ marginBottom: 16 }} onClick={() => setEditing('new')}>
        {t('channels.add')}
      </Button>
      <Table<ChannelView>
        rowKey="id"
        dataSource={items}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('channels.none') }}
        columns={[
          { title: t('channels.name'), dataIndex: 'name', sorter: (a, b) => a.name.localeCompare(b.name) },
          {
            title: t('channels.kind'),
            dataIndex: 'kind',
            render: (k: string) => t(`channels.kinds.${k}`),
            filters: channelKinds.map((k) => ({ value: k, text: t(`channels.kinds.${k}`) })),
            onFilter: (v, r) => r.kind === v,
          },
          { title: t('channels.place'), dataIndex: 'placeName' },
          { title: t('channels.url'), dataIndex: 'url', ellipsis: true },
          {
            title: t('channels.enabled'),
            dataIndex: 'enabled',
            render: (on: boolean) => (on ? <Tag color="#237804">{t('channels.enabled')}</Tag> : <Tag>—</Tag>),
          },
          {
            title: t('channels.lastDelivery'),
            dataIndex: 'lastDelivery',
            render: (d: ChannelView['lastDelivery']) =>
              d ? (
                <Space size={4}>
                  <Tag color={statusColour[d.status]}>{t(`channels.statuses.${d.status}`)}</Tag>
                  {shanghaiTime(d.at)}
                </Space>
              ) : (
                '—'
              ),
          },
          {
            title: '',
            key: 'actions',
            render: (_, c) => (
              <Space wrap>
                <Button size="small" loading={testing === c.id} onClick={() => void test(c)}>
                  {t('channels.test')}
                </Button>
                <Button size="small" onClick={() => setLogOf(c)}>
                  {t('channels.log')}
                </Button>
                <Button size="small" onClick={() => setEditing(c)}>
                  {t('channels.edit')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <ChannelForm
          editing={editing}
          onDone={(saved) => {
            setEditing(null);
            if (saved) void load();
          }}
        />
      )}
      {logOf && <DeliveryLog channel={logOf} onClose={() => setLogOf(null)} />}
    </>
  );
}
