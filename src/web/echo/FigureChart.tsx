import { useTranslation } from 'react-i18next';
import type { Figures } from '../../modules/figures/figures.schemas.ts';
import { EChart } from '../shared/EChart.tsx';

type Rows = NonNullable<Figures['breakdown']>['rows'];

/**
 * A breakdown as an ECharts chart: stacked bars of solved, in progress and open problems beside the matters
 * collected, or lines over time. ECharts' aria option describes the chart for screen readers.
 */
export function FigureChart({
  rows,
  kind,
  title,
  dark = false,
  height = 320,
}: {
  rows: Rows;
  kind: 'bar' | 'line';
  title: string;
  dark?: boolean;
  height?: number;
}) {
  const { t } = useTranslation('echo');
  const labels = rows.map((r) => r.label);
  const series = (
    [
      ['collected', '#8c8c8c'],
      ['solved', '#389e0d'],
      ['inProgress', '#d48806'],
      ['open', '#c8102e'],
    ] as const
  ).map(([key, color]) => ({
    name: t(key),
    type: kind,
    stack: key === 'collected' ? undefined : 'problems',
    itemStyle: { color },
    data: rows.map((r) => r.counts[key]),
  }));
  const option = {
    aria: { enabled: true },
    title: { text: title, textStyle: { color: dark ? '#fff' : '#262626', fontSize: 14 } },
    tooltip: { trigger: 'axis' },
    legend: { top: 24, textStyle: { color: dark ? '#fff' : '#262626' } },
    grid: { top: 64, left: 40, right: 16, bottom: 48 },
    xAxis: {
      type: 'category',
      data: labels,
      axisLabel: { color: dark ? '#fff' : '#262626', interval: 0, rotate: labels.length > 6 ? 30 : 0 },
    },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { color: dark ? '#fff' : '#262626' } },
    series,
  };
  return (
    <div role="img" aria-label={title}>
      <EChart option={option} style={{ height }} notMerge />
    </div>
  );
}
