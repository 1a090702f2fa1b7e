import { Input, List, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { categoryNames } from '../../domain/matters/vocabulary.ts';
import { api } from '../api.ts';
import { usePreferences } from '../shell/preferences.tsx';

export type PublicHit = {
  problemId: string;
  summary: string;
  category: keyof typeof categoryNames;
  state: string;
  placeName: string;
  voices: number;
  publishedAt: string | null;
  createdAt: string;
};
type Page = { total: number; page: number; pageSize: number; items: PublicHit[] };

/**
 * The echo wall's search box: published summaries only (GET /api/public/search), 20 a page, newest
 * first. `placeId` narrows to a community; `renderHit` lets the wall show a hit as its own cards do.
 */
export function PublicSearchBox({
  placeId,
  renderHit,
}: {
  placeId?: string;
  renderHit?(hit: PublicHit): React.ReactNode;
}) {
  const { t } = useTranslation('problemList');
  const { t: tp } = useTranslation('problems');
  const { language } = usePreferences();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Page | null>(null);
  useEffect(() => {
    if (q === '') {
      setData(null);
      return;
    }
    let current = true;
    const query = new URLSearchParams({ q, page: String(page) });
    if (placeId) query.set('placeId', placeId);
    void api<Page>(`/api/public/search?${query}`).then((d) => current && setData(d));
    return () => {
      current = false;
    };
  }, [q, page, placeId]);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Input.Search
        aria-label={t('publicSearchPlaceholder')}
        placeholder={t('publicSearchPlaceholder')}
        allowClear
        enterButton
        onSearch={(v) => {
          setQ(v.trim());
          setPage(1);
        }}
      />
      {data && (
        <List
          header={t('publicFound', { count: data.total })}
          dataSource={data.items}
          pagination={
            data.total > data.pageSize
              ? { current: page, pageSize: data.pageSize, total: data.total, onChange: setPage }
              : false
          }
          renderItem={(hit) =>
            renderHit ? (
              renderHit(hit)
            ) : (
              <List.Item>
                <List.Item.Meta
                  title={hit.summary}
                  description={
                    <Space wrap>
                      <span>{hit.placeName}</span>
                      <Tag>{categoryNames[hit.category]?.[language]}</Tag>
                      <Tag color="success">{tp(`states.${hit.state}`)}</Tag>
                      <Typography.Text type="secondary">{t('voices', { count: hit.voices })}</Typography.Text>
                    </Space>
                  }
                />
              </List.Item>
            )
          }
        />
      )}
    </Space>
  );
}
