import { Alert, Input, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { categoryNames } from '../../../domain/matters/vocabulary.ts';
import { ApiError, api } from '../../api.ts';
import { usePreferences } from '../../shell/preferences.tsx';
import { shanghaiTime } from '../problems/types.ts';

type Hit = {
  type: 'matter' | 'problem';
  id: string;
  problemId: string | null;
  title: string;
  snippet: string;
  category: keyof typeof categoryNames;
  state: string;
  placeName: string;
  createdAt: string;
};
type Page = { total: number; page: number; pageSize: number; items: Hit[] };

/** Workbench search over every matter and problem the worker's roles may see; the query lives in the URL. */
export function SearchSection() {
  const { t } = useTranslation('problemList');
  const { t: tp } = useTranslation('problems');
  const { t: tm } = useTranslation('matters');
  const { language } = usePreferences();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const type = (params.get('type') ?? '') as '' | 'matter' | 'problem';
  const page = Number(params.get('page') ?? 1);
  const pageSize = Number(params.get('pageSize') ?? 20);
  const [data, setData] = useState<Page | null>(null);
  const [loading, setLoading] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);

  useEffect(() => {
    if (q.trim() === '') {
      setData(null);
      return;
    }
    let current = true;
    setLoading(true);
    const query = new URLSearchParams({ q, page: String(page), pageSize: String(pageSize) });
    if (type) query.set('type', type);
    setRefused(null);
    api<Page>(`/api/workbench/search?${query}`)
      .then((d) => current && setData(d))
      .catch((e: unknown) => current && setRefused(e instanceof ApiError ? e.problem.title : String(e)))
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [q, type, page, pageSize]);

  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next);
  };

  return (
    <>
      <Typography.Title level={2}>{t('searchTitle')}</Typography.Title>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Input.Search
          aria-label={t('searchTitle')}
          placeholder={t('searchPlaceholder')}
          defaultValue={q}
          enterButton
          allowClear
          size="large"
          onSearch={(value) => update({ q: value.trim(), page: '' })}
        />
        <Typography.Text type="secondary">{t('searchHint')}</Typography.Text>
        <Segmented
          value={type}
          onChange={(v) => update({ type: String(v), page: '' })}
          options={[
            { value: '', label: t('all') },
            { value: 'problem', label: t('problems') },
            { value: 'matter', label: t('matters') },
          ]}
        />
        {refused && <Alert type="warning" showIcon title={refused} />}
        {data && <Typography.Text strong>{t('found', { count: data.total })}</Typography.Text>}
      </Space>
      <Table<Hit>
        style={{ marginTop: 12 }}
        rowKey={(h) => `${h.type}:${h.id}`}
        loading={loading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: <Typography.Text>{q ? t('nothing') : t('searchHint')}</Typography.Text> }}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          onChange: (p, s) => update({ page: String(p), pageSize: String(s) }),
        }}
        columns={[
          { title: t('when'), dataIndex: 'createdAt', render: shanghaiTime, width: 170 },
          {
            title: t('type'),
            dataIndex: 'type',
            width: 90,
            render: (v: Hit['type']) => <Tag>{v === 'problem' ? t('problems') : t('matters')}</Tag>,
          },
          {
            title: t('what'),
            render: (_, h) => (
              <Space direction="vertical" size={0}>
                {h.problemId ? (
                  <Link to={`/workbench/problems/${h.problemId}`}>{h.title}</Link>
                ) : (
                  <Link to="/workbench/inbox">{h.title}</Link>
                )}
                <Typography.Text type="secondary">{h.snippet}</Typography.Text>
              </Space>
            ),
          },
          { title: t('place'), dataIndex: 'placeName', width: 130 },
          {
            title: t('category'),
            dataIndex: 'category',
            width: 110,
            render: (c: Hit['category']) => categoryNames[c]?.[language],
          },
          {
            title: t('state'),
            width: 100,
            render: (_, h) => (h.type === 'problem' ? tp(`states.${h.state}`) : tm(`states.${h.state}`)),
          },
        ]}
      />
    </>
  );
}
