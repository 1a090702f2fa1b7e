import { App, Button, Popconfirm, Table } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Role, roleNames } from '../../../modules/access/roles.ts';
import type { InvitationPage, InvitationSummary } from '../../../modules/staff/staff.schemas.ts';
import { api } from '../../api.ts';
import { formatDateTime } from '../../shared/format.ts';
import { problemText } from '../../shared/problem.ts';

/** Invitations not yet accepted and still valid; withdrawing one ends its link at once. */
export function InvitationList({ refreshKey }: { refreshKey: number }) {
  const { t, i18n } = useTranslation('staff');
  const { message } = App.useApp();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [data, setData] = useState<InvitationPage>({ items: [], total: 0 });
  const [loading, setLoading] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(
        await api<InvitationPage>(`/api/staff/invitations?page=${page.page}&pageSize=${page.pageSize}`),
      );
    } catch (error) {
      message.error(problemText(error));
    } finally {
      setLoading(false);
    }
  }, [page, message]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: refreshKey asks for a reload after an invitation
  useEffect(() => {
    void load();
  }, [load, refreshKey]);

  async function withdraw(invitation: InvitationSummary) {
    try {
      await api(`/api/staff/invitations/${invitation.id}`, { method: 'DELETE' });
      message.success(t('withdrawn'));
      await load();
    } catch (error) {
      message.error(problemText(error));
    }
  }

  return (
    <Table<InvitationSummary>
      rowKey="id"
      loading={loading}
      dataSource={data.items}
      locale={{ emptyText: t('noInvitations') }}
      pagination={{ current: page.page, pageSize: page.pageSize, total: data.total }}
      onChange={(p) => setPage({ page: p.current ?? 1, pageSize: p.pageSize ?? 20 })}
      columns={[
        { title: t('columns.name'), dataIndex: 'name' },
        { title: t('columns.role'), dataIndex: 'role', render: (role: Role) => roleNames[role][lang] },
        {
          title: t('columns.where'),
          key: 'where',
          render: (_, i) => [i.placeName, i.gridName].filter(Boolean).join(' · '),
        },
        { title: t('columns.party'), dataIndex: 'partyName' },
        { title: t('columns.invitedBy'), dataIndex: 'invitedBy' },
        {
          title: t('columns.expiresAt'),
          dataIndex: 'expiresAt',
          render: (at: string) => formatDateTime(at, i18n.language),
        },
        {
          title: t('columns.actions'),
          key: 'actions',
          render: (_, invitation) => (
            <Popconfirm title={t('withdrawConfirm')} onConfirm={() => withdraw(invitation)}>
              <Button size="small" autoInsertSpace={false} aria-label={`${t('withdraw')} ${invitation.name}`}>
                {t('withdraw')}
              </Button>
            </Popconfirm>
          ),
        },
      ]}
    />
  );
}
