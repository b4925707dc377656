/** plotly traces of the explain views (data in, traces out; the numbers come from state/explainView). */
import type { Data, Layout } from 'plotly.js';
import type { BeeswarmPoint, ExplainReport, HeatCell, WaterfallStep } from '../../state/explainView';

const dates = (time: number[]) => time.map((t) => new Date(t).toISOString());
const PALETTE = ['#f5a623', '#38c172', '#4dc0b5', '#6574cd', '#e3342f', '#9561e2', '#8892a6'];

export function globalBarTraces(report: ExplainReport): Data[] {
  const rows = [...report.global].reverse();
  return [
    {
      type: 'bar',
      orientation: 'h',
      y: rows.map((g) => g.group),
      x: rows.map((g) => g.meanAbs),
      error_x: { type: 'data', array: rows.map((g) => g.spread), visible: true, color: '#8892a6' },
      marker: { color: rows.map((g) => (g.meanSigned >= 0 ? '#38c172' : '#e3342f')) },
      hovertemplate: '%{y}: %{x:.3g} ± %{error_x.array:.2g}<extra></extra>',
      showlegend: false,
    },
  ];
}

export function waterfallTraces(steps: WaterfallStep[]): Data[] {
  return [
    {
      type: 'waterfall',
      orientation: 'v',
      x: steps.map((s) => s.label),
      y: steps.map((s) => (s.kind === 'prediction' ? 0 : s.value)),
      measure: steps.map((s) => (s.kind === 'base' ? 'absolute' : s.kind === 'prediction' ? 'total' : 'relative')),
      increasing: { marker: { color: '#38c172' } },
      decreasing: { marker: { color: '#e3342f' } },
      totals: { marker: { color: '#f5a623' } },
      connector: { line: { color: '#4a5568' } },
      showlegend: false,
    } as Data,
  ];
}

export function heatmapTraces(cells: HeatCell[]): Data[] {
  const largest = Math.max(1e-12, ...cells.map((c) => Math.abs(c.value)));
  // Every lag a column (integrated gradients): smaller squares so 30-60 columns fit the panel.
  const size = Math.max(8, Math.min(26, Math.floor(640 / new Set(cells.map((c) => c.column)).size)));
  return [
    {
      type: 'scatter',
      mode: 'markers',
      x: cells.map((c) => c.column),
      y: cells.map((c) => c.row),
      text: cells.map((c) => c.value.toPrecision(3)),
      hovertemplate: '%{y}, %{x}: %{text}<extra></extra>',
      marker: { symbol: 'square', size, color: cells.map((c) => c.value), colorscale: 'RdBu', cmin: -largest, cmax: largest, showscale: true },
      showlegend: false,
    },
  ];
}

export function heatmapLayout(columns: string[]): Partial<Layout> {
  return { xaxis: { type: 'category', categoryorder: 'array', categoryarray: columns, showgrid: false }, yaxis: { type: 'category', showgrid: false } };
}

export function beeswarmTraces(points: BeeswarmPoint[]): Data[] {
  // A deterministic jitter keeps the points of one group apart without randomness.
  const jitter = points.map((_, i) => (((i * 0.618034) % 1) - 0.5) * 0.5);
  const groups = [...new Set(points.map((p) => p.group))].reverse();
  return [
    {
      type: 'scatter',
      mode: 'markers',
      x: points.map((p) => p.value),
      y: points.map((p, i) => groups.indexOf(p.group) + jitter[i]!),
      text: points.map((p) => `${p.group} ${p.date}`),
      hovertemplate: '%{text}: %{x:.3g}<extra></extra>',
      marker: {
        size: 6,
        color: points.map((p) => p.colour ?? 0.5),
        colorscale: [[0, '#6574cd'], [1, '#e3342f']],
        cmin: 0,
        cmax: 1,
        showscale: true,
        colorbar: { title: { text: 'feature value' }, tickvals: [0, 1], ticktext: ['low', 'high'] },
      },
      showlegend: false,
    },
  ];
}

export function beeswarmLayout(points: BeeswarmPoint[]): Partial<Layout> {
  const groups = [...new Set(points.map((p) => p.group))].reverse();
  return { yaxis: { tickvals: groups.map((_, i) => i), ticktext: groups, zeroline: false }, xaxis: { title: { text: 'attribution' } }, margin: { l: 120, r: 20, t: 40, b: 40 } };
}

export function areaTraces(over: { time: number[]; layers: { group: string; values: number[] }[] }): Data[] {
  const x = dates(over.time);
  return over.layers.map((layer, i) => ({
    type: 'scatter',
    mode: 'lines',
    x,
    y: layer.values,
    name: layer.group,
    stackgroup: 'attribution',
    line: { width: 0.5, color: PALETTE[i % PALETTE.length]! },
  }));
}

/** The attention model's mean attention per lag, newest bar first. */
export function attentionTraces(byLag: number[]): Data[] {
  return [
    {
      type: 'bar',
      x: byLag.map((_, lag) => lag),
      y: byLag,
      marker: { color: '#4dc0b5' },
      hovertemplate: 'lag %{x}: %{y:.3f}<extra></extra>',
      showlegend: false,
    },
  ];
}

export const ATTENTION_LAYOUT: Partial<Layout> = { xaxis: { title: { text: 'lag (bars before the forecast)' }, dtick: 5 }, yaxis: { title: { text: 'mean attention' }, rangemode: 'tozero' } };
