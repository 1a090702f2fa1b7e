import type { BreakdownRow } from './reports.schemas.ts';

// The charts of the monthly report as ECharts options: the web page draws them with echarts-for-react and
// the server renders the same options to PNG for the .docx, so the page and the document show one chart.
// Pure: no server code, no DOM.

export type ChartWords = {
  collected: string;
  solved: string;
  inProgress: string;
  open: string;
};

const colours = { collected: '#8c8c8c', solved: '#389e0d', inProgress: '#d48806', open: '#c8102e' } as const;

/**
 * Bars per category or community: the matters collected beside the problems they became, stacked by
 * solved, in progress and open — as the workbench's figures draw them (src/web/echo/FigureChart.tsx).
 */
export function problemsBarOption(rows: readonly BreakdownRow[], title: string, words: ChartWords) {
  const labels = rows.map((r) => r.label);
  return {
    aria: { enabled: true },
    title: { text: title, left: 'center', top: 4, textStyle: { fontSize: 14, color: '#262626' } },
    tooltip: { trigger: 'axis' },
    legend: { top: 32, textStyle: { color: '#262626' } },
    grid: { top: 76, left: 44, right: 16, bottom: labels.length > 6 ? 72 : 40 },
    xAxis: {
      type: 'category',
      data: labels,
      axisLabel: { color: '#262626', interval: 0, rotate: labels.length > 6 ? 30 : 0 },
    },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#262626' } },
    series: (['collected', 'solved', 'inProgress', 'open'] as const).map((key) => ({
      name: words[key],
      type: 'bar',
      stack: key === 'collected' ? undefined : 'problems',
      itemStyle: { color: colours[key] },
      label: { show: true, position: key === 'collected' ? 'top' : 'inside', formatter: nonZero },
      data: rows.map((r) => r.counts[key]),
    })),
  };
}

/** A pie of the matters collected per channel 渠道. */
export function channelPieOption(rows: readonly BreakdownRow[], title: string) {
  return {
    aria: { enabled: true },
    title: { text: title, left: 'center', top: 4, textStyle: { fontSize: 14, color: '#262626' } },
    tooltip: { trigger: 'item' },
    legend: { bottom: 0, textStyle: { color: '#262626' } },
    series: [
      {
        type: 'pie',
        radius: ['0%', '58%'],
        center: ['50%', '52%'],
        percentPrecision: 1,
        label: { formatter: '{b}：{c}（{d}%）', color: '#262626' },
        data: rows.map((r) => ({ name: r.label, value: r.counts.collected })),
      },
    ],
  };
}

// Empty segments of a stack carry no label: a "0" inside nothing is noise on paper.
function nonZero(p: { value: unknown }) {
  return p.value === 0 ? '' : String(p.value);
}
