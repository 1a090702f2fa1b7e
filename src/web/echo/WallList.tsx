import { Button, Card, Empty, Flex, List, Select, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { categories, categoryNames } from '../../domain/matters/vocabulary.ts';
import type { WallPage } from '../../modules/echo/echo.schemas.ts';
import { api } from '../api.ts';
import { formatDate } from '../shared/format.ts';
import { usePreferences } from '../shell/preferences.tsx';
import { PublicSearchBox } from '../wall/PublicSearchBox.tsx';
import { FigureCards } from './FigureCards.tsx';
import { FigureChart } from './FigureChart.tsx';
import { periodRange } from './format.ts';
import { PlaceCascader } from './PlaceCascader.tsx';
import { queryString, useFigures } from './useFigures.ts';

type Item = WallPage['items'][number];
type Period = 'all' | 'month' | 'quarter' | 'year';
// Dark text on light tints: Ant Design's coloured tags fall short of WCAG AA contrast.
const solvedStyle = { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' };
const handlingStyle = { color: '#613400', background: '#fffbe6', borderColor: '#ffe58f' };
const stateStyle: Record<string, typeof solvedStyle | undefined> = {
  resolved: solvedStyle,
  closed: solvedStyle,
  dispatched: handlingStyle,
  in_progress: handlingStyle,
};

type CardItem = Pick<Item, 'id' | 'category' | 'placeName' | 'summary' | 'voices' | 'publishedAt'> & {
  state: string;
};

/** One published problem as the wall shows it, in its list and among search hits alike. */
function WallCard({ item }: { item: CardItem }) {
  const { t } = useTranslation('echo');
  const { language } = usePreferences();
  return (
    <Card size="small" style={{ width: '100%' }}>
      <Space wrap size={4} style={{ marginBottom: 8 }}>
        <Tag style={stateStyle[item.state]}>{t(`states.${item.state}`)}</Tag>
        <Tag>{categoryNames[item.category as keyof typeof categoryNames]?.[language] ?? item.category}</Tag>
        <Typography.Text>{item.placeName}</Typography.Text>
      </Space>
      <Typography.Paragraph style={{ marginBottom: 8 }}>
        <Link to={item.id}>{item.summary}</Link>
      </Typography.Paragraph>
      <Typography.Text type="secondary">
        {t('voices', { count: item.voices })} ·{' '}
        {t('published', { at: formatDate(item.publishedAt, language) })}
      </Typography.Text>
    </Card>
  );
}

/** The echo wall: a search over what is published, figures of the chosen place, then its published problems, page by page. */
export function WallList() {
  const { t } = useTranslation('echo');
  const { language } = usePreferences();
  const [placePath, setPlacePath] = useState<string[]>([]);
  const [placeKind, setPlaceKind] = useState<string>();
  const [category, setCategory] = useState<string>();
  const [state, setState] = useState<string>();
  const [period, setPeriod] = useState<Period>('all');
  const [items, setItems] = useState<Item[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const placeId = placePath.at(-1);
  const filters = { placeId, category, state, ...periodRange(period) };
  const filterKey = queryString(filters);
  // The figures roll up to communities: for a compound, those of its community.
  const figurePlace = placeKind === 'compound' ? placePath.at(-2) : placeId;
  const figures = useFigures({ placeId: figurePlace, category, by: 'category', ...periodRange(period) });

  const load = useCallback(
    async (after: string | null) => {
      setLoading(true);
      try {
        const page = await api<WallPage>(
          `/api/public/echo-wall${filterKey}${filterKey ? '&' : '?'}limit=10${after ? `&after=${after}` : ''}`,
        );
        setItems((current) => (after ? [...current, ...page.items] : page.items));
        setNext(page.next);
      } finally {
        setLoading(false);
      }
    },
    [filterKey],
  );
  useEffect(() => {
    void load(null);
  }, [load]);

  const categoryLabel = (c: string) => categoryNames[c as keyof typeof categoryNames]?.[language] ?? c;
  return (
    <>
      <section aria-label={t('search')} style={{ marginBottom: 16 }}>
        <PublicSearchBox
          placeId={placeId}
          renderHit={(hit) => (
            <List.Item>
              <WallCard item={{ ...hit, id: hit.problemId, publishedAt: hit.publishedAt ?? hit.createdAt }} />
            </List.Item>
          )}
        />
      </section>
      <section aria-label={t('filters')}>
        <Flex wrap gap={8} style={{ marginBottom: 16 }}>
          <PlaceCascader
            label={t('place')}
            placeholder={t('allPlaces')}
            value={placePath}
            onChange={(path, kind) => {
              setPlacePath(path);
              setPlaceKind(kind);
            }}
          />
          <Select
            aria-label={t('category')}
            allowClear
            placeholder={t('allCategories')}
            style={{ minWidth: 140 }}
            value={category}
            onChange={setCategory}
            options={categories.map((c) => ({ value: c, label: categoryLabel(c) }))}
          />
          <Select
            aria-label={t('state')}
            allowClear
            placeholder={t('allStates')}
            style={{ minWidth: 120 }}
            value={state}
            onChange={setState}
            options={(['open', 'in_progress', 'solved'] as const).map((s) => ({
              value: s,
              label: t(`wallStates.${s}`),
            }))}
          />
          <Select
            aria-label={t('period')}
            style={{ minWidth: 120 }}
            value={period}
            onChange={setPeriod}
            options={(['all', 'month', 'quarter', 'year'] as const).map((p) => ({
              value: p,
              label: t(`periods.${p}`),
            }))}
          />
        </Flex>
      </section>
      {figures && (
        <section aria-label={t('figuresTitle')} style={{ marginBottom: 16 }}>
          <Typography.Title level={2} style={{ fontSize: '1.2em' }}>
            {t('figuresTitle')}
            {figures.place ? ` · ${figures.place.name}` : ''}
          </Typography.Title>
          <FigureCards figures={figures} />
          {figures.breakdown && figures.breakdown.rows.length > 0 && (
            <FigureChart rows={figures.breakdown.rows} kind="bar" title={t('byCategory')} height={260} />
          )}
        </section>
      )}
      <section aria-label={t('problems')}>
        <List
          dataSource={items}
          locale={{ emptyText: <Empty description={t('empty')} /> }}
          renderItem={(item) => (
            <List.Item>
              <WallCard item={item} />
            </List.Item>
          )}
        />
        <Flex justify="center" style={{ marginTop: 8 }}>
          {next ? (
            <Button loading={loading} onClick={() => void load(next)}>
              {t('loadMore')}
            </Button>
          ) : (
            items.length > 0 && <Typography.Text type="secondary">{t('noMore')}</Typography.Text>
          )}
        </Flex>
      </section>
    </>
  );
}
