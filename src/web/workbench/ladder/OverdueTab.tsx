import { Alert, Segmented, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { levels } from '../../../domain/matters/vocabulary.ts';
import { useFetched } from '../../shared/useFetched.ts';
import { DeadlineCell } from './DeadlineCell.tsx';

type Row = {
  id: string;
  title: string;
  category: string;
  state: string;
  level: string;
  placeName: string;
  deadlineAt: string;
  deadlineProvisional: boolean;
};
type OverduePage = { counts: Record<string, number>; items: Row[]; total: number };

/** The overdue view per level: how many problems are past their deadline at each rung, and which. */
export function OverdueTab() {
  const { t } = useTranslation('ladder');
  const [level, setLevel] = useState<string>('all');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const query = new URLSearchParams({ page: String(page.page), pageSize: String(page.pageSize) });
  if (level !== 'all') query.set('level', level);
  const { data, loading, problem } = useFetched<OverduePage | null>(`/api/workbench/overdue?${query}`, null);
  const all = data ? Object.values(data.counts).reduce((a, b) => a + b, 0) : 0;
  return (
    <>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Segmented
        value={level}
        onChange={(v) => {
          setLevel(String(v));
          setPage({ ...page, page: 1 });
        }}
        options={[
          { value: 'all', label: `${t('allLevels')} ${all}` },
          ...levels.map((l) => ({ value: l, label: `${t(`levels.${l}`)} ${data?.counts[l] ?? 0}` })),
        ]}
        style={{ marginBottom: 16 }}
      />
      <Table<Row>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('empty') }}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: data?.total ?? 0,
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
        columns={[
          {
            title: t('problem'),
            dataIndex: 'title',
            render: (title: string, p) => <Link to={`/workbench/problems/${p.id}`}>{title}</Link>,
          },
          { title: t('place'), dataIndex: 'placeName' },
          { title: t('level'), dataIndex: 'level', render: (l: string) => <Tag>{t(`levels.${l}`)}</Tag> },
          { title: t('state'), dataIndex: 'state', render: (s: string) => t(`states.${s}`) },
          {
            title: t('deadline'),
            dataIndex: 'deadlineAt',
            render: (at: string, p) => <DeadlineCell deadlineAt={at} provisional={p.deadlineProvisional} />,
          },
        ]}
      />
    </>
  );
}
