import { Alert, Descriptions, Flex, Progress, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TallyView } from '../../modules/votes/votes.schemas.ts';
import { EChart } from '../shared/EChart.tsx';
import { m2 } from './rule.ts';

type Measure = NonNullable<TallyView['participation']>['heads'];

function MeasureRow({ label, measure, area }: { label: string; measure: Measure; area: boolean }) {
  const { t } = useTranslation('votes');
  const percent =
    measure.denominator === 0 ? 0 : Math.floor((measure.numerator * 1000) / measure.denominator) / 10;
  const target = (measure.threshold.numerator * 100) / measure.threshold.denominator;
  const show = (n: number) => (area ? m2(n) : String(n));
  const status = measure.met
    ? t('met')
    : measure.needed === null
      ? t('impossible')
      : area
        ? t('neededArea', { m2: m2(measure.needed) })
        : t('needed', { n: measure.needed });
  return (
    <div>
      <Flex justify="space-between" wrap>
        <Typography.Text strong>{label}</Typography.Text>
        <Typography.Text>
          {show(measure.numerator)} / {show(measure.denominator)} ({percent}%) · {status}
        </Typography.Text>
      </Flex>
      <Progress
        percent={percent}
        success={{ percent: Math.min(percent, target) }}
        strokeColor={measure.met ? '#237804' : '#0958d9'}
        showInfo={false}
        aria-label={label}
      />
      <Typography.Text type="secondary">
        {t(`rules.${measure.threshold.comparison}`, {
          n: measure.threshold.numerator,
          d: measure.threshold.denominator,
        })}
      </Typography.Text>
    </div>
  );
}

/** The tally against the rule: participation and approval by heads and by area, and the options. */
export function TallyPanel({ tally, byArea }: { tally: TallyView; byArea: boolean }) {
  const { t } = useTranslation('votes');
  return (
    <Flex vertical gap={12} data-testid="tally">
      <Descriptions size="small" column={2} bordered>
        <Descriptions.Item label={t('asked')}>
          <span data-testid="asked-heads">{t('heads', { n: tally.electorate.heads })}</span>
          {byArea && ` · ${t('area', { m2: m2(tally.electorate.areaCentiM2) })}`}
        </Descriptions.Item>
        <Descriptions.Item label={t('answered')}>
          <span data-testid="answered-heads">{t('heads', { n: tally.answered.heads })}</span>
          {byArea && ` · ${t('area', { m2: m2(tally.answered.areaCentiM2) })}`}
        </Descriptions.Item>
      </Descriptions>
      {tally.participation && (
        <MeasureRow label={t('participationBy.heads')} measure={tally.participation.heads} area={false} />
      )}
      {tally.participation?.area && (
        <MeasureRow label={t('participationBy.area')} measure={tally.participation.area} area />
      )}
      {tally.approval && (
        <MeasureRow label={t('approvalBy.heads')} measure={tally.approval.heads} area={false} />
      )}
      {tally.approval?.area && <MeasureRow label={t('approvalBy.area')} measure={tally.approval.area} area />}
      {tally.options === null ? (
        <Alert type="info" showIcon title={t('hiddenUntilClose')} />
      ) : (
        <EChart
          style={{ height: 60 + tally.options.length * 36 }}
          option={{
            grid: { left: 90, right: 40, top: 10, bottom: 20 },
            xAxis: { type: 'value', minInterval: 1 },
            yAxis: { type: 'category', data: tally.options.map((o) => o.label), inverse: true },
            series: [
              {
                type: 'bar',
                data: tally.options.map((o) => o.heads),
                label: { show: true, position: 'right' },
                itemStyle: { color: '#c8102e' },
              },
            ],
            aria: { enabled: true },
          }}
        />
      )}
      {tally.passed !== null && tally.options && !tally.options.some((o) => o.key === 'approve') ? (
        <Typography.Text strong>
          {tally.winner
            ? t('winner', { option: tally.options.find((o) => o.key === tally.winner)?.label ?? '' })
            : t('noWinner')}
        </Typography.Text>
      ) : (
        tally.passed !== null && (
          <Flex gap={8} wrap>
            <Tag color={tally.passed ? '#237804' : 'default'}>{tally.passed ? t('passed') : t('failed')}</Tag>
            {!tally.passed && tally.stillPossible !== null && (
              <Tag>{tally.stillPossible ? t('stillPossible') : t('noLongerPossible')}</Tag>
            )}
          </Flex>
        )
      )}
    </Flex>
  );
}
