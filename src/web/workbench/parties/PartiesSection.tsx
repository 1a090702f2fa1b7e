import { Alert, Button, Flex, Input, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { partyKinds } from '../../../modules/access/roles.ts';
import type { PartySummary } from '../../../modules/parties/parties.schemas.ts';
import { formatDate } from '../../shared/format.ts';
import { useServerList } from '../../shared/useServerList.ts';
import { PartyCreateModal } from './PartyCreateModal.tsx';
import { PartyDrawer } from './PartyDrawer.tsx';

type Query = {
  kind?: string;
  name?: string;
  sort: 'name' | 'kind' | 'createdAt';
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
};

export function PartiesSection() {
  const { t, i18n } = useTranslation('parties');
  const { query, setQuery, problem, reload, tableProps } = useServerList<Query, PartySummary>(
    '/api/parties',
    { sort: 'name', order: 'asc', page: 1, pageSize: 20 },
  );
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);

  return (
    <>
      <Typography.Title level={2}>{t('title')}</Typography.Title>
      <Typography.Paragraph>{t('intro')}</Typography.Paragraph>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label={t('filterKind')}
          style={{ width: 180 }}
          value={query.kind ?? ''}
          onChange={(kind: string) => setQuery((q) => ({ ...q, kind: kind || undefined, page: 1 }))}
          options={[
            { value: '', label: t('allKinds') },
            ...partyKinds.map((k) => ({ value: k, label: t(`kinds.${k}`) })),
          ]}
        />
        <Input.Search
          aria-label={t('filterName')}
          placeholder={t('filterName')}
          allowClear
          style={{ width: 240 }}
          onSearch={(name) => setQuery((q) => ({ ...q, name, page: 1 }))}
        />
        <Button type="primary" onClick={() => setCreating(true)}>
          {t('create')}
        </Button>
      </Flex>
      <Table<PartySummary>
        {...tableProps}
        columns={[
          {
            title: t('columns.name'),
            dataIndex: 'name',
            sorter: true,
            // The name opens the party: a link whose words say which party it is.
            render: (name: string, party) => (
              <Button
                type="link"
                style={{ padding: 0 }}
                autoInsertSpace={false}
                onClick={() => setOpenId(party.id)}
              >
                {name}
              </Button>
            ),
          },
          {
            title: t('columns.kind'),
            dataIndex: 'kind',
            sorter: true,
            render: (kind: string) => t(`kinds.${kind}`),
          },
          { title: t('columns.place'), dataIndex: 'placeName' },
          { title: t('columns.members'), dataIndex: 'memberCount' },
          {
            title: t('columns.createdAt'),
            dataIndex: 'createdAt',
            sorter: true,
            render: (at: string) => formatDate(at, i18n.language),
          },
        ]}
      />
      <PartyCreateModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(party) => {
          setCreating(false);
          void reload();
          setOpenId(party.id);
        }}
      />
      <PartyDrawer partyId={openId} onClose={() => setOpenId(null)} onChanged={() => void reload()} />
    </>
  );
}
