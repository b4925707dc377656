import { driftForecast, naiveReturnForecast, seasonalNaiveForecast } from '../../core/baselines/baselines';
import { targetBars, type FeatureTable } from '../../core/featureTable';
import type { FoldData } from '../../core/foldData';
import { maseScale } from '../../core/metrics/forecast';
import { fitRidge, predictRidge } from '../../core/ridge';
import type { Fold } from '../../core/walkforward';

export const BASELINES = ['naive', 'drift', 'seasonalNaive', 'ridge'] as const;
export type BaselineName = (typeof BASELINES)[number];

/** Weekly seasonality for daily crypto bars (whole weeks back when a target spans more than a week). */
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
export interface FoldBaselines {
  /** Each baseline's forecast of the (first-step) target per test sample. */
  forecasts: Record<BaselineName, number[]>;
  /** Path targets: ridge's forecast per step ahead (ridge[j][s]); naive and drift are flat over steps. */
  ridgeByStep?: number[][];
}

export function baselineForecasts(table: FeatureTable, fold: Fold, data: FoldData): FoldBaselines {
  const rows = Array.from(data.test.rows);
  const targets = trainingTargets(table, fold);
  const { train, test } = data;
  const width = train.lookback * train.features;
  const steps = train.horizon;
  const ridge = fitRidge(train.x, train.y, train.n, width, steps, RIDGE_LAMBDA);
  const ridgeScaled = predictRidge(ridge, test.x, test.n);
  const ridgeAt = (s: number, j: number) => ridgeScaled[s * steps + j]! * data.targetStd + data.targetMean;
  const forecasts = {
    naive: Array.from(naiveReturnForecast(rows)),
    drift: Array.from(driftForecast(targets, rows)),
    seasonalNaive: Array.from(seasonalNaiveForecast(table.target, rows, SEASON * Math.ceil(targetBars(table) / SEASON), targetBars(table))),
    ridge: rows.map((_, s) => ridgeAt(s, 0)),
  };
  if (steps === 1) return { forecasts };
  return { forecasts, ridgeByStep: Array.from({ length: steps }, (_, j) => rows.map((_, s) => ridgeAt(s, j))) };
}

/** The fold's MASE scale: mean absolute one-step change of its training targets. */
export function foldMaseScale(table: FeatureTable, fold: Fold): number {
  return maseScale(trainingTargets(table, fold));
}
