import { Button, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType, SorterResult } from 'antd/es/table/interface';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HouseholdPage, HouseholdView } from '../../../modules/places/households.schemas.ts';
import type { PlaceDetail, PlaceList, PlaceView } from '../../../modules/places/places.schemas.ts';
import { api } from '../../api.ts';
import { HouseholdFormModal } from './HouseholdFormModal.tsx';

type Query = {
  page: number;
  pageSize: number;
  sort: 'building' | 'room' | 'area';
  order: 'asc' | 'desc';
  room: string;
  hasOwner: '' | 'true' | 'false';
  building: string;
  entrance: string;
};

const firstPage: Query = {
  page: 1,
  pageSize: 20,
  sort: 'building',
  order: 'asc',
  room: '',
  hasOwner: '',
  building: '',
  entrance: '',
};

function searchOf(query: Query) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== '') params.set(key, String(value));
  return params.toString();
}

/** Households below the place, paged, sorted and filtered by the server; owners as the policy lets the user see them. */
export function HouseholdsTable({ detail }: { detail: PlaceDetail }) {
  const { t } = useTranslation('places');
  const { place, allowed } = detail;
  const [query, setQuery] = useState<Query>(firstPage);
  const [page, setPage] = useState<HouseholdPage | null>(null);
  const [loading, setLoading] = useState(false);
  const [below, setBelow] = useState<PlaceView[]>([]);
  const [editing, setEditing] = useState<HouseholdView | 'new' | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setPage(await api<HouseholdPage>(`/api/places/${place.id}/households?${searchOf(query)}`));
    } finally {
      setLoading(false);
    }
  }, [place.id, query]);

  useEffect(() => {
    void load();
  }, [load]);

  // The buildings of a compound, or the entrances of a building, to filter by.
  useEffect(() => {
    if (place.kind !== 'compound' && place.kind !== 'building') return;
    void api<PlaceList>(`/api/places?parentId=${place.id}`).then((r) => setBelow(r.places));
  }, [place.id, place.kind]);

  const update = (change: Partial<Query>) => setQuery((q) => ({ ...q, page: 1, ...change }));
  const sortOrder = (key: Query['sort']) =>
    query.sort === key ? (query.order === 'asc' ? ('ascend' as const) : ('descend' as const)) : null;

  const columns: ColumnsType<HouseholdView> = [
    {
      key: 'building',
      title: t('households.building'),
      dataIndex: 'buildingName',
      sorter: true,
      sortOrder: sortOrder('building'),
    },
    { key: 'entrance', title: t('households.entrance'), dataIndex: 'entranceName' },
    {
      key: 'room',
      title: t('households.room'),
      dataIndex: 'room',
      sorter: true,
      sortOrder: sortOrder('room'),
    },
    {
      key: 'area',
      title: t('households.area'),
      dataIndex: 'area',
      align: 'right',
      sorter: true,
      sortOrder: sortOrder('area'),
    },
    {
      key: 'owners',
      title: t('households.owners'),
      render: (_, h) =>
        h.owners.length === 0 ? (
          <Typography.Text type="secondary">{t('households.noOwner')}</Typography.Text>
        ) : (
          <Space orientation="vertical" size={0}>
            {h.owners.map((o) => (
              <span key={o.personId ?? o.partyId}>
                {o.name} {o.phone}
                {o.partyId && <Tag style={{ marginInlineStart: 8 }}>{t('households.developer')}</Tag>}
                {o.masked && <Tag style={{ marginInlineStart: 8 }}>{t('households.masked')}</Tag>}
              </span>
            ))}
          </Space>
        ),
    },
  ];
  // The code is given only to those who print notices or confirm links; others get no column for it.
  if (page?.items.some((h) => h.householdCode))
    columns.push({ key: 'code', title: t('households.code'), dataIndex: 'householdCode' });
  if (allowed.manage)
    columns.push({
      key: 'actions',
      title: t('households.actions'),
      render: (_, h) => (
        <Button size="small" onClick={() => setEditing(h)} aria-label={`${t('households.edit')} ${h.room}`}>
          {t('households.edit')}
        </Button>
      ),
    });

  const belowKind = place.kind === 'compound' ? 'building' : 'entrance';
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Input.Search
          aria-label={t('households.searchRoom')}
          placeholder={t('households.searchRoom')}
          allowClear
          onSearch={(room) => update({ room: room.trim() })}
          style={{ width: 180 }}
        />
        <Select
          aria-label={t('households.hasOwner')}
          value={query.hasOwner}
          onChange={(hasOwner) => update({ hasOwner })}
          style={{ width: 140 }}
          options={[
            { value: '', label: t('households.anyOwner') },
            { value: 'true', label: t('households.withOwner') },
            { value: 'false', label: t('households.withoutOwner') },
          ]}
        />
        {below.length > 0 && (
          <Select
            aria-label={t(
              belowKind === 'building' ? 'households.filterBuilding' : 'households.filterEntrance',
            )}
            value={query[belowKind]}
            onChange={(value: string) => update({ [belowKind]: value })}
            style={{ width: 160 }}
            options={[
              {
                value: '',
                label: t(belowKind === 'building' ? 'households.allBuildings' : 'households.allEntrances'),
              },
              ...below.map((p) => ({ value: p.id, label: p.name })),
            ]}
          />
        )}
        {allowed.manage && (place.kind === 'building' || place.kind === 'entrance') && (
          <Button type="primary" onClick={() => setEditing('new')}>
            {t('households.add')}
          </Button>
        )}
      </Space>
      <Table<HouseholdView>
        rowKey="id"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={page?.items ?? []}
        pagination={{
          current: query.page,
          pageSize: query.pageSize,
          total: page?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100],
          showTotal: (total) => t('households.total', { total }),
        }}
        onChange={(pagination, _filters, sorter) => {
          const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<HouseholdView> | undefined;
          const key = s?.order ? (String(s.columnKey) as Query['sort']) : 'building';
          setQuery((q) => ({
            ...q,
            page: pagination.current ?? 1,
            pageSize: pagination.pageSize ?? q.pageSize,
            sort: key,
            order: s?.order === 'descend' ? 'desc' : 'asc',
          }));
        }}
      />
      {editing && (
        <HouseholdFormModal
          place={place}
          household={editing === 'new' ? null : editing}
          developers={detail.developers}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void load();
          }}
        />
      )}
    </Space>
  );
}
