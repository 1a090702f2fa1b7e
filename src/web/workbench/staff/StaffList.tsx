import { Alert, App, Button, Flex, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Role, roleNames, roles } from '../../../modules/access/roles.ts';
import type { StaffGrant, StaffMember } from '../../../modules/staff/staff.schemas.ts';
import { api } from '../../api.ts';
import { formatDate } from '../../shared/format.ts';
import { problemText } from '../../shared/problem.ts';
import { RecordHistory, type RecordRef } from '../../shared/RecordHistory.tsx';
import { useServerList } from '../../shared/useServerList.ts';
import { GrantModal } from './GrantModal.tsx';

type Query = {
  role?: string;
  name?: string;
  sort: 'name' | 'grantedAt';
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
};

function grantLabel(grant: StaffGrant, lang: 'zh-CN' | 'en') {
  return [
    roleNames[grant.role as Role][lang],
    grant.placeName ?? grant.gridName,
    grant.partyName,
    grant.sector,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** Staff holding roles in the viewer's scope: grant another role, revoke one, read a member's history. */
export function StaffList({ refreshKey }: { refreshKey: number }) {
  const { t, i18n } = useTranslation('staff');
  const { message } = App.useApp();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const { query, setQuery, problem, reload, tableProps } = useServerList<Query, StaffMember>(
    '/api/staff',
    { sort: 'name', order: 'asc', page: 1, pageSize: 20 },
    'userId',
  );
  const [granting, setGranting] = useState<StaffMember | null>(null);
  const [history, setHistory] = useState<{ record: RecordRef; name: string } | null>(null);

  // A new refreshKey (an invitation sent) asks for the list again; the first is the hook's own load.
  const shownKey = useRef(refreshKey);
  useEffect(() => {
    if (shownKey.current === refreshKey) return;
    shownKey.current = refreshKey;
    void reload();
  }, [refreshKey, reload]);

  async function revoke(grant: StaffGrant) {
    try {
      await api(`/api/staff/grants/${grant.id}`, { method: 'DELETE' });
      message.success(t('revoked'));
      await reload();
    } catch (error) {
      message.error(problemText(error));
    }
  }

  return (
    <>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label={t('filterRole')}
          style={{ width: 200 }}
          value={query.role ?? ''}
          onChange={(role: string) => setQuery((q) => ({ ...q, role: role || undefined, page: 1 }))}
          options={[
            { value: '', label: t('allRoles') },
            ...roles.map((r) => ({ value: r, label: roleNames[r][lang] })),
          ]}
        />
        <Input.Search
          aria-label={t('filterName')}
          placeholder={t('filterName')}
          allowClear
          style={{ width: 240 }}
          onSearch={(name) => setQuery((q) => ({ ...q, name, page: 1 }))}
        />
      </Flex>
      <Table<StaffMember>
        {...tableProps}
        columns={[
          {
            title: t('columns.name'),
            dataIndex: 'name',
            sorter: true,
            render: (name: string | null, member) => (
              <>
                {name}
                {member.status !== 'active' && (
                  <Tag style={{ marginInlineStart: 8 }}>{t(`status.${member.status}`)}</Tag>
                )}
              </>
            ),
          },
          { title: t('columns.phone'), dataIndex: 'phone' },
          {
            title: t('columns.roles'),
            key: 'roles',
            render: (_, member) => (
              <Space orientation="vertical" size={4}>
                {member.grants.map((grant) => (
                  <Space key={grant.id} size={4} wrap>
                    <Typography.Text>{grantLabel(grant, lang)}</Typography.Text>
                    <Popconfirm title={t('revokeConfirm')} onConfirm={() => revoke(grant)}>
                      <Button
                        size="small"
                        type="link"
                        autoInsertSpace={false}
                        aria-label={`${t('revoke')} ${grantLabel(grant, lang)}`}
                      >
                        {t('revoke')}
                      </Button>
                    </Popconfirm>
                  </Space>
                ))}
              </Space>
            ),
          },
          {
            title: t('columns.grantedAt'),
            dataIndex: 'grantedAt',
            sorter: true,
            render: (at: string) => formatDate(at, i18n.language),
          },
          {
            title: t('columns.actions'),
            key: 'actions',
            render: (_, member) => (
              <Space>
                <Button size="small" onClick={() => setGranting(member)}>
                  {t('grant')}
                </Button>
                <Button
                  size="small"
                  onClick={() =>
                    setHistory({
                      record: { entityType: 'user', entityId: member.userId },
                      name: member.name ?? '',
                    })
                  }
                >
                  {t('history')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <GrantModal
        member={granting}
        onClose={() => setGranting(null)}
        onGranted={() => {
          setGranting(null);
          void reload();
        }}
      />
      <RecordHistory
        record={history?.record ?? null}
        name={history?.name ?? ''}
        onClose={() => setHistory(null)}
      />
    </>
  );
}
