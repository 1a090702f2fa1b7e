import { Alert, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useNoticeListener } from '../../notifications/live.tsx';
import { useFetched } from '../../shared/useFetched.ts';
import { ExportButton } from '../exports/ExportButton.tsx';
import { OrderButtons } from './ProblemActions.tsx';
import { type Page, shanghaiTime } from './types.ts';

type MyOrder = {
  id: string;
  role: 'lead' | 'assist';
  state: string;
  problemId: string;
  problemTitle: string;
  placeName: string;
  dispatchedAt: string;
};

export function OrdersSection() {
  const { t } = useTranslation('problems');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  // A state in the address (a figure of the overview leads here) is the list's first filter.
  const [params] = useSearchParams();
  const asked = params.get('state');
  const [filters, setFilters] = useState<{ state?: string; sort: string }>({
    sort: 'priority',
    ...(asked === 'dispatched' || asked === 'taken' ? { state: asked } : {}),
  });
  const query = new URLSearchParams({
    page: String(page.page),
    pageSize: String(page.pageSize),
    sort: filters.sort,
  });
  if (filters.state) query.set('state', filters.state);
  const {
    data,
    loading,
    problem,
    reload: load,
  } = useFetched<Page<MyOrder>>(`/api/orders/mine?${query}`, { items: [], total: 0 });
  const filter = (next: { state?: string; sort: string }) => {
    setFilters(next);
    setPage({ ...page, page: 1 });
  };
  useNoticeListener((n) => n.kind === 'dispatched' && void load());
  return (
    <>
      <Typography.Title level={2}>{t('myOrdersTitle')}</Typography.Title>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label={t('state')}
          placeholder={t('state')}
          allowClear
          style={{ width: 140 }}
          value={filters.state}
          onChange={(v) => filter({ ...filters, state: v })}
          options={['dispatched', 'taken'].map((s) => ({ value: s, label: t(`orderStates.${s}`) }))}
        />
        <Select
          aria-label={t('sortBy')}
          style={{ width: 160 }}
          value={filters.sort}
          onChange={(v) => filter({ ...filters, sort: v })}
          options={[
            { value: 'priority', label: t('sorts.priority') },
            { value: 'dispatched', label: t('dispatchedAt') },
          ]}
        />
        <ExportButton kind="orders" filters={filters} />
      </Space>
      <Table<MyOrder>
        rowKey="id"
        loading={loading}
        dataSource={data.items}
        locale={{ emptyText: t('empty') }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: data.total,
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
        columns={[
          {
            title: t('problem'),
            render: (_, o) => <Link to={`/workbench/problems/${o.problemId}`}>{o.problemTitle}</Link>,
          },
          { title: t('place'), dataIndex: 'placeName' },
          { title: t('role'), dataIndex: 'role', render: (r: string) => t(`roles.${r}`) },
          {
            title: t('state'),
            dataIndex: 'state',
            render: (s: string) => <Tag>{t(`orderStates.${s}`)}</Tag>,
          },
          { title: t('dispatchedAt'), dataIndex: 'dispatchedAt', render: shanghaiTime },
          {
            title: t('actions'),
            render: (_, o) => (
              <OrderButtons
                order={{
                  ...o,
                  partyId: null,
                  partyName: null,
                  assigneeName: null,
                  takenAt: null,
                  reportedAt: null,
                  reportText: null,
                  canWork: true,
                }}
                onDone={() => void load()}
              />
            ),
          },
        ]}
      />
    </>
  );
}
