import { Button, Card, Form, Input, InputNumber, List, Radio, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, showFieldErrors } from '../../api.ts';
import type { PanelProps } from './MeetingPage.tsx';
import type { AgendaItem, Meeting } from './types.ts';

function Outcome({ item }: { item: AgendaItem }) {
  const { t } = useTranslation('meetings');
  if (item.state === 'pending') return <Tag>{t('pending')}</Tag>;
  if (item.state === 'deferred') return <Tag color="warning">{t('deferred')}</Tag>;
  return (
    <Space wrap>
      <Tag color={item.adopted ? 'success' : 'red'}>{item.adopted ? t('adopted') : t('rejected')}</Tag>
      <span>{t(`methods.${item.method}`)}</span>
      <span>{t('presentCount', { count: item.present ?? 0 })}</span>
      {item.method === 'vote' && (
        <span>
          {t('voteLine', { for: item.votesFor, against: item.votesAgainst, abstain: item.votesAbstain })}
        </span>
      )}
    </Space>
  );
}

type DecisionValues = {
  method: 'consensus' | 'vote';
  votesFor?: number;
  votesAgainst?: number;
  votesAbstain?: number;
  decision: string;
};

function DecisionForm({
  meeting,
  item,
  onChange,
}: {
  meeting: Meeting;
  item: AgendaItem;
  onChange(m: Meeting): void;
}) {
  const { t } = useTranslation('meetings');
  const [form] = Form.useForm<DecisionValues>();
  const method = Form.useWatch('method', form);
  const url = `/api/meetings/${meeting.id}/agenda/${item.id}/decision`;
  async function send(body: Record<string, unknown>) {
    try {
      onChange(await api<Meeting>(url, { body }));
    } catch (error) {
      if (!showFieldErrors(form, error)) throw error;
    }
  }
  return (
    <Form<DecisionValues>
      form={form}
      name={`decision-${item.id}`}
      layout="vertical"
      initialValues={{ method: 'consensus' }}
      onFinish={(v) => send({ outcome: 'decided', ...v })}
      data-testid={`decide-${item.position}`}
    >
      <Form.Item name="method" label={t('method')}>
        <Radio.Group options={['consensus', 'vote'].map((m) => ({ value: m, label: t(`methods.${m}`) }))} />
      </Form.Item>
      {method === 'vote' && (
        <Space wrap>
          {(['votesFor', 'votesAgainst', 'votesAbstain'] as const).map((k) => (
            <Form.Item key={k} name={k} label={t(k)} initialValue={0}>
              <InputNumber min={0} />
            </Form.Item>
          ))}
        </Space>
      )}
      <Form.Item name="decision" label={t('decision')} rules={[{ required: true, message: t('decision') }]}>
        <Input.TextArea autoSize={{ minRows: 2 }} />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit">
          {t('decide')}
        </Button>
        <Button onClick={() => void send({ outcome: 'deferred', decision: form.getFieldValue('decision') })}>
          {t('defer')}
        </Button>
      </Space>
    </Form>
  );
}

type SpeechValues = {
  kind: string;
  agendaItemId?: string;
  speakerName: string;
  partyId?: string;
  capacity?: string;
  text: string;
};

/** The recorder's desk: who is present, what each one says, live, and the decision per item. */
export function RecordPanel({ meeting, onChange, options }: PanelProps) {
  const { t } = useTranslation('meetings');
  const live = meeting.state === 'in_session' && meeting.may.record;
  const [attendee] = Form.useForm<{ name: string; partyId?: string; capacity?: string }>();
  const [speech] = Form.useForm<SpeechValues>();
  const [agenda] = Form.useForm<{ topic: string }>();
  const parties = options.parties.map((p) => ({ value: p.id, label: p.name }));

  async function post<T extends object>(
    path: string,
    form: ReturnType<typeof Form.useForm<T>>[0],
    body: T,
    keep: (keyof T)[] = [],
  ) {
    try {
      onChange(await api<Meeting>(`/api/meetings/${meeting.id}/${path}`, { body }));
      const kept = Object.fromEntries(keep.map((k) => [k, form.getFieldValue(k as never)]));
      form.resetFields();
      form.setFieldsValue(kept as never);
    } catch (error) {
      if (!showFieldErrors(form, error)) throw error;
    }
  }

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card size="small" title={t('agenda')}>
        <List
          dataSource={meeting.agenda}
          renderItem={(item) => (
            <List.Item data-testid="agenda-item">
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Typography.Text strong>
                  {item.position}. {item.topic} {item.carriedOver && <Tag>{t('carriedOver')}</Tag>}
                </Typography.Text>
                <Outcome item={item} />
                {item.decision && <Typography.Text>{item.decision}</Typography.Text>}
                {live && item.state === 'pending' && (
                  <DecisionForm meeting={meeting} item={item} onChange={onChange} />
                )}
              </Space>
            </List.Item>
          )}
        />
        {meeting.may.manage && (meeting.state === 'scheduled' || meeting.state === 'in_session') && (
          <Form form={agenda} name="agenda" layout="inline" onFinish={(v) => post('agenda', agenda, v)}>
            <Form.Item name="topic" rules={[{ required: true, message: t('topic') }]}>
              <Input aria-label={t('topic')} placeholder={t('topic')} style={{ width: 320 }} />
            </Form.Item>
            <Button htmlType="submit">{t('addAgenda')}</Button>
          </Form>
        )}
      </Card>

      <Card size="small" title={`${t('attendees')}（${meeting.attendees.length}）`}>
        <Typography.Paragraph>
          {meeting.attendees
            .map((a) => `${a.name}${a.partyName || a.capacity ? `（${a.partyName ?? a.capacity}）` : ''}`)
            .join('、') || t('none')}
        </Typography.Paragraph>
        {live && (
          <Form
            form={attendee}
            name="attendee"
            layout="inline"
            onFinish={(v) => post('attendees', attendee, v)}
          >
            <Form.Item name="name" rules={[{ required: true, message: t('name') }]}>
              <Input aria-label={t('name')} placeholder={t('name')} />
            </Form.Item>
            <Form.Item name="partyId">
              <Select
                aria-label={t('party')}
                placeholder={t('party')}
                allowClear
                style={{ width: 200 }}
                options={parties}
              />
            </Form.Item>
            <Form.Item name="capacity">
              <Input aria-label={t('capacity')} placeholder={t('capacity')} />
            </Form.Item>
            <Button htmlType="submit">{t('addAttendee')}</Button>
          </Form>
        )}
      </Card>

      <Card size="small" title={t('speeches')}>
        <List
          dataSource={meeting.speeches}
          locale={{ emptyText: t('none') }}
          renderItem={(s) => (
            <List.Item data-testid="speech">
              <Typography.Text>
                {s.kind === 'proposal' && <Tag color="purple">{t('speechKinds.proposal')}</Tag>}
                <strong>
                  {s.speakerName}
                  {s.partyName || s.capacity ? `（${s.partyName ?? s.capacity}）` : ''}
                </strong>
                ：{s.text}
              </Typography.Text>
            </List.Item>
          )}
        />
        {live && (
          <Form<SpeechValues>
            form={speech}
            name="speech"
            layout="vertical"
            initialValues={{ kind: 'speech' }}
            onFinish={(v) => post('speeches', speech, v, ['agendaItemId'])}
          >
            <Space wrap>
              <Form.Item name="kind" label={t('speechKind')}>
                <Radio.Group
                  options={['speech', 'proposal'].map((k) => ({ value: k, label: t(`speechKinds.${k}`) }))}
                />
              </Form.Item>
              <Form.Item name="agendaItemId" label={t('forItem')}>
                <Select
                  allowClear
                  style={{ width: 260 }}
                  options={meeting.agenda.map((a) => ({ value: a.id, label: `${a.position}. ${a.topic}` }))}
                />
              </Form.Item>
            </Space>
            <Space wrap>
              <Form.Item
                name="speakerName"
                label={t('speaker')}
                rules={[{ required: true, message: t('speaker') }]}
              >
                <Input />
              </Form.Item>
              <Form.Item name="partyId" label={t('party')}>
                <Select allowClear style={{ width: 220 }} options={parties} />
              </Form.Item>
              <Form.Item name="capacity" label={t('capacity')}>
                <Input />
              </Form.Item>
            </Space>
            <Form.Item
              name="text"
              label={t('speechText')}
              rules={[{ required: true, message: t('speechText') }]}
            >
              <Input.TextArea autoSize={{ minRows: 2 }} />
            </Form.Item>
            <Button type="primary" htmlType="submit" data-testid="record-speech">
              {t('record')}
            </Button>
          </Form>
        )}
      </Card>
    </Space>
  );
}
