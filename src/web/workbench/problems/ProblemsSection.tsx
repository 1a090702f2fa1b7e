import { Alert, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useSearchParams } from 'react-router-dom';
import { problemStates } from '../../../domain/matters/states.ts';
import { categories, categoryNames, levels } from '../../../domain/matters/vocabulary.ts';
import { useNoticeListener } from '../../notifications/live.tsx';
import { useFetched } from '../../shared/useFetched.ts';
import { usePreferences } from '../../shell/preferences.tsx';
import { ExportButton } from '../exports/ExportButton.tsx';
import { DeadlineCell } from '../ladder/DeadlineCell.tsx';
import { PartyChoice } from '../parties/PartySelect.tsx';
import { ProblemPage } from './ProblemPage.tsx';
import type { Page, ProblemRow } from './types.ts';

const stateColour: Record<string, string> = {
  open: 'red',
  // Orange on its pale ground falls short of 4.5:1 contrast for 12px text (WCAG AA).
  dispatched: 'purple',
  in_progress: 'blue',
  resolved: 'success',
  closed: 'default',
};

function Queue() {
  const { t } = useTranslation('problems');
  const { language } = usePreferences();
  // A state in the address (a figure of the overview leads here) is the list's first filter.
  const [params] = useSearchParams();
  const asked = params.get('state');
  const [filters, setFilters] = useState<{
    state?: string;
    level?: string;
    category?: string;
    partyId?: string;
    sort: string;
  }>({
    state: asked && ['unsolved', ...problemStates].includes(asked) ? asked : 'unsolved',
    sort: 'priority',
  });
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const query = new URLSearchParams({
    page: String(page.page),
    pageSize: String(page.pageSize),
    sort: filters.sort,
  });
  for (const key of ['state', 'level', 'category', 'partyId'] as const)
    if (filters[key]) query.set(key, filters[key]!);
  const {
    data,
    loading,
    problem,
    reload: load,
  } = useFetched<Page<ProblemRow>>(`/api/workbench/problems?${query}`, { items: [], total: 0 });
  // The queue refreshes itself when something happens to the problems it shows.
  useNoticeListener((n) => n.problemId && void load());
  const filter = (key: 'state' | 'level' | 'category' | 'partyId', value: string | undefined) => {
    setFilters({ ...filters, [key]: value });
    setPage({ ...page, page: 1 });
  };
  return (
    <>
      <Typography.Title level={2}>{t('queueTitle')}</Typography.Title>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label={t('state')}
          placeholder={t('state')}
          allowClear
          data-testid="queue-state"
          style={{ width: 180 }}
          value={filters.state}
          onChange={(v) => filter('state', v)}
          options={['unsolved', ...problemStates].map((s) => ({ value: s, label: t(`states.${s}`) }))}
        />
        <Select
          aria-label={t('level')}
          placeholder={t('level')}
          allowClear
          style={{ width: 140 }}
          value={filters.level}
          onChange={(v) => filter('level', v)}
          options={levels.map((l) => ({ value: l, label: t(`levels.${l}`) }))}
        />
        <Select
          aria-label={t('category')}
          placeholder={t('category')}
          allowClear
          style={{ width: 160 }}
          value={filters.category}
          onChange={(v) => filter('category', v)}
          options={categories.map((c) => ({ value: c, label: categoryNames[c][language] }))}
        />
        <PartyChoice
          label={t('handler')}
          style={{ width: 180 }}
          value={filters.partyId}
          onChange={(v) => filter('partyId', v)}
          data-testid="queue-handler"
        />
        <Select
          aria-label={t('sortBy')}
          style={{ width: 160 }}
          value={filters.sort}
          onChange={(v) => setFilters({ ...filters, sort: v })}
          options={['priority', 'deadline', 'created'].map((s) => ({ value: s, label: t(`sorts.${s}`) }))}
        />
        <ExportButton kind="problems" filters={filters} />
      </Space>
      <Table<ProblemRow>
        rowKey="id"
        loading={loading}
        dataSource={data.items}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: data.total,
          showTotal: (total) => t('total', { total }),
          onChange: (p, s) => setPage({ page: p, pageSize: s }),
        }}
        columns={[
          {
            title: t('title'),
            dataIndex: 'title',
            render: (title: string, p) => <Link to={p.id}>{title}</Link>,
          },
          { title: t('place'), dataIndex: 'placeName', width: 180 },
          {
            title: t('category'),
            dataIndex: 'category',
            width: 120,
            render: (c: keyof typeof categoryNames) => categoryNames[c]?.[language],
          },
          {
            title: t('state'),
            dataIndex: 'state',
            width: 100,
            render: (s: string) => <Tag color={stateColour[s]}>{t(`states.${s}`)}</Tag>,
          },
          { title: t('level'), dataIndex: 'level', width: 100, render: (l: string) => t(`levels.${l}`) },
          { title: t('priority'), dataIndex: 'priority', width: 80 },
          { title: t('voices'), dataIndex: 'voices', width: 90 },
          {
            title: t('deadline'),
            dataIndex: 'deadlineAt',
            width: 240,
            render: (at: string | null, p) => (
              <DeadlineCell deadlineAt={at} provisional={p.deadlineProvisional} />
            ),
          },
        ]}
      />
    </>
  );
}

export function ProblemsSection() {
  return (
    <Routes>
      <Route path="" element={<Queue />} />
      <Route path=":id" element={<ProblemPage />} />
    </Routes>
  );
}
