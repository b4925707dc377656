/**
 * What the explain views show, derived from a run's `explain` report and series: the window the
 * user picked on the forecast chart, its sentence, waterfall and feature x lag grid, the beeswarm
 * points and the attribution over time. The picked date lives in a small store of its own.
 */
import { cellSpans, explanationSentence, heatmapCells, heatmapColumns, waterfallSteps, type HeatCell, type WaterfallStep } from '../core/explain';
import type { ExplainReport, ExplainSeries } from '../notebook/explainReport';
import { createStore } from './store';

export type { ExplainReport, ExplainSeries } from '../notebook/explainReport';
export { describeEstimator } from '../notebook/explainReport';
export type { HeatCell, WaterfallStep } from '../core/explain';
export { describeOutput, formatValue } from '../core/explain';

/** The date (UTC ms) clicked on the forecast chart; null before any click. */
export const explainSelection = createStore<{ time: number | null }>({ time: null });

/** plotly's x of a date axis ("2024-03-05" or "2024-03-05 12:00", in UTC) as UTC ms; NaN when it is not a date. */
export function chartTime(x: unknown): number {
  if (typeof x === 'number') return x;
  if (typeof x !== 'string') return NaN;
  const iso = x.includes(' ') ? x.replace(' ', 'T') : x;
  return Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(iso) || !iso.includes('T') ? iso : `${iso}Z`);
}

export function selectExplainDate(x: unknown): void {
  const time = chartTime(x);
  if (Number.isFinite(time)) explainSelection.setState({ time });
}

export interface PickedWindow {
  index: number;
  /** Set when the clicked date was not explained and the nearest explained window is shown instead. */
  snappedFrom: string | null;
}

/** The explained window at `time`, or the nearest one (saying so); the last window before any click. */
export function pickWindow(series: ExplainSeries, time: number | null): PickedWindow | null {
  const times = series.time;
  if (times.length === 0) return null;
  if (time === null) return { index: times.length - 1, snappedFrom: null };
  let best = 0;
  for (let i = 1; i < times.length; i++) if (Math.abs(times[i]! - time) < Math.abs(times[best]! - time)) best = i;
  const exact = Math.abs(times[best]! - time) < 43_200_000;
  return { index: best, snappedFrom: exact ? null : new Date(time).toISOString().slice(0, 10) };
}

function attribution(report: ExplainReport, index: number) {
  const w = report.windows[index]!;
  return { date: w.date.slice(0, 10), base: w.base, prediction: w.prediction, groups: report.groups, values: w.values };
}

export interface WindowView {
  date: string;
  sentence: string;
  waterfall: WaterfallStep[];
  heatmap: HeatCell[];
  heatmapColumns: string[];
}

/** The window's feature x lag grid: every cell when the method gave cells (integrated gradients), else the groups' spans. */
export function windowView(report: ExplainReport, series: ExplainSeries, index: number): WindowView {
  const a = attribution(report, index);
  const cells = series.cells;
  const spans = cells ? cellSpans(cells.features, cells.lookback) : series.spans;
  return {
    date: a.date,
    sentence: explanationSentence(a, report.output),
    waterfall: waterfallSteps(a),
    heatmap: heatmapCells(spans, cells ? (cells.values[index] ?? []) : a.values),
    heatmapColumns: heatmapColumns(spans),
  };
}

export interface BeeswarmPoint {
  group: string;
  value: number;
  /** The feature's own value, scaled to 0..1 within its group (null: no single feature). */
  colour: number | null;
  date: string;
}

/** One point per window and group, for the largest `top` groups by mean |value|. */
export function beeswarmPoints(report: ExplainReport, series: ExplainSeries, top = 12): BeeswarmPoint[] {
  const shown = report.global.slice(0, top).map((g) => report.groups.indexOf(g.group));
  return shown.flatMap((g) => {
    const raw = series.featureValues.map((row) => row[g] ?? null);
    const finite = raw.filter((v): v is number => v !== null);
    const lo = Math.min(...finite);
    const hi = Math.max(...finite);
    return report.windows.map((w, i) => {
      const v = raw[i] ?? null;
      return { group: report.groups[g]!, value: w.values[g]!, colour: v === null ? null : hi > lo ? (v - lo) / (hi - lo) : 0.5, date: w.date.slice(0, 10) };
    });
  });
}

/** Per group (the largest `top`, the rest summed), its values across the explained windows in time order. */
export function attributionOverTime(report: ExplainReport, series: ExplainSeries, top = 6): { time: number[]; layers: { group: string; values: number[] }[] } {
  const shown = report.global.slice(0, top).map((g) => report.groups.indexOf(g.group));
  const rest = report.groups.map((_, g) => g).filter((g) => !shown.includes(g));
  const layers = shown.map((g) => ({ group: report.groups[g]!, values: report.windows.map((w) => w.values[g]!) }));
  if (rest.length) layers.push({ group: `${rest.length} other groups`, values: report.windows.map((w) => rest.reduce((s, g) => s + w.values[g]!, 0)) });
  return { time: series.time, layers };
}
