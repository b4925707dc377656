import type { Data, Layout } from 'plotly.js';

/** Chart adapters for the run's diagnostics (drift, learning curves). Mapping only. */

export interface DriftCell {
  psi: number | null;
  ks: number | null;
}

export interface DriftFold {
  index: number;
  rmse: number | null;
  columns: Record<string, DriftCell>;
}

/** The usual PSI bands: below 0.1 stable, 0.1 to 0.2 a moderate shift, above 0.2 retrain. */
export const PSI_BANDS = [
  { name: 'PSI < 0.1 (stable)', below: 0.1, color: '#38c172' },
  { name: 'PSI 0.1–0.2 (moderate shift)', below: 0.2, color: '#f6ad55' },
  { name: 'PSI > 0.2 (retrain)', below: Infinity, color: '#e3342f' },
] as const;

const foldName = (index: number) => `fold ${index + 1}`;

/**
 * Feature x fold squares coloured by PSI band (a scatter: the plotly bundle has no heatmap), the
 * PSI written in each, KS on hover; above them, the fold's model RMSE as bars on the same x.
 */
export function driftHeatmapTraces(folds: readonly DriftFold[], columns: readonly string[]): Data[] {
  const cells = folds.flatMap((f) => columns.map((column) => ({ fold: foldName(f.index), column, ...(f.columns[column] ?? { psi: null, ks: null }) })));
  const squares = PSI_BANDS.map((band, b): Data => {
    const lower = b === 0 ? -Infinity : PSI_BANDS[b - 1]!.below;
    const inBand = cells.filter((c) => c.psi !== null && c.psi >= lower && c.psi < band.below);
    return {
      type: 'scatter',
      mode: 'text+markers',
      name: band.name,
      x: inBand.map((c) => c.fold),
      y: inBand.map((c) => c.column),
      text: inBand.map((c) => c.psi!.toFixed(2)),
      hovertext: inBand.map((c) => `${c.column}, ${c.fold}: PSI ${c.psi!.toFixed(3)}, KS ${c.ks === null ? '—' : c.ks.toFixed(3)}`),
      hoverinfo: 'text',
      textfont: { size: 10, color: '#10131a' },
      marker: { symbol: 'square', size: 30, color: band.color },
      yaxis: 'y',
    };
  });
  const error: Data = {
    type: 'bar',
    name: 'model RMSE of the fold',
    x: folds.map((f) => foldName(f.index)),
    y: folds.map((f) => f.rmse),
    marker: { color: '#8892a6' },
    yaxis: 'y2',
  };
  return [...squares, error];
}

/** Folds left to right and columns top to bottom in their own order, whichever band a square falls in. */
export function driftHeatmapLayout(folds: readonly DriftFold[], columns: readonly string[]): Partial<Layout> {
  return {
    xaxis: { type: 'category', showgrid: false, categoryorder: 'array', categoryarray: folds.map((f) => foldName(f.index)) },
    yaxis: { type: 'category', showgrid: false, domain: [0, 0.72], automargin: true, categoryorder: 'array', categoryarray: [...columns].reverse() },
    yaxis2: { domain: [0.78, 1], title: { text: 'RMSE' } },
    height: 160 + 34 * columns.length,
  };
}

export interface Curve {
  fold: number;
  train: (number | null)[];
  val: (number | null)[];
  bestEpoch: number | null;
}

const PALETTE = ['#f5a623', '#4a6fa5', '#38c172', '#e3342f', '#9561e2', '#17becf', '#d62728', '#8892a6'];
const epochs = (values: readonly unknown[]) => values.map((_, i) => i + 1);

/** Past this many folds overlaid, no legend (hover names each curve; the fold select shows one fold with its legend). */
const LEGEND_FOLDS = 4;

/**
 * Training (dashed) and validation (solid) loss per epoch, one colour a fold, a diamond at the epoch
 * kept. Many folds get no legend: plotly measures each entry's text as it draws (24 folds: 72 entries, ~100 ms).
 */
export function learningCurveTraces(curves: readonly Curve[]): Data[] {
  const showlegend = curves.length <= LEGEND_FOLDS;
  return curves.flatMap((c, i): Data[] => {
    const color = PALETTE[i % PALETTE.length]!;
    const name = foldName(c.fold);
    const traces: Data[] = [
      { type: 'scatter', mode: 'lines', name: `${name} train`, legendgroup: name, showlegend, x: epochs(c.train), y: c.train, line: { color, dash: 'dash', width: 1.5 } },
    ];
    if (c.val.length > 0) {
      traces.push({ type: 'scatter', mode: 'lines', name: `${name} validation`, legendgroup: name, showlegend, x: epochs(c.val), y: c.val, line: { color, width: 2 } });
    }
    if (c.bestEpoch !== null) {
      traces.push({
        type: 'scatter',
        mode: 'markers',
        name: `${name} epoch kept (${c.bestEpoch})`,
        legendgroup: name,
        showlegend,
        x: [c.bestEpoch],
        y: [c.val[c.bestEpoch - 1] ?? null],
        marker: { color, symbol: 'diamond', size: 11, line: { color: '#ffffff', width: 1 } },
      });
    }
    return traces;
  });
}

export const LEARNING_CURVE_LAYOUT: Partial<Layout> = { xaxis: { title: { text: 'epoch' }, dtick: 1 }, yaxis: { title: { text: 'loss' } } };
