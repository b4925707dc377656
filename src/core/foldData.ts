import type { FeatureTable } from './featureTable';
import { applyScaler, fitStandardScaler, type StandardScaler } from './scaler';
import type { Fold } from './walkforward';
import { buildWindows, type Windows } from './windows';

/** What a fold learns from its training rows: feature scaler and target statistics. */
export interface FoldFit {
  featureScaler: StandardScaler;
  /** Models learn (target - targetMean) / targetStd; forecasts are unscaled with the same numbers. */
  targetMean: number;
  targetStd: number;
}

export interface FoldData extends FoldFit {
  train: Windows;
  test: Windows;
}

export interface PrepareOptions {
  /** Reuse the fit of an earlier fold (a model that is not refit keeps the scaling it learned with). */
  fit?: FoldFit;
  /** Subtract the training mean from the target (default true); a direction target keeps its signs. */
  centerTarget?: boolean;
}

function finiteTargets(table: FeatureTable, fold: Fold): number[] {
  const values: number[] = [];
  for (let t = fold.trainStart; t < fold.trainEnd; t++) {
    const y = table.target[t]!;
    if (Number.isFinite(y)) values.push(y);
  }
  return values;
}

/**
 * Fits scaling on a fold's training rows only: the scaler sees the feature rows of the training
 * windows, the target statistics the training targets. Training targets reach `horizon` bars past
 * their row; the purge between trainEnd and testStart keeps them clear of the test block.
 */
export function fitFold(table: FeatureTable, fold: Fold, lookback: number, centerTarget = true): FoldFit {
  const fitStart = Math.max(0, fold.trainStart - lookback + 1);
  const featureScaler = fitStandardScaler(table.features, fitStart, fold.trainEnd);
  const targets = finiteTargets(table, fold);
  if (targets.length < 2) throw new Error(`fold ${fold.index + 1}: fewer than 2 training targets; enlarge trainSize`);
  const mean = targets.reduce((a, b) => a + b, 0) / targets.length;
  const std = Math.sqrt(targets.reduce((a, y) => a + (y - mean) ** 2, 0) / targets.length) || 1;
  return { featureScaler, targetMean: centerTarget ? mean : 0, targetStd: std };
}

export function prepareFold(table: FeatureTable, fold: Fold, lookback: number, options: PrepareOptions = {}): FoldData {
  const fit = options.fit ?? fitFold(table, fold, lookback, options.centerTarget ?? true);
  const scaled = applyScaler(fit.featureScaler, table.features);
  const scaledTarget = table.target.map((y) => (y - fit.targetMean) / fit.targetStd);
  const names = { features: table.names, target: table.targetName };
  const train = buildWindows(scaled, scaledTarget, fold.trainStart, fold.trainEnd, lookback, table.steps, names);
  const test = buildWindows(scaled, scaledTarget, fold.testStart, fold.testEnd, lookback, table.steps, names);
  return { ...fit, train, test };
}
