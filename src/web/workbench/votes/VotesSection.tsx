import { Alert, Button, Flex, Input, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useNavigate } from 'react-router-dom';
import type { QuestionSummary } from '../../../modules/votes/votes.schemas.ts';
import { formatDateTime } from '../../shared/format.ts';
import { useServerList } from '../../shared/useServerList.ts';
import { QuestionCreateModal } from './QuestionCreateModal.tsx';
import { VotePage } from './VotePage.tsx';

type Query = {
  state?: string;
  title?: string;
  sort: 'closesAt' | 'createdAt' | 'title';
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
};

const phaseColour = { upcoming: 'default', open: '#0958d9', ended: '#ad4e00', closed: '#237804' } as const;

function VoteList() {
  const { t, i18n } = useTranslation('votes');
  const navigate = useNavigate();
  const { query, setQuery, problem, tableProps } = useServerList<Query, QuestionSummary>(
    '/api/workbench/votes',
    { sort: 'createdAt', order: 'desc', page: 1, pageSize: 20 },
  );
  const [creating, setCreating] = useState(false);

  return (
    <>
      <Typography.Title level={2}>{t('title')}</Typography.Title>
      <Typography.Paragraph>{t('intro')}</Typography.Paragraph>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label={t('filterState')}
          style={{ width: 180 }}
          value={query.state ?? ''}
          onChange={(state: string) => setQuery((q) => ({ ...q, state: state || undefined, page: 1 }))}
          options={[
            { value: '', label: t('allStates') },
            ...(['upcoming', 'open', 'ended', 'closed'] as const).map((p) => ({
              value: p,
              label: t(`phase.${p}`),
            })),
          ]}
        />
        <Input.Search
          aria-label={t('filterTitle')}
          placeholder={t('filterTitle')}
          allowClear
          style={{ width: 240 }}
          onSearch={(title) => setQuery((q) => ({ ...q, title, page: 1 }))}
        />
        <Button type="primary" onClick={() => setCreating(true)}>
          {t('create')}
        </Button>
      </Flex>
      <Table<QuestionSummary>
        {...tableProps}
        columns={[
          {
            title: t('columns.title'),
            dataIndex: 'title',
            sorter: true,
            render: (title: string, q) => (
              <Button
                type="link"
                style={{ padding: 0, whiteSpace: 'normal', textAlign: 'left' }}
                onClick={() => navigate(`/workbench/votes/${q.id}`)}
              >
                {title}
              </Button>
            ),
          },
          { title: t('columns.place'), dataIndex: 'placeName' },
          {
            title: t('columns.phase'),
            dataIndex: 'phase',
            render: (phase: QuestionSummary['phase'], q) => (
              <Flex gap={4} wrap>
                <Tag color={phaseColour[phase]}>{t(`phase.${phase}`)}</Tag>
                {q.secret && <Tag>{t('secret')}</Tag>}
              </Flex>
            ),
          },
          {
            title: t('columns.answered'),
            render: (_: unknown, q) => `${q.answered.heads} / ${q.electorate.heads}`,
          },
          {
            title: t('columns.closesAt'),
            dataIndex: 'closesAt',
            sorter: true,
            render: (at: string) => formatDateTime(at, i18n.language),
          },
          {
            title: t('columns.createdAt'),
            dataIndex: 'createdAt',
            sorter: true,
            defaultSortOrder: 'descend',
            render: (at: string) => formatDateTime(at, i18n.language),
          },
        ]}
      />
      <QuestionCreateModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(id) => {
          setCreating(false);
          navigate(`/workbench/votes/${id}`);
        }}
      />
    </>
  );
}

export function VotesSection() {
  return (
    <Routes>
      <Route path="" element={<VoteList />} />
      <Route path=":id" element={<VotePage />} />
    </Routes>
  );
}
