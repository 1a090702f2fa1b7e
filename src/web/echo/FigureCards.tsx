import { Card, Col, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Figures } from '../../modules/figures/figures.schemas.ts';
import { clock, duration, percent } from './format.ts';

/** The counts, the three rates 三率 with 重办, and the durations "as of hh:mm". */
export function FigureCards({ figures, dark = false }: { figures: Figures; dark?: boolean }) {
  const { t, i18n } = useTranslation('echo');
  const c = figures.counts;
  const r = figures.rates;
  const style = dark ? { background: '#1f1f1f', borderColor: '#434343' } : undefined;
  const text = dark ? { color: '#fff' } : undefined;
  const stat = (title: string, value: string | number, help?: string) => (
    <Card size="small" style={style}>
      <Statistic
        title={<span style={text}>{title}</span>}
        value={value}
        valueStyle={text}
        suffix={
          help ? <Typography.Text style={{ fontSize: 12, ...text }}>{help}</Typography.Text> : undefined
        }
      />
    </Card>
  );
  const rateHelp = (rate: Figures['rates']['response']) => t('rateOf', rate);
  return (
    <>
      <Typography.Paragraph strong style={{ fontSize: '1.15em', ...text }}>
        {t('flow', c)}
      </Typography.Paragraph>
      <Row gutter={[8, 8]}>
        {(['collected', 'problems', 'solved', 'inProgress', 'open', 'overdue', 'declined'] as const).map(
          (k) => (
            <Col key={k} xs={12} sm={8} md={6} xl={3}>
              {stat(t(k), c[k])}
            </Col>
          ),
        )}
      </Row>
      <Row gutter={[8, 8]} style={{ marginTop: 8 }}>
        <Col xs={12} md={6} xl={4}>
          {stat(t('responseRate'), percent(r.response), rateHelp(r.response))}
        </Col>
        <Col xs={12} md={6} xl={4}>
          {stat(t('resolutionRate'), percent(r.resolution), rateHelp(r.resolution))}
        </Col>
        <Col xs={12} md={6} xl={4}>
          {stat(t('satisfactionRate'), percent(r.satisfaction), rateHelp(r.satisfaction))}
        </Col>
        <Col xs={12} md={6} xl={4}>
          {stat(t('reopens'), r.reopens, `${t('reopenRate')} ${percent(r.reopenRate)}`)}
        </Col>
        <Col xs={12} md={6} xl={4}>
          {stat(
            t('firstResponse'),
            duration(figures.durations.firstResponse.medianSeconds, i18n.language),
            `${t('p90')} ${duration(figures.durations.firstResponse.p90Seconds, i18n.language)}`,
          )}
        </Col>
        <Col xs={12} md={6} xl={4}>
          {stat(
            t('resolution'),
            duration(figures.durations.resolution.medianSeconds, i18n.language),
            `${t('p90')} ${duration(figures.durations.resolution.p90Seconds, i18n.language)}`,
          )}
        </Col>
      </Row>
      {figures.durations.asOf && (
        <Typography.Paragraph type={dark ? undefined : 'secondary'} style={{ marginTop: 4, ...text }}>
          {t('durations')}（{t('median')}）{t('asOf', { time: clock(figures.durations.asOf) })}
        </Typography.Paragraph>
      )}
    </>
  );
}
