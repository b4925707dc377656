import { useMemo } from 'react';
import type { ExplainReport, ExplainSeries } from '../../state/explainView';
import { attributionOverTime, beeswarmPoints, describeEstimator, describeOutput } from '../../state/explainView';
import { PlotlyChart } from '../charts/PlotlyChart';
import { useLabState } from '../LabContext';
import { areaTraces, ATTENTION_LAYOUT, attentionTraces, beeswarmLayout, beeswarmTraces, globalBarTraces } from './explainTraces';
import { WindowDetail } from './WindowDetail';

function summary(report: ExplainReport): string {
  if (report.method === 'permutation') return `Permutation importance: increase of the ${report.permutation?.loss ?? 'loss'} when a group is shuffled across the test windows (${report.permutation?.repeats ?? 0} repeats; bars: spread).`;
  const gap = report.estimator === 'integratedGradients' ? 'completeness error' : 'additivity error';
  return `${report.windows.length} windows of fold ${report.folds.map((f) => f + 1).join(', ')}: ${describeEstimator(report)}; background ${report.backgroundSize} training windows; explains ${describeOutput(report.output)}; ${gap} ${report.additivityError?.toExponential(1)}.`;
}

function WindowViews({ report, series }: { report: ExplainReport; series: ExplainSeries }) {
  const points = useMemo(() => beeswarmPoints(report, series), [report, series]);
  const swarm = useMemo(() => beeswarmTraces(points), [points]);
  const swarmLayout = useMemo(() => beeswarmLayout(points), [points]);
  const area = useMemo(() => areaTraces(attributionOverTime(report, series)), [report, series]);
  const groups = new Set(points.map((p) => p.group)).size;
  return (
    <>
      <WindowDetail report={report} series={series} />
      <PlotlyChart testId="chart-explain-beeswarm" title="Each window's attribution per group (colour: the feature's own value)" data={swarm} layout={swarmLayout} height={80 + 36 * groups} />
      <PlotlyChart testId="chart-explain-over-time" title="Attribution over the explained windows (stacked)" data={area} height={280} />
    </>
  );
}

/** The explain cell's views: global importance, then the picked window, beeswarm and attribution over time. */
export function ExplainPanel() {
  const result = useLabState((s) => s.result);
  const report = result?.report.explain;
  const series = result?.series.explain;
  const bars = useMemo(() => (report ? globalBarTraces(report) : []), [report]);
  const attention = useMemo(() => (report?.attention ? attentionTraces(report.attention.byLag) : null), [report]);
  if (!report) return null;
  return (
    <section className="panel" data-testid="explain">
      <h2>Explain</h2>
      <p className="muted" data-testid="explain-summary">
        {summary(report)}
      </p>
      {report.notes.map((note) => (
        <p key={note} className="warning">
          {note}
        </p>
      ))}
      <PlotlyChart testId="chart-explain-global" title={report.method === 'permutation' ? 'Permutation importance: loss increase per group (± spread over the repeats)' : 'Global importance: mean |attribution| per group (± spread across windows)'} data={bars} height={80 + 28 * report.global.length} />
      {report.windows.length > 0 && series ? <WindowViews report={report} series={series} /> : null}
      {attention ? (
        <PlotlyChart testId="chart-explain-attention" title={`Where the attention model looked: its attention weights per lag (mean over ${report.attention!.windows} windows, blocks, heads and queries; not an attribution)`} data={attention} layout={ATTENTION_LAYOUT} height={240} />
      ) : null}
    </section>
  );
}
