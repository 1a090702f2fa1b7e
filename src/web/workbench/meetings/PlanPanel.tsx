import { Button, Card, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, showFieldErrors } from '../../api.ts';
import type { PanelProps } from './MeetingPage.tsx';
import type { Meeting } from './types.ts';

type ActionItem = Meeting['actionItems'][number];
type NewItem = { agendaItemId: string; title: string; partyId?: string; userId?: string; dueOn: string };

function ProgressModal({ item, onClose }: { item: ActionItem | null; onClose(changed: boolean): void }) {
  const { t } = useTranslation('meetings');
  const [form] = Form.useForm<{ status: string; evidence?: string }>();
  async function submit(v: { status: string; evidence?: string }) {
    try {
      await api(`/api/action-items/${item?.id}/progress`, { body: v });
      form.resetFields();
      onClose(true);
    } catch (error) {
      if (!showFieldErrors(form, error)) throw error;
    }
  }
  return (
    <Modal
      open={item !== null}
      title={`${t('progress')}：${item?.title ?? ''}`}
      onCancel={() => onClose(false)}
      onOk={() => form.submit()}
      okText={t('save')}
      cancelText={t('cancel')}
      forceRender
    >
      <Form
        form={form}
        name="progress"
        layout="vertical"
        onFinish={submit}
        initialValues={{ status: 'done' }}
      >
        <Form.Item name="status" label={t('status')}>
          <Select options={['in_progress', 'done'].map((s) => ({ value: s, label: t(`statuses.${s}`) }))} />
        </Form.Item>
        <Form.Item name="evidence" label={t('evidence')}>
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 实施方案: who does what by when, with evidence; overdue items show the rung they climbed to. */
export function PlanPanel({ meeting, onChange, reload, options }: PanelProps) {
  const { t } = useTranslation('meetings');
  const [form] = Form.useForm<NewItem>();
  const [working, setWorking] = useState<ActionItem | null>(null);
  const adopted = meeting.agenda.filter((a) => a.state === 'decided' && a.adopted);
  const planning = meeting.may.record && (meeting.state === 'in_session' || meeting.state === 'concluded');
  async function add(v: NewItem) {
    try {
      onChange(await api<Meeting>(`/api/meetings/${meeting.id}/action-items`, { body: v }));
      form.resetFields(['title', 'partyId', 'userId', 'dueOn']);
    } catch (error) {
      if (!showFieldErrors(form, error)) throw error;
    }
  }
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Table<ActionItem>
        rowKey="id"
        pagination={false}
        dataSource={meeting.actionItems}
        locale={{ emptyText: t('none') }}
        columns={[
          { title: t('actionTitle'), dataIndex: 'title' },
          { title: t('responsibleParty'), dataIndex: 'responsible', width: 180 },
          {
            title: t('dueOn'),
            dataIndex: 'dueOn',
            width: 150,
            render: (d: string, a) => (
              <>
                {d} {a.overdue && <Tag color="red">{t('overdue')}</Tag>}
              </>
            ),
          },
          { title: t('level'), dataIndex: 'level', width: 110, render: (l: string) => t(`levels.${l}`) },
          {
            title: t('status'),
            dataIndex: 'status',
            width: 100,
            render: (s: string) => <Tag color={s === 'done' ? 'success' : 'blue'}>{t(`statuses.${s}`)}</Tag>,
          },
          { title: t('evidence'), dataIndex: 'evidence' },
          {
            title: '',
            width: 110,
            render: (_, a) =>
              a.canUpdate ? <Button onClick={() => setWorking(a)}>{t('progress')}</Button> : null,
          },
        ]}
      />
      <ProgressModal
        item={working}
        onClose={(changed) => {
          setWorking(null);
          if (changed) void reload();
        }}
      />
      {planning && adopted.length > 0 && (
        <Card size="small" title={t('addAction')}>
          <Form<NewItem>
            form={form}
            name="action"
            layout="vertical"
            onFinish={add}
            initialValues={{ agendaItemId: adopted[0]?.id }}
          >
            <Form.Item name="agendaItemId" label={t('forItem')} rules={[{ required: true }]}>
              <Select options={adopted.map((a) => ({ value: a.id, label: `${a.position}. ${a.topic}` }))} />
            </Form.Item>
            <Form.Item
              name="title"
              label={t('actionTitle')}
              rules={[{ required: true, message: t('actionTitle') }]}
            >
              <Input />
            </Form.Item>
            <Space wrap>
              <Form.Item name="partyId" label={t('responsibleParty')}>
                <Select
                  allowClear
                  showSearch
                  optionFilterProp="label"
                  style={{ width: 240 }}
                  options={options.parties.map((p) => ({ value: p.id, label: p.name }))}
                  data-testid="action-party"
                />
              </Form.Item>
              <Form.Item name="userId" label={t('responsiblePerson')}>
                <Select
                  allowClear
                  showSearch
                  optionFilterProp="label"
                  style={{ width: 200 }}
                  options={options.people.map((p) => ({ value: p.userId, label: p.name }))}
                />
              </Form.Item>
              <Form.Item name="dueOn" label={t('dueOn')} rules={[{ required: true, message: t('dueOn') }]}>
                <Input type="date" />
              </Form.Item>
            </Space>
            <Button type="primary" htmlType="submit">
              {t('addAction')}
            </Button>
          </Form>
        </Card>
      )}
    </Space>
  );
}
