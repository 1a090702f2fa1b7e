import { lazy, Suspense } from 'react';
import type { EChartNow } from './EChartNow.tsx';

// ECharts is the largest download of the site: it arrives when the first chart is shown, not with the page.
const Loaded = lazy(() => import('./EChartNow.tsx').then((m) => ({ default: m.EChartNow })));

/** An ECharts chart; until ECharts has arrived, an empty box of the chart's size. */
export function EChart(props: Parameters<typeof EChartNow>[0]) {
  return (
    <Suspense fallback={<div style={props.style} />}>
      <Loaded {...props} />
    </Suspense>
  );
}
