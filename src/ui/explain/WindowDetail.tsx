import { useMemo } from 'react';
import type { ExplainReport, ExplainSeries } from '../../state/explainView';
import { describeOutput, explainSelection, pickWindow, windowView } from '../../state/explainView';
import { useStore } from '../../state/useStore';
import { PlotlyChart } from '../charts/PlotlyChart';
import { heatmapLayout, heatmapTraces, waterfallTraces } from './explainTraces';

/** The waterfall, sentence and feature x lag grid of the window picked on the forecast chart. */
export function WindowDetail({ report, series }: { report: ExplainReport; series: ExplainSeries }) {
  const time = useStore(explainSelection, (s) => s.time);
  const picked = useMemo(() => pickWindow(series, time), [series, time]);
  const view = useMemo(() => (picked ? windowView(report, series, picked.index) : null), [report, series, picked]);
  const waterfall = useMemo(() => (view ? waterfallTraces(view.waterfall) : []), [view]);
  const heatmap = useMemo(() => (view ? heatmapTraces(view.heatmap) : []), [view]);
  const layout = useMemo(() => (view ? heatmapLayout(view.heatmapColumns) : {}), [view]);
  if (!picked || !view) return null;
  const rows = new Set(view.heatmap.map((c) => c.row)).size;
  return (
    <div data-testid="explain-window" data-date={view.date}>
      <p className="muted">
        {time === null ? 'Click a date on the forecast chart to explain it; showing the last explained window.' : null}
        {picked.snappedFrom ? `${picked.snappedFrom} is not among the explained windows; showing the nearest, ${view.date}.` : null}
      </p>
      <PlotlyChart testId="chart-explain-waterfall" title={`Why ${describeOutput(report.output)} on ${view.date}: base → each group → prediction`} data={waterfall} height={300} />
      <p className="explain-sentence" data-testid="explain-sentence">
        {view.sentence}
      </p>
      <PlotlyChart testId="chart-explain-heatmap" title={`Feature × lag attribution on ${view.date}`} data={heatmap} layout={layout} height={90 + 40 * rows} />
    </div>
  );
}
