import { driftForecast, naiveReturnForecast, seasonalNaiveForecast } from '../../core/baselines/baselines';
import type { FeatureTable } from '../../core/featureTable';
import type { FoldData } from '../../core/foldData';
import { maseScale } from '../../core/metrics/forecast';
import { fitRidge, predictRidge } from '../../core/ridge';
import type { Fold } from '../../core/walkforward';

export const BASELINES = ['naive', 'drift', 'seasonalNaive', 'ridge'] as const;
export type BaselineName = (typeof BASELINES)[number];

/** Weekly seasonality for daily crypto bars. */
const SEASON = 7;
const RIDGE_LAMBDA = 1;

function trainingTargets(table: FeatureTable, fold: Fold): number[] {
  const out: number[] = [];
  for (let t = fold.trainStart; t < fold.trainEnd; t++) {
    const y = table.target[t]!;
    if (Number.isFinite(y)) out.push(y);
  }
  return out;
}

/**
 * Every baseline's forecasts for a fold's test rows, each fit on the fold's training rows only:
 * naive (zero return), drift (mean training return), seasonal naive (the return one week
 * earlier, known at forecast time) and ridge regression on the same scaled windows as the model.
 * Call before the model trains: training hands the window buffers to the worker.
 */
export function baselineForecasts(table: FeatureTable, fold: Fold, data: FoldData): Record<BaselineName, number[]> {
  const rows = Array.from(data.test.rows);
  const targets = trainingTargets(table, fold);
  const { train, test } = data;
  const width = train.lookback * train.features;
  const ridge = fitRidge(train.x, train.y, train.n, width, train.horizon, RIDGE_LAMBDA);
  const ridgeScaled = predictRidge(ridge, test.x, test.n);
  return {
    naive: Array.from(naiveReturnForecast(rows)),
    drift: Array.from(driftForecast(targets, rows)),
    seasonalNaive: Array.from(seasonalNaiveForecast(table.target, rows, SEASON, table.horizon)),
    ridge: Array.from(ridgeScaled, (p) => p * data.targetStd + data.targetMean),
  };
}

/** The fold's MASE scale: mean absolute one-step change of its training targets. */
export function foldMaseScale(table: FeatureTable, fold: Fold): number {
  return maseScale(trainingTargets(table, fold));
}
