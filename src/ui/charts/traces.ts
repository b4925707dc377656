import type { Data, Layout } from 'plotly.js';

/** Chart adapters: map run data to plotly traces. Mapping only, no computation. */

export interface Candles {
  time: number[];
  open: number[];
  high: number[];
  low: number[];
  close: number[];
}

/** For plotly attributes that @types/plotly.js lacks (bar `base`, heatmap `zmid`, histogram `nbinsx`). */
const untyped = (trace: Record<string, unknown>): Data => trace as Data;

const dates = (time: number[]) => time.map((t) => new Date(t).toISOString());

export function candleTraces(c: Candles): Data[] {
  return [{ type: 'candlestick', x: dates(c.time), open: c.open, high: c.high, low: c.low, close: c.close, name: 'price' }];
}

export interface IntervalBand {
  level: number;
  lower: (number | null)[];
  upper: (number | null)[];
}

/** Conformal bands, widest first so the narrower one draws on top. */
function intervalTraces(x: string[], intervals: readonly IntervalBand[]): Data[] {
  return [...intervals]
    .sort((a, b) => b.level - a.level)
    .flatMap((band, i): Data[] => {
      const name = `${Math.round(band.level * 100)}% conformal interval`;
      const fillcolor = i % 2 === 0 ? 'rgba(74,111,165,0.18)' : 'rgba(74,111,165,0.35)';
      return [
        { type: 'scatter', mode: 'lines', x, y: band.upper, name, legendgroup: name, line: { width: 0 }, showlegend: false, hoverinfo: 'skip' },
        { type: 'scatter', mode: 'lines', x, y: band.lower, name, legendgroup: name, fill: 'tonexty', fillcolor, line: { width: 0 } },
      ];
    });
}

export function forecastTraces(f: {
  time: number[];
  actual: number[];
  predicted: number[];
  lower?: number[] | undefined;
  upper?: number[] | undefined;
  probability?: number[] | undefined;
  intervals?: IntervalBand[] | undefined;
}): Data[] {
  const x = dates(f.time);
  const band: Data[] =
    f.lower && f.upper
      ? [
          { type: 'scatter', mode: 'lines', x, y: f.upper, name: 'upper quantile', line: { width: 0 }, showlegend: false },
          { type: 'scatter', mode: 'lines', x, y: f.lower, name: 'quantile band', fill: 'tonexty', fillcolor: 'rgba(245,166,35,0.2)', line: { width: 0 } },
        ]
      : [];
  const label = f.probability ? 'P(up) − 0.5 (direction model)' : f.lower ? 'median forecast (out of sample)' : 'forecast (out of sample)';
  return [
    ...intervalTraces(x, f.intervals ?? []),
    ...band,
    { type: 'scatter', mode: 'lines', x, y: f.actual, name: 'actual log return', line: { color: '#8892a6', width: 1 } },
    { type: 'scatter', mode: 'lines', x, y: f.predicted, name: label, line: { color: '#f5a623', width: 1.5 } },
  ];
}

export function foldBoundaryLayout(foldStarts: number[]): Partial<Layout> {
  return {
    shapes: foldStarts.map((t) => ({
      type: 'line',
      xref: 'x',
      yref: 'paper',
      x0: new Date(t).toISOString(),
      x1: new Date(t).toISOString(),
      y0: 0,
      y1: 1,
      line: { color: '#4a5568', dash: 'dot', width: 1 },
    })),
  };
}

export function equityTraces(e: { time: number[]; strategy: number[]; buyAndHold: number[] }): Data[] {
  const x = dates(e.time);
  return [
    { type: 'scatter', mode: 'lines', x, y: e.strategy, name: 'strategy (long/flat)', line: { color: '#38c172' } },
    { type: 'scatter', mode: 'lines', x, y: e.buyAndHold, name: 'buy and hold', line: { color: '#8892a6' } },
  ];
}

export interface FoldGap {
  rows: number;
  start: string | null;
  end: string | null;
}

export interface FoldSpan {
  index: number;
  trainStart: string;
  trainEnd: string;
  testStart: string;
  testEnd: string;
  embargo?: FoldGap | undefined;
  purge?: FoldGap | undefined;
}

/** The embargo or purge rows of each fold as a labelled bar, sizes and dates on hover. */
function gapTrace(folds: FoldSpan[], names: string[], which: 'embargo' | 'purge', color: string): Data | null {
  const gaps = folds.map((f) => f[which]);
  if (!gaps.some((g) => g && g.rows > 0 && g.start && g.end)) return null;
  const span = (g: FoldGap | undefined) => (g?.start && g.end ? Date.parse(g.end) - Date.parse(g.start) + 86_400_000 : 0);
  return untyped({
    type: 'bar',
    orientation: 'h',
    name: which,
    y: names,
    base: gaps.map((g) => g?.start ?? null),
    x: gaps.map(span),
    text: gaps.map((g) => (g && g.rows > 0 ? `${which} ${g.rows}` : '')),
    textposition: 'none',
    hovertext: gaps.map((g) => (g && g.rows > 0 ? `${which}: ${g.rows} rows, ${g.start?.slice(0, 10)} to ${g.end?.slice(0, 10)}` : '')),
    hoverinfo: 'text',
    marker: { color },
  });
}

export const HOLDOUT_LEGEND = 'hold-out (never seen by the sweep)';

/**
 * Walk-forward timeline: one row per fold, the training span and the test span as bars; the test
 * spans of the last `holdoutFolds` folds (a sweep's hold-out) in a colour and legend of their own.
 */
export function foldTimelineTraces(folds: FoldSpan[], holdoutFolds = 0): Data[] {
  const names = folds.map((f) => `fold ${f.index + 1}`);
  const span = (from: string, to: string) => Date.parse(to) - Date.parse(from) + 86_400_000;
  const searched = folds.length - Math.min(holdoutFolds, folds.length);
  const testBars = (name: string, picked: FoldSpan[], offset: number, color: string): Data =>
    untyped({
      type: 'bar',
      orientation: 'h',
      name,
      y: names.slice(offset, offset + picked.length),
      base: picked.map((f) => f.testStart),
      x: picked.map((f) => span(f.testStart, f.testEnd)),
      marker: { color },
    });
  return [
    untyped({
      type: 'bar',
      orientation: 'h',
      name: 'train',
      y: names,
      base: folds.map((f) => f.trainStart),
      x: folds.map((f) => span(f.trainStart, f.trainEnd)),
      marker: { color: '#4a6fa5' },
    }),
    testBars('test', folds.slice(0, searched), 0, '#f5a623'),
    ...(searched < folds.length ? [testBars(HOLDOUT_LEGEND, folds.slice(searched), searched, '#20c997')] : []),
    ...[gapTrace(folds, names, 'embargo', '#9561e2'), gapTrace(folds, names, 'purge', '#e3342f')].filter((t): t is Data => t !== null),
  ];
}

export const FOLD_TIMELINE_LAYOUT: Partial<Layout> = { barmode: 'overlay', xaxis: { type: 'date' }, yaxis: { autorange: 'reversed' } };

/** Baselines keep one colour on every chart, none of them the model's orange. */
const BASELINE_COLORS: Record<string, string> = { naive: '#9aa3b2', drift: '#2ca02c', seasonalNaive: '#17becf', ridge: '#d62728' };

export function foldMetricTraces(folds: { index: number; model: number | null; baselines: Record<string, number | null> }[]): Data[] {
  const x = folds.map((f) => `fold ${f.index + 1}`);
  const names = Object.keys(folds[0]?.baselines ?? {});
  return [
    { type: 'bar', name: 'model', x, y: folds.map((f) => f.model), marker: { color: '#f5a623' } },
    ...names.map((name): Data => ({ type: 'bar', name, x, y: folds.map((f) => f.baselines[name] ?? null), marker: { color: BASELINE_COLORS[name] ?? '#888' } })),
  ];
}

/** Path targets: one line per forecaster, RMSE by step ahead. */
export function stepMetricTraces(steps: { step: number; model: number | null; baselines: Record<string, number | null> }[]): Data[] {
  const x = steps.map((s) => s.step);
  const names = Object.keys(steps[0]?.baselines ?? {});
  return [
    { type: 'scatter', mode: 'lines+markers', name: 'model', x, y: steps.map((s) => s.model), line: { color: '#f5a623' } },
    ...names.map((name): Data => ({ type: 'scatter', mode: 'lines+markers', name, x, y: steps.map((s) => s.baselines[name] ?? null), line: { color: BASELINE_COLORS[name] ?? '#888' } })),
  ];
}

export const STEP_LAYOUT: Partial<Layout> = { xaxis: { title: { text: 'bars ahead' }, dtick: 1 }, yaxis: { title: { text: 'RMSE' } } };

export function drawdownTraces(e: { time: number[]; drawdown: number[]; buyAndHoldDrawdown: number[] }): Data[] {
  const x = dates(e.time);
  return [
    { type: 'scatter', mode: 'lines', x, y: e.drawdown, name: 'strategy', fill: 'tozeroy', line: { color: '#e3342f' } },
    { type: 'scatter', mode: 'lines', x, y: e.buyAndHoldDrawdown, name: 'buy and hold', line: { color: '#8892a6', width: 1 } },
  ];
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Monthly returns as a grid of coloured squares (a scatter: the finance bundle of plotly that the
 * app loads has no heatmap trace), red below zero, blue above, with the return written in each.
 */
export function monthlyHeatmapTraces(m: { years: number[]; returns: (number | null)[][] }): Data[] {
  const cells = m.years.flatMap((year, row) =>
    MONTHS.flatMap((month, col) => {
      const value = m.returns[row]?.[col];
      return value === null || value === undefined ? [] : [{ year: String(year), month, value }];
    }),
  );
  const largest = Math.max(1e-9, ...cells.map((c) => Math.abs(c.value)));
  return [
    {
      type: 'scatter',
      mode: 'text+markers',
      x: cells.map((c) => c.month),
      y: cells.map((c) => c.year),
      text: cells.map((c) => `${(c.value * 100).toFixed(1)}%`),
      textfont: { size: 10, color: '#10131a' },
      hovertemplate: '%{y} %{x}: %{text}<extra></extra>',
      marker: {
        symbol: 'square',
        size: 34,
        color: cells.map((c) => c.value),
        colorscale: 'RdBu',
        cmin: -largest,
        cmax: largest,
        showscale: true,
      },
      showlegend: false,
    },
  ];
}

export const MONTHLY_LAYOUT: Partial<Layout> = {
  xaxis: { type: 'category', categoryorder: 'array', categoryarray: MONTHS, showgrid: false },
  yaxis: { type: 'category', showgrid: false },
};

export function rollingSharpeTraces(e: { time: number[]; rollingSharpe: (number | null)[] }): Data[] {
  return [{ type: 'scatter', mode: 'lines', x: dates(e.time), y: e.rollingSharpe, name: 'rolling Sharpe', line: { color: '#38c172' } }];
}

export function distributionTraces(returns: number[]): Data[] {
  return [untyped({ type: 'histogram', x: returns, nbinsx: 60, name: 'period returns', marker: { color: '#4a6fa5' } })];
}

export function varMarkerLayout(var95: number | null): Partial<Layout> {
  if (var95 === null) return {};
  return {
    shapes: [{ type: 'line', xref: 'x', yref: 'paper', x0: var95, x1: var95, y0: 0, y1: 1, line: { color: '#e3342f', dash: 'dash' } }],
    annotations: [{ x: var95, y: 1, xref: 'x', yref: 'paper', text: `VaR 95% ${(var95 * 100).toFixed(2)}%`, showarrow: false, yanchor: 'bottom' }],
  };
}

