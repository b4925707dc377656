import { forecastMetrics } from '../../core/metrics/forecast';
import type { ForecastMetricsReport } from '../report';

/** JSON has no NaN: undefined metrics become null in reports. */
export function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

export function forecastMetricsReport(actual: ArrayLike<number>, predicted: ArrayLike<number>): ForecastMetricsReport {
  const m = forecastMetrics(Float64Array.from(actual), Float64Array.from(predicted));
  return { n: m.n, rmse: finiteOrNull(m.rmse), mae: finiteOrNull(m.mae), directionalAccuracy: finiteOrNull(m.directionalAccuracy) };
}
