import { Button, Form, Input, Modal, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { matterStates } from '../../../domain/matters/states.ts';
import { categories, categoryNames, channelNames, channels } from '../../../domain/matters/vocabulary.ts';
import { api } from '../../api.ts';
import { Photos } from '../../shared/Photos.tsx';
import { useRefusal } from '../../shared/problem.ts';
import { usePreferences } from '../../shell/preferences.tsx';
import { ExportButton } from '../exports/ExportButton.tsx';
import { IntakeModal } from '../intake/IntakeModal.tsx';
import { type Page, type ProblemRow, type StaffMatter, shanghaiTime } from './types.ts';

type AcceptValues = {
  mode: 'new' | 'join';
  title?: string;
  urgency?: 1 | 2 | 3;
  severity?: 1 | 2 | 3;
  problemId?: string;
};

function AcceptDialog({ matter, onClose }: { matter: StaffMatter; onClose(changed: boolean): void }) {
  const { t } = useTranslation('problems');
  const [form] = Form.useForm<AcceptValues>();
  const refuse = useRefusal(form);
  const mode = Form.useWatch('mode', form);
  const [open, setOpen] = useState<ProblemRow[]>([]);
  useEffect(() => {
    void api<Page<ProblemRow>>('/api/workbench/problems?state=unsolved&sort=created&pageSize=100').then((p) =>
      setOpen(p.items),
    );
  }, []);
  async function submit(v: AcceptValues) {
    const body =
      v.mode === 'join'
        ? { problemId: v.problemId }
        : { title: v.title, urgency: v.urgency, severity: v.severity };
    try {
      await api(`/api/matters/${matter.id}/accept`, { body });
      onClose(true);
    } catch (error) {
      refuse(error);
    }
  }
  const levels = [1, 2, 3].map((n) => ({ value: n, label: t(`levels3.${n}`) }));
  return (
    <Modal
      open
      title={t('acceptTitle')}
      onCancel={() => onClose(false)}
      onOk={() => form.submit()}
      okText={t('confirm')}
      cancelText={t('cancel')}
    >
      <Typography.Paragraph type="secondary">{matter.text}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          mode: 'new',
          title: matter.title ?? matter.text.slice(0, 30),
          urgency: 2,
          severity: 2,
        }}
      >
        <Form.Item name="mode">
          <Radio.Group
            options={[
              { value: 'new', label: t('newProblem') },
              { value: 'join', label: t('joinProblem') },
            ]}
          />
        </Form.Item>
        {mode === 'join' ? (
          <Form.Item
            name="problemId"
            label={t('chooseProblem')}
            rules={[{ required: true, message: t('chooseProblem') }]}
          >
            <Select
              showSearch
              optionFilterProp="label"
              options={open.map((p) => ({ value: p.id, label: `${p.title} · ${p.placeName}` }))}
            />
          </Form.Item>
        ) : (
          <>
            <Form.Item
              name="title"
              label={t('problemTitle')}
              rules={[{ required: true, whitespace: true, message: t('problemTitle') }]}
            >
              <Input maxLength={60} />
            </Form.Item>
            <Space size="large">
              <Form.Item name="urgency" label={t('urgency')}>
                <Select options={levels} style={{ width: 120 }} />
              </Form.Item>
              <Form.Item name="severity" label={t('severity')}>
                <Select options={levels} style={{ width: 120 }} />
              </Form.Item>
            </Space>
          </>
        )}
      </Form>
    </Modal>
  );
}

function DeclineDialog({ matter, onClose }: { matter: StaffMatter; onClose(changed: boolean): void }) {
  const { t } = useTranslation('problems');
  const [form] = Form.useForm<{ reason: string }>();
  const refuse = useRefusal(form);
  async function submit(v: { reason: string }) {
    try {
      await api(`/api/matters/${matter.id}/decline`, { body: v });
      onClose(true);
    } catch (error) {
      refuse(error);
    }
  }
  return (
    <Modal
      open
      title={t('decline')}
      onCancel={() => onClose(false)}
      onOk={() => form.submit()}
      okText={t('confirm')}
      cancelText={t('cancel')}
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="reason"
          label={t('declineReason')}
          rules={[{ required: true, whitespace: true, message: t('declineReason') }]}
        >
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function InboxSection() {
  const { t } = useTranslation('problems');
  const { language } = usePreferences();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [data, setData] = useState<Page<StaffMatter>>({ items: [], total: 0 });
  const [loading, setLoading] = useState(false);
  const [dialog, setDialog] = useState<{ kind: 'accept' | 'decline'; matter: StaffMatter } | null>(null);
  const [recording, setRecording] = useState(false);
  const [filters, setFilters] = useState<{
    channel?: string;
    category?: string;
    sort: string;
    state: string;
  }>({
    sort: 'oldest',
    state: 'submitted',
  });
  const { t: ti } = useTranslation('intake');
  const { t: te } = useTranslation('exports');
  const load = useCallback(async () => {
    setLoading(true);
    const query = new URLSearchParams({
      page: String(page.page),
      pageSize: String(page.pageSize),
      sort: filters.sort,
      state: filters.state,
    });
    for (const k of ['channel', 'category'] as const) if (filters[k]) query.set(k, filters[k]!);
    try {
      setData(await api<Page<StaffMatter>>(`/api/workbench/inbox?${query}`));
    } finally {
      setLoading(false);
    }
  }, [page, filters]);
  const filter = (key: 'channel' | 'category' | 'sort' | 'state', value: string | undefined) => {
    const fallback = { sort: 'oldest', state: 'submitted' } as Record<string, string | undefined>;
    setFilters({ ...filters, [key]: value ?? fallback[key] });
    setPage({ ...page, page: 1 });
  };
  useEffect(() => {
    void load();
  }, [load]);
  const close = (changed: boolean) => {
    setDialog(null);
    if (changed) void load();
  };
  return (
    <>
      <Typography.Title level={2}>{t('inboxTitle')}</Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label={te('matterState')}
          style={{ width: 150 }}
          value={filters.state}
          onChange={(v) => filter('state', v)}
          options={[...matterStates, 'any' as const].map((state) => ({
            value: state,
            label: te(`matterStates.${state}`),
          }))}
        />
        <Select
          aria-label={ti('inbox.channel')}
          placeholder={ti('inbox.channel')}
          allowClear
          style={{ width: 150 }}
          value={filters.channel}
          onChange={(v) => filter('channel', v)}
          options={channels.map((c) => ({ value: c, label: channelNames[c][language] }))}
        />
        <Select
          aria-label={ti('inbox.category')}
          placeholder={ti('inbox.category')}
          allowClear
          style={{ width: 160 }}
          value={filters.category}
          onChange={(v) => filter('category', v)}
          options={categories.map((c) => ({ value: c, label: categoryNames[c][language] }))}
        />
        <Select
          aria-label={ti('inbox.sort')}
          style={{ width: 150 }}
          value={filters.sort}
          onChange={(v) => filter('sort', v)}
          options={[
            { value: 'oldest', label: ti('inbox.oldest') },
            { value: 'newest', label: ti('inbox.newest') },
          ]}
        />
        <Button type="primary" onClick={() => setRecording(true)}>
          {ti('record.open')}
        </Button>
        <ExportButton kind="matters" filters={filters} />
      </Space>
      <IntakeModal
        open={recording}
        onClose={(recorded) => {
          setRecording(false);
          if (recorded) void load();
        }}
      />
      <Table<StaffMatter>
        rowKey="id"
        loading={loading}
        dataSource={data.items}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: data.total,
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
        columns={[
          { title: t('submitted'), dataIndex: 'createdAt', render: shanghaiTime, width: 170 },
          { title: t('place'), dataIndex: 'placeName', width: 180 },
          {
            title: t('category'),
            dataIndex: 'category',
            render: (c: keyof typeof categoryNames) => categoryNames[c]?.[language],
            width: 110,
          },
          {
            title: t('channel'),
            dataIndex: 'channel',
            render: (c: keyof typeof channelNames, m) => (
              <>
                {channelNames[c]?.[language]}
                {m.hotlineNo && <div>{m.hotlineNo}</div>}
              </>
            ),
            width: 100,
          },
          {
            title: t('submitter'),
            render: (_, m) => [m.submitterName, m.submitterPhone].filter(Boolean).join(' '),
            width: 150,
          },
          {
            title: t('text'),
            dataIndex: 'text',
            ellipsis: true,
            render: (text: string, m) => (
              <>
                <div>{text}</div>
                <Photos photos={m.photos} alt={ti('record.photo')} size={40} />
              </>
            ),
          },
          ...(filters.state === 'submitted'
            ? []
            : [
                {
                  title: te('matterState'),
                  dataIndex: 'state',
                  width: 100,
                  render: (state: string) => <Tag>{te(`matterStates.${state}`)}</Tag>,
                },
              ]),
          {
            title: t('actions'),
            width: 190,
            // Only a matter still waiting can be accepted or declined.
            render: (_, m) =>
              m.state !== 'submitted' ? null : (
                <Space>
                  <Button
                    type="primary"
                    size="small"
                    onClick={() => setDialog({ kind: 'accept', matter: m })}
                  >
                    {t('accept')}
                  </Button>
                  <Button size="small" onClick={() => setDialog({ kind: 'decline', matter: m })}>
                    {t('decline')}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      {dialog?.kind === 'accept' && <AcceptDialog matter={dialog.matter} onClose={close} />}
      {dialog?.kind === 'decline' && <DeclineDialog matter={dialog.matter} onClose={close} />}
    </>
  );
}
