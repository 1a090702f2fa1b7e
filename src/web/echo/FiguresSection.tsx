import { Button, Card, Col, Flex, Row, Segmented, Select, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { categories, categoryNames, channelNames, channels } from '../../domain/matters/vocabulary.ts';
import type { Handlers, Ranking } from '../../modules/figures/figures.schemas.ts';
import { api } from '../api.ts';
import { usePreferences } from '../shell/preferences.tsx';
import { ExportButton } from '../workbench/exports/ExportButton.tsx';
import { FigureCards } from './FigureCards.tsx';
import { FigureChart } from './FigureChart.tsx';
import { percent, periodRange } from './format.ts';
import { PlaceCascader } from './PlaceCascader.tsx';
import { queryString, useFigures } from './useFigures.ts';

type Period = 'all' | 'month' | 'quarter' | 'year';
type Granularity = 'week' | 'month' | 'quarter' | 'year';

/** The workbench figures: counts and rates by category, place, period and channel, rankings and handlers. */
export function FiguresSection() {
  const { t } = useTranslation('echo');
  const { language } = usePreferences();
  const [placePath, setPlacePath] = useState<string[]>([]);
  const [category, setCategory] = useState<string>();
  const [channel, setChannel] = useState<string>();
  const [period, setPeriod] = useState<Period>('year');
  const [granularity, setGranularity] = useState<Granularity>('month');
  const placeId = placePath.at(-1);
  const base = { placeId, category, channel, ...periodRange(period) };
  const whole = useFigures({ ...base, by: 'category' });
  const overTime = useFigures({ ...base, by: 'period', period: granularity });
  const byChannel = useFigures({ ...base, by: 'channel' });
  const byPlace = useFigures({ ...base, by: 'place' });

  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('menu')}
        </Typography.Title>
        <Flex gap={8}>
          <ExportButton kind="figures" filters={{ source: 'figures', ...base, by: 'place' }} />
          <Button href={`/dashboard${queryString({ placeId })}`} target="_blank">
            {t('dashboard')}
          </Button>
        </Flex>
      </Flex>
      <Flex wrap gap={8} style={{ margin: '16px 0' }}>
        <PlaceCascader
          label={t('place')}
          placeholder={t('allPlaces')}
          value={placePath}
          onChange={(path) => setPlacePath(path)}
          stopAt="community"
        />
        <Select
          aria-label={t('category')}
          allowClear
          placeholder={t('allCategories')}
          style={{ minWidth: 140 }}
          value={category}
          onChange={setCategory}
          options={categories.map((c) => ({ value: c, label: categoryNames[c][language] }))}
        />
        <Select
          aria-label={t('channel')}
          allowClear
          placeholder={t('allChannels')}
          style={{ minWidth: 120 }}
          value={channel}
          onChange={setChannel}
          options={channels.map((c) => ({ value: c, label: channelNames[c][language] }))}
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
      {whole && <FigureCards figures={whole} />}
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={12}>
          <Card size="small">
            {whole?.breakdown && (
              <FigureChart rows={whole.breakdown.rows} kind="bar" title={t('byCategory')} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card
            size="small"
            extra={
              <Segmented<Granularity>
                aria-label={t('granularity')}
                size="small"
                value={granularity}
                onChange={setGranularity}
                options={(['week', 'month', 'quarter', 'year'] as const).map((g) => ({
                  value: g,
                  label: t(`periodNames.${g}`),
                }))}
              />
            }
          >
            {overTime?.breakdown && (
              <FigureChart rows={overTime.breakdown.rows} kind="line" title={t('byPeriod')} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small">
            {byPlace?.breakdown && (
              <FigureChart rows={byPlace.breakdown.rows} kind="bar" title={t('byPlace')} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small">
            {byChannel?.breakdown && (
              <FigureChart rows={byChannel.breakdown.rows} kind="bar" title={t('byChannel')} />
            )}
          </Card>
        </Col>
      </Row>
      {whole && (
        <Card size="small" title={t('onTimeByLevel')} style={{ marginTop: 16 }}>
          <Table
            rowKey="level"
            size="small"
            pagination={false}
            dataSource={whole.onTimeByLevel}
            columns={[
              { title: t('place'), dataIndex: 'level', render: (l: string) => t(`levels.${l}`) },
              { title: t('onTime'), render: (_, r) => `${percent(r.onTime)} (${t('rateOf', r.onTime)})` },
            ]}
          />
        </Card>
      )}
      <Rankings placeId={placeId} from={periodRange(period).from} to={periodRange(period).to} />
      <HandlersTable placeId={placeId} />
    </>
  );
}

function Rankings({ placeId, from, to }: { placeId?: string; from?: string; to?: string }) {
  const { t, i18n } = useTranslation('echo');
  const [level, setLevel] = useState<'street' | 'community'>('community');
  const [ranking, setRanking] = useState<Ranking | null>(null);
  const key = queryString({ placeId, level, from, to });
  useEffect(() => {
    void api<Ranking>(`/api/public/figures/rankings${key}`).then(setRanking);
  }, [key]);
  return (
    <Card
      size="small"
      title={t('rankings')}
      style={{ marginTop: 16 }}
      extra={
        <Segmented
          aria-label={t('rankings')}
          size="small"
          value={level}
          onChange={setLevel}
          options={[
            { value: 'community', label: t('rankCommunities') },
            { value: 'street', label: t('rankStreets') },
          ]}
        />
      }
    >
      {ranking && (
        <>
          <Typography.Paragraph type="secondary">
            {ranking.formula[i18n.language === 'en' ? 'en' : 'zh-CN']}
          </Typography.Paragraph>
          <Table
            rowKey="placeId"
            size="small"
            pagination={{ pageSize: 10 }}
            dataSource={ranking.rows}
            columns={[
              { title: t('rank'), dataIndex: 'rank', render: (r: number | null) => r ?? '—' },
              { title: t('name'), dataIndex: 'name' },
              { title: t('collected'), dataIndex: 'collected', sorter: (a, b) => a.collected - b.collected },
              { title: t('responseRate'), render: (_, r) => percent(r.rates.response) },
              { title: t('resolutionRate'), render: (_, r) => percent(r.rates.resolution) },
              { title: t('satisfactionRate'), render: (_, r) => percent(r.rates.satisfaction) },
              { title: t('reopens'), render: (_, r) => r.rates.reopens },
              {
                title: t('score'),
                dataIndex: 'score',
                render: (s: number | null) =>
                  s === null ? t('notRanked', { min: ranking.minMatters }) : (s * 100).toFixed(1),
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}

function HandlersTable({ placeId }: { placeId?: string }) {
  const { t } = useTranslation('echo');
  const { t: te } = useTranslation('exports');
  const [by, setBy] = useState<'party' | 'person'>('party');
  const [rows, setRows] = useState<Handlers['rows']>([]);
  const key = queryString({ placeId, by });
  useEffect(() => {
    void api<Handlers>(`/api/workbench/figures/handlers${key}`)
      .then((r) => setRows(r.rows))
      .catch(() => setRows([]));
  }, [key]);
  return (
    <Card
      size="small"
      title={t('handlers')}
      style={{ marginTop: 16 }}
      extra={
        <Flex gap={8} align="center">
          <Segmented
            aria-label={t('handlers')}
            size="small"
            value={by}
            onChange={setBy}
            options={[
              { value: 'party', label: t('byParty') },
              { value: 'person', label: t('byPerson') },
            ]}
          />
          <ExportButton
            kind="figures"
            filters={{ source: 'handlers', placeId, by }}
            label={te('figuresHandlers')}
          />
        </Flex>
      }
    >
      <Table
        rowKey="id"
        size="small"
        pagination={{ pageSize: 10 }}
        dataSource={rows}
        columns={[
          { title: t('name'), dataIndex: 'name' },
          { title: t('handled'), dataIndex: 'handled', sorter: (a, b) => a.handled - b.handled },
          { title: t('openOrders'), dataIndex: 'open', sorter: (a, b) => a.open - b.open },
          { title: t('onTime'), render: (_, r) => `${percent(r.onTime)} (${t('rateOf', r.onTime)})` },
          {
            title: t('rating'),
            dataIndex: 'rating',
            sorter: (a, b) => (a.rating ?? 0) - (b.rating ?? 0),
            render: (v: number | null, r) => (v === null ? '—' : `${v} (${r.ratings})`),
          },
        ]}
      />
    </Card>
  );
}
