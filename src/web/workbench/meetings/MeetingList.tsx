import { Button, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { meetingKinds, meetingStates } from '../../../domain/meetings/vocabulary.ts';
import { api } from '../../api.ts';
import { shanghaiTime } from '../problems/types.ts';
import type { MeetingListRow } from './types.ts';

const stateColour: Record<string, string> = {
  scheduled: 'blue',
  in_session: 'warning',
  concluded: 'success',
  cancelled: 'default',
};

export function MeetingList() {
  const { t } = useTranslation('meetings');
  const navigate = useNavigate();
  // /workbench/meetings?problemId=… lists the meetings that took up one problem.
  const [search] = useSearchParams();
  const problemId = search.get('problemId');
  const [filters, setFilters] = useState<{ kind?: string; state?: string; sort: string }>({
    sort: 'starts_desc',
  });
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [data, setData] = useState<{ items: MeetingListRow[]; total: number }>({ items: [], total: 0 });
  const [loading, setLoading] = useState(false);
  const load = useCallback(async () => {
    setLoading(true);
    const query = new URLSearchParams({
      page: String(page.page),
      pageSize: String(page.pageSize),
      sort: filters.sort,
    });
    if (filters.kind) query.set('kind', filters.kind);
    if (filters.state) query.set('state', filters.state);
    if (problemId) query.set('problemId', problemId);
    try {
      setData(await api(`/api/meetings?${query}`));
    } finally {
      setLoading(false);
    }
  }, [filters, page, problemId]);
  useEffect(() => {
    void load();
  }, [load]);
  const filter = (key: 'kind' | 'state' | 'sort', value: string | undefined) => {
    setFilters({ ...filters, [key]: value ?? (key === 'sort' ? 'starts_desc' : undefined) });
    setPage({ ...page, page: 1 });
  };
  return (
    <>
      <Typography.Title level={2}>{t('listTitle')}</Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        <Button type="primary" onClick={() => navigate('new')}>
          {t('convene')}
        </Button>
        <Select
          aria-label={t('kind')}
          placeholder={t('kind')}
          allowClear
          style={{ width: 160 }}
          value={filters.kind}
          onChange={(v) => filter('kind', v)}
          options={meetingKinds.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
        />
        <Select
          aria-label={t('state')}
          placeholder={t('state')}
          allowClear
          style={{ width: 140 }}
          value={filters.state}
          onChange={(v) => filter('state', v)}
          options={meetingStates.map((s) => ({ value: s, label: t(`states.${s}`) }))}
        />
        <Select
          aria-label={t('sortBy')}
          style={{ width: 160 }}
          value={filters.sort}
          onChange={(v) => filter('sort', v)}
          options={['starts_desc', 'starts_asc'].map((s) => ({ value: s, label: t(`sorts.${s}`) }))}
        />
      </Space>
      <Table<MeetingListRow>
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
          {
            title: t('title'),
            dataIndex: 'title',
            render: (title: string, m) => <Link to={m.id}>{title}</Link>,
          },
          { title: t('kind'), dataIndex: 'kind', width: 120, render: (k: string) => t(`kinds.${k}`) },
          { title: t('place'), dataIndex: 'placeName', width: 130 },
          { title: t('startsAt'), dataIndex: 'startsAt', width: 170, render: shanghaiTime },
          {
            title: t('state'),
            dataIndex: 'state',
            width: 100,
            render: (s: string) => <Tag color={stateColour[s]}>{t(`states.${s}`)}</Tag>,
          },
          { title: t('agendaItems'), dataIndex: 'agendaItems', width: 80 },
          { title: t('openActions'), dataIndex: 'openActionItems', width: 110 },
          {
            title: t('published'),
            dataIndex: 'published',
            width: 80,
            render: (p: boolean) => (p ? <Tag color="success">{t('published')}</Tag> : null),
          },
        ]}
      />
    </>
  );
}
