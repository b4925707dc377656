import { dieboldMariano, dieboldMarianoSentence } from '../../core/metrics/dieboldMariano';
import { forecastMetricsFull } from '../../core/metrics/forecast';
import type { ForecastMetricsReport } from '../report';

/** JSON has no NaN: undefined metrics become null in reports. */
export function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/**
 * Forecast metrics of a sample set. `maseScales` holds each sample's MASE scale (the in-sample
 * naive error of the fold it came from), so samples from different folds are scaled by their own.
 */
export function forecastMetricsReport(actual: readonly number[], predicted: readonly number[], maseScales: readonly number[]): ForecastMetricsReport {
  const m = forecastMetricsFull(actual, predicted);
  const scaledActual = actual.map((a, i) => a / maseScales[i]!);
  const scaledPredicted = predicted.map((p, i) => p / maseScales[i]!);
  const mase = forecastMetricsFull(scaledActual, scaledPredicted, { maseScale: 1 }).mase;
  return {
    n: m.n,
    rmse: finiteOrNull(m.rmse),
    mae: finiteOrNull(m.mae),
    mape: finiteOrNull(m.mape),
    smape: finiteOrNull(m.smape),
    mase: finiteOrNull(mase),
    r2: finiteOrNull(m.r2),
    directionalAccuracy: finiteOrNull(m.directionalAccuracy),
  };
}

/** A direction model's signal has the sign of its call but no size: only the hit rate means something. */
export function withoutErrorMetrics(report: ForecastMetricsReport): ForecastMetricsReport {
  return { ...report, rmse: null, mae: null, mape: null, smape: null, mase: null, r2: null };
}

export function dieboldMarianoReport(actual: readonly number[], model: readonly number[], baseline: readonly number[], horizon: number) {
  const result = dieboldMariano(actual, model, baseline, { horizon });
  return {
    baseline: 'naive',
    statistic: finiteOrNull(result.statistic),
    pValue: finiteOrNull(result.pValue),
    n: result.n,
    meanLossDifferential: finiteOrNull(result.meanLossDifferential),
    verdict: result.verdict,
    sentence: dieboldMarianoSentence(result, 'naive'),
  };
}
