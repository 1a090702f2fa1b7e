import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Form,
  Input,
  Popconfirm,
  Space,
  Table,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberAdd, PartyDetail, PartyMember } from '../../../modules/parties/parties.schemas.ts';
import { api, showFieldErrors } from '../../api.ts';
import { problemText } from '../../shared/problem.ts';
import { HistoryButton } from '../../shared/RecordHistory.tsx';

/** One party: its place, its name (renamable), and its members, through whom it acts. */
export function PartyDrawer({
  partyId,
  onClose,
  onChanged,
}: {
  partyId: string | null;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t } = useTranslation('parties');
  const { message } = App.useApp();
  const [party, setParty] = useState<PartyDetail | null>(null);
  const [renameForm] = Form.useForm<{ name: string }>();
  const [memberForm] = Form.useForm<MemberAdd>();

  const load = useCallback(async () => {
    if (!partyId) return;
    try {
      setParty(await api<PartyDetail>(`/api/parties/${partyId}`));
    } catch (error) {
      message.error(problemText(error));
    }
  }, [partyId, message]);

  useEffect(() => {
    setParty(null);
    void load();
  }, [load]);

  function changed(next: PartyDetail, note: string) {
    setParty(next);
    message.success(note);
    onChanged();
  }

  async function rename(values: { name: string }) {
    try {
      changed(
        await api<PartyDetail>(`/api/parties/${partyId}`, { method: 'PATCH', body: values }),
        t('renamed'),
      );
    } catch (error) {
      if (!showFieldErrors(renameForm, error)) message.error(problemText(error));
    }
  }

  async function addMember(values: MemberAdd) {
    try {
      changed(await api<PartyDetail>(`/api/parties/${partyId}/members`, { body: values }), t('added'));
      memberForm.resetFields();
    } catch (error) {
      if (!showFieldErrors(memberForm, error)) message.error(problemText(error));
    }
  }

  async function removeMember(member: PartyMember) {
    try {
      await api(`/api/parties/${partyId}/members/${member.userId}`, { method: 'DELETE' });
      message.success(t('removed'));
      await load();
      onChanged();
    } catch (error) {
      message.error(problemText(error));
    }
  }

  return (
    <Drawer
      open={partyId !== null}
      onClose={onClose}
      title={party?.name ?? t('detail')}
      size={640}
      destroyOnHidden
    >
      {party && (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <Descriptions column={1} size="small" styles={{ label: { color: '#595959' } }}>
            <Descriptions.Item label={t('columns.kind')}>{t(`kinds.${party.kind}`)}</Descriptions.Item>
            <Descriptions.Item label={t('columns.place')}>{party.placeName}</Descriptions.Item>
          </Descriptions>
          <HistoryButton record={{ entityType: 'party', entityId: party.id }} name={party.name} />
          {!party.canManage && <Alert type="info" showIcon title={t('readOnly')} />}
          {party.canManage && (
            <Form
              form={renameForm}
              layout="inline"
              onFinish={rename}
              initialValues={{ name: party.name }}
              requiredMark={false}
            >
              <Form.Item
                name="name"
                label={t('rename')}
                rules={[{ required: true, message: t('required.name') }]}
              >
                <Input maxLength={100} />
              </Form.Item>
              <Button htmlType="submit">{t('save')}</Button>
            </Form>
          )}
          <section aria-labelledby="party-members">
            <Typography.Title level={3} id="party-members" style={{ fontSize: '1.1em' }}>
              {t('members')}
            </Typography.Title>
            <Table<PartyMember>
              rowKey="userId"
              size="small"
              pagination={false}
              dataSource={party.members}
              locale={{ emptyText: t('noMembers') }}
              columns={[
                { title: t('memberColumns.name'), dataIndex: 'name' },
                { title: t('memberColumns.title'), dataIndex: 'title' },
                { title: t('memberColumns.phone'), dataIndex: 'phone' },
                ...(party.canManage
                  ? [
                      {
                        title: t('memberColumns.actions'),
                        key: 'actions',
                        render: (_: unknown, member: PartyMember) => (
                          <Popconfirm
                            title={t('removeConfirm', { name: member.name ?? '' })}
                            onConfirm={() => removeMember(member)}
                          >
                            <Button size="small">{t('remove')}</Button>
                          </Popconfirm>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </section>
          {party.canManage && (
            <Form form={memberForm} layout="vertical" onFinish={addMember} requiredMark={false}>
              <Typography.Title level={3} style={{ fontSize: '1.1em' }}>
                {t('addMember')}
              </Typography.Title>
              <Form.Item
                name="phone"
                label={t('memberPhone')}
                rules={[{ required: true, message: t('memberPhone') }]}
              >
                <Input inputMode="tel" maxLength={11} />
              </Form.Item>
              <Form.Item name="title" label={t('memberTitle')}>
                <Input maxLength={50} />
              </Form.Item>
              <Button type="primary" htmlType="submit">
                {t('addMember')}
              </Button>
            </Form>
          )}
        </Space>
      )}
    </Drawer>
  );
}
