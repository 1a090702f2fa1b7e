import { Button, Form, Input, Select, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { roleNames } from '../../../modules/access/roles.ts';
import { api, showFieldErrors } from '../../api.ts';
import { usePreferences } from '../../shell/preferences.tsx';
import type { PanelProps } from './MeetingPage.tsx';
import type { Meeting } from './types.ts';

type Invitation = Meeting['invitations'][number];

function ReplyForm({
  meeting,
  invitation,
  onChange,
}: {
  meeting: Meeting;
  invitation: Invitation;
  onChange(m: Meeting): void;
}) {
  const { t } = useTranslation('meetings');
  const [form] = Form.useForm<{ reply: string; delegateName?: string }>();
  const reply = Form.useWatch('reply', form);
  async function submit(v: { reply: string; delegateName?: string }) {
    try {
      onChange(
        await api<Meeting>(`/api/meetings/${meeting.id}/reply`, {
          body: { ...v, invitationId: invitation.id },
        }),
      );
    } catch (error) {
      if (!showFieldErrors(form, error)) throw error;
    }
  }
  return (
    <Form
      form={form}
      name={`reply-${invitation.id}`}
      layout="inline"
      onFinish={submit}
      initialValues={{ reply: 'coming' }}
    >
      <Form.Item name="reply">
        <Select
          aria-label={t('reply')}
          style={{ width: 120 }}
          options={['coming', 'not_coming', 'delegate'].map((r) => ({ value: r, label: t(`replies.${r}`) }))}
        />
      </Form.Item>
      {reply === 'delegate' && (
        <Form.Item name="delegateName">
          <Input aria-label={t('delegateName')} placeholder={t('delegateName')} />
        </Form.Item>
      )}
      <Button htmlType="submit">{t('answer')}</Button>
    </Form>
  );
}

export function InvitationsPanel({ meeting, onChange, options }: PanelProps) {
  const { t } = useTranslation('meetings');
  const { language } = usePreferences();
  const [form] = Form.useForm<{ partyIds: string[]; userIds: string[] }>();
  async function invite(v: { partyIds?: string[]; userIds?: string[] }) {
    try {
      onChange(
        await api<Meeting>(`/api/meetings/${meeting.id}/invitations`, {
          body: { partyIds: v.partyIds ?? [], userIds: v.userIds ?? [], roles: [] },
        }),
      );
      form.resetFields();
    } catch (error) {
      if (!showFieldErrors(form, error)) throw error;
    }
  }
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Table<Invitation>
        rowKey="id"
        pagination={false}
        dataSource={meeting.invitations}
        columns={[
          {
            title: t('invitee'),
            render: (_, i) => i.partyName ?? `${i.name ?? ''}${i.sector ? `（${i.sector}）` : ''}`,
          },
          {
            title: t('viaRole'),
            dataIndex: 'viaRole',
            render: (r: string | null) => (r ? roleNames[r as keyof typeof roleNames]?.[language] : '—'),
          },
          {
            title: t('reply'),
            render: (_, i) => (
              <Tag color={i.reply === 'coming' ? 'success' : i.reply === 'pending' ? 'default' : 'warning'}>
                {t(`replies.${i.reply}`)}
                {i.delegateName ? `：${i.delegateName}` : ''}
              </Tag>
            ),
          },
          {
            title: t('answer'),
            render: (_, i) =>
              i.mine && meeting.state === 'scheduled' ? (
                <ReplyForm meeting={meeting} invitation={i} onChange={onChange} />
              ) : null,
          },
        ]}
      />
      {meeting.may.manage && meeting.state === 'scheduled' && (
        <Form form={form} name="invite" layout="inline" onFinish={invite}>
          <Form.Item name="partyIds">
            <Select
              mode="multiple"
              aria-label={t('inviteParties')}
              placeholder={t('inviteParties')}
              style={{ minWidth: 240 }}
              optionFilterProp="label"
              options={options.parties.map((p) => ({ value: p.id, label: p.name }))}
            />
          </Form.Item>
          <Form.Item name="userIds">
            <Select
              mode="multiple"
              aria-label={t('invitePeople')}
              placeholder={t('invitePeople')}
              style={{ minWidth: 240 }}
              optionFilterProp="label"
              options={options.people.map((p) => ({ value: p.userId, label: p.name }))}
            />
          </Form.Item>
          <Button htmlType="submit">{t('invite')}</Button>
        </Form>
      )}
    </Space>
  );
}
