import type { FeatureTable } from '../../core/featureTable';
import type { StepReport } from '../report';
import type { FoldOutcome } from './foldRunner';
import { forecastMetricsReport, withoutErrorMetrics } from './metricsReport';

/**
 * Path targets: the stitched out-of-sample metrics of each step ahead (1..horizon), beside the
 * naive, drift and ridge baselines of the same step. The forecast j + 1 bars ahead made at row t
 * is scored against the return of bar t + j + 1, i.e. target[t + j].
 */
export function stepReports(table: FeatureTable, outcomes: readonly FoldOutcome[], direction: boolean): StepReport[] {
  return Array.from({ length: table.steps }, (_, j) => {
    const actual: number[] = [];
    const model: number[] = [];
    const naive: number[] = [];
    const drift: number[] = [];
    const ridge: number[] = [];
    const scales: number[] = [];
    for (const o of outcomes) {
      const byStep = o.forecast.byStep?.[j];
      const ridgeByStep = o.baselines.ridgeByStep?.[j];
      if (!byStep || !ridgeByStep) throw new Error(`fold ${o.fold.index + 1} has no forecast ${j + 1} bars ahead`);
      o.rows.forEach((row, s) => {
        actual.push(table.target[row + j]!);
        model.push(byStep[s]!);
        naive.push(o.baselines.forecasts.naive[s]!);
        drift.push(o.baselines.forecasts.drift[s]!);
        ridge.push(ridgeByStep[s]!);
        scales.push(o.maseScale);
      });
    }
    const metrics = forecastMetricsReport(actual, model, scales);
    return {
      step: j + 1,
      metrics: direction ? withoutErrorMetrics(metrics) : metrics,
      baselines: {
        naive: forecastMetricsReport(actual, naive, scales),
        drift: forecastMetricsReport(actual, drift, scales),
        ridge: forecastMetricsReport(actual, ridge, scales),
      },
    };
  });
}
