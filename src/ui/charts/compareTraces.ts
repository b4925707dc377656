import type { Data } from 'plotly.js';

/** Chart adapters of the run comparison: one trace per run. Mapping only. */

const dates = (time: number[]) => time.map((t) => new Date(t).toISOString());

export function equityOverlayTraces(runs: readonly { label: string; time: number[]; strategy: number[] }[]): Data[] {
  return runs.map((r) => ({ type: 'scatter', mode: 'lines', x: dates(r.time), y: r.strategy, name: r.label }));
}

export function foldErrorTraces(runs: readonly { label: string; folds: { index: number; rmse: number | null }[] }[]): Data[] {
  return runs.map((r) => ({ type: 'scatter', mode: 'lines+markers', x: r.folds.map((f) => f.index), y: r.folds.map((f) => f.rmse), name: r.label }));
}
