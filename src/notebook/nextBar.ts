/**
 * One forecast from a trained model: the bar after the last one of the data. The window ending
 * at the last bar is scaled with the model's stored statistics, predicted through the executor
 * and read back in return units (interpretPredictions: undo the target scaling; direction gives
 * P(up); quantile gives the median and the outer band).
 */
import type { Executor, ModelHandle } from '../core/executor';
import { targetBars, type FeatureTable } from '../core/featureTable';
import type { FoldFit } from '../core/foldData';
import { interpretPredictions } from './cells/objective';
import { latestWindow } from './finalModel';
import type { TrainingCellSpec } from './schema';
import { exp } from '../core/math';

export interface NextBarForecast {
  modelId: string;
  objective: TrainingCellSpec['objective'];
  /** e.g. logReturn_h1: the forecast is the log return from the close of `asOf` to the close of `forTime`. */
  target: string;
  horizon: number;
  /** The last bar of the data (ISO) and the bar the forecast is for. */
  asOf: string;
  forTime: string;
  forTimeMs: number;
  /** regression: the forecast log return; quantile: its median; direction: P(up). */
  value: number;
  /** Direction models: P(up). */
  probability?: number;
  /** Path targets: the point forecast of each of the next `horizon` bars' log returns (step 1 = `value`'s bar). */
  path?: number[];
  /** Quantile models: the outer quantiles of the log return. */
  band?: { lower: number; upper: number; quantiles: [number, number] };
  /** The last close and the price the point forecast implies (regression and quantile). */
  lastClose?: number;
  impliedClose?: number;
  dataHash: string;
}

export interface NextBarRequest {
  modelId: string;
  lookback: number;
  training: TrainingCellSpec;
  fit: FoldFit;
  /** Bar length; 0 = unknown, then the median spacing of the last bars. */
  intervalMs: number;
  dataHash: string;
  close?: Float64Array | undefined;
  signal?: AbortSignal;
}

/** The spacing of the last bars (median), for data whose bar length is not recorded. */
function barSpacing(time: Float64Array): number {
  const gaps: number[] = [];
  for (let i = Math.max(1, time.length - 21); i < time.length; i++) gaps.push(time[i]! - time[i - 1]!);
  gaps.sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)] ?? 0;
}

/** A forecast that is not a finite number (or a price <= 0) is an error, never "NaN" or "0.00" shown as a result. */
export function checkForecast(modelId: string, values: Record<string, number>): void {
  for (const [what, value] of Object.entries(values)) {
    const bad = !Number.isFinite(value) || (what === 'implied close' && value <= 0);
    if (bad) {
      throw new Error(`model "${modelId}": the forecast's ${what} is ${value}, not a usable number: its weights or scaling are broken (or the latest features are extreme); train the model again`);
    }
  }
}

export async function predictNextBar(executor: Executor, handle: ModelHandle, table: FeatureTable, request: NextBarRequest): Promise<NextBarForecast> {
  const window = latestWindow(table, request.lookback, request.fit);
  const raw = await executor.predict(handle, window, request.signal ? { signal: request.signal } : {});
  const read = interpretPredictions(raw, 1, request.training, request.fit, table.steps);
  const last = table.time[table.time.length - 1]!;
  const interval = request.intervalMs > 0 ? request.intervalMs : barSpacing(table.time);
  // A cumulative target forecasts the close `horizon` bars on; a path starts with the next bar.
  const forTimeMs = last + interval * targetBars(table);
  const { objective, quantiles } = request.training;
  const point = read.point[0]!;
  const probability = read.probability?.[0];
  const value = objective === 'direction' ? probability! : point;
  const lastClose = request.close?.[request.close.length - 1];
  const priced = objective !== 'direction' && lastClose !== undefined && Number.isFinite(lastClose) ? lastClose : null;
  const sorted = [...quantiles].sort((a, b) => a - b);
  checkForecast(request.modelId, {
    [objective === 'direction' ? 'P(up)' : 'log return']: value,
    ...(read.byStep ? Object.fromEntries(read.byStep.map((step, i) => [`step ${i + 1}`, step[0]!])) : {}),
    ...(read.lower && read.upper ? { 'lower band': read.lower[0]!, 'upper band': read.upper[0]! } : {}),
    ...(priced !== null ? { 'implied close': priced * exp(point) } : {}),
  });
  return {
    modelId: request.modelId,
    objective,
    target: table.targetName,
    horizon: table.horizon,
    asOf: new Date(last).toISOString(),
    forTime: new Date(forTimeMs).toISOString(),
    forTimeMs,
    value,
    ...(probability !== undefined ? { probability } : {}),
    ...(read.byStep ? { path: read.byStep.map((step) => step[0]!) } : {}),
    ...(read.lower && read.upper ? { band: { lower: read.lower[0]!, upper: read.upper[0]!, quantiles: [sorted[0]!, sorted[sorted.length - 1]!] as [number, number] } } : {}),
    ...(priced !== null ? { lastClose: priced, impliedClose: priced * exp(point) } : {}),
    dataHash: request.dataHash,
  };
}
