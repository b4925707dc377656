import type { FeatureTable } from './featureTable';
import { applyScaler, fitStandardScaler, type StandardScaler } from './scaler';
import type { Fold } from './walkforward';
import { buildWindows, type Windows } from './windows';

export interface FoldData {
  train: Windows;
  test: Windows;
  featureScaler: StandardScaler;
  /** Target mean/std of the training rows; models learn the scaled target, forecasts are unscaled. */
  targetMean: number;
  targetStd: number;
}

/**
 * Everything a fold trains on is computed from rows before its training cut: the scaler sees the
 * feature rows of the training windows only and the target statistics use training targets only.
 * Training targets reach `horizon` bars past their row; the purge between trainEnd and testStart
 * keeps them clear of the test block.
 */
export function prepareFold(table: FeatureTable, fold: Fold, lookback: number): FoldData {
  const fitStart = Math.max(0, fold.trainStart - lookback + 1);
  const featureScaler = fitStandardScaler(table.features, fitStart, fold.trainEnd);
  const scaled = applyScaler(featureScaler, table.features);

  let sum = 0;
  let count = 0;
  for (let t = fold.trainStart; t < fold.trainEnd; t++) {
    const y = table.target[t]!;
    if (Number.isFinite(y)) {
      sum += y;
      count++;
    }
  }
  if (count < 2) throw new Error(`fold ${fold.index + 1}: fewer than 2 training targets; enlarge trainSize`);
  const targetMean = sum / count;
  let squares = 0;
  for (let t = fold.trainStart; t < fold.trainEnd; t++) {
    const y = table.target[t]!;
    if (Number.isFinite(y)) squares += (y - targetMean) ** 2;
  }
  const targetStd = Math.sqrt(squares / count) || 1;
  const scaledTarget = new Float64Array(table.target.length);
  for (let t = 0; t < scaledTarget.length; t++) scaledTarget[t] = (table.target[t]! - targetMean) / targetStd;

  const train = buildWindows(scaled, scaledTarget, fold.trainStart, fold.trainEnd, lookback);
  const test = buildWindows(scaled, scaledTarget, fold.testStart, fold.testEnd, lookback);
  return { train, test, featureScaler, targetMean, targetStd };
}
