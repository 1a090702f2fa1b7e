import { Button, Col, ConfigProvider, Flex, Row, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { FigureCards } from './FigureCards.tsx';
import { FigureChart } from './FigureChart.tsx';
import { clock, periodRange } from './format.ts';
import { useFigures } from './useFigures.ts';

const REFRESH_SECONDS = 30;

/** The wall display of a street office: the figures full screen, dark, re-read every 30 seconds. */
export function DashboardPage() {
  const { t } = useTranslation('echo');
  const [search] = useSearchParams();
  const placeId = search.get('placeId') ?? undefined;
  const year = periodRange('year');
  const byCategory = useFigures({ placeId, by: 'category' }, REFRESH_SECONDS);
  const overTime = useFigures({ placeId, by: 'period', period: 'month', ...year }, REFRESH_SECONDS);
  const byPlace = useFigures({ placeId, by: 'place' }, REFRESH_SECONDS);
  return (
    <ConfigProvider theme={{ algorithm: theme.darkAlgorithm }}>
      <main style={{ minHeight: '100vh', background: '#141414', color: '#fff', padding: 24 }}>
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Typography.Title level={1} style={{ color: '#fff', margin: 0 }}>
            {t('figuresTitle')}
            {byCategory?.place ? ` · ${byCategory.place.name}` : ''}
          </Typography.Title>
          <Flex align="center" gap={12}>
            {byCategory && (
              <Typography.Text style={{ color: '#fff' }}>
                {t('refreshed', { time: clock(byCategory.computedAt) })}
              </Typography.Text>
            )}
            <Button onClick={() => void document.documentElement.requestFullscreen?.()}>
              {t('fullScreen')}
            </Button>
          </Flex>
        </Flex>
        {byCategory && (
          <div style={{ marginTop: 16 }}>
            <FigureCards figures={byCategory} dark />
          </div>
        )}
        <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
          <Col xs={24} xl={8}>
            {byCategory?.breakdown && (
              <FigureChart
                rows={byCategory.breakdown.rows}
                kind="bar"
                title={t('byCategory')}
                dark
                height={360}
              />
            )}
          </Col>
          <Col xs={24} xl={8}>
            {overTime?.breakdown && (
              <FigureChart
                rows={overTime.breakdown.rows}
                kind="line"
                title={t('byPeriod')}
                dark
                height={360}
              />
            )}
          </Col>
          <Col xs={24} xl={8}>
            {byPlace?.breakdown && (
              <FigureChart rows={byPlace.breakdown.rows} kind="bar" title={t('byPlace')} dark height={360} />
            )}
          </Col>
        </Row>
      </main>
    </ConfigProvider>
  );
}
