import { fillScales, intervalCoverage, splitConformal, trailingVolatility } from '../../core/diagnostics/conformal';
import { ksStatistic, populationStabilityIndex, PSI_EPSILON } from '../../core/diagnostics/drift';
import { bestEpochOf, diagnoseLearningCurve } from '../../core/diagnostics/learningCurve';
import { targetBars, type FeatureTable } from '../../core/featureTable';
import { isoDate } from '../../core/frame';
import type { Fold } from '../../core/walkforward';
import type { ConformalReport, DiagnosticsReport, DriftReport, LearningCurveReport } from '../diagnosticsReport';
import type { FoldReport } from '../report';
import type { StitchedInterval } from '../runState';
import type { CellOf, TrainingCellSpec } from '../schema';
import type { FoldOutcome } from './foldRunner';
import { finiteOrNull } from './metricsReport';

type DiagnosticsOptions = Pick<CellOf<'walkforward'>, 'intervalLevels' | 'adaptiveIntervals' | 'calibrationSize' | 'volatilityWindow' | 'psiBins'>;

/** The calibration windows of a model trained on `n` windows: the option, else the early-stopping tail, else 20%. */
export function calibrationWindows(n: number, options: DiagnosticsOptions, training: Pick<TrainingCellSpec, 'validationFraction'>) {
  // The trainer's early-stopping tail (ml/optimization.ts splitValidation): floor(n * fraction), at least 1.
  const tail = training.validationFraction > 0 && n >= 2 ? Math.min(n - 1, Math.max(1, Math.floor(n * training.validationFraction))) : 0;
  const windows = Math.min(n, options.calibrationSize ?? (tail > 0 ? tail : Math.max(1, Math.floor(n * 0.2))));
  return { windows, heldOut: tail > 0 && windows <= tail };
}

interface FoldBands {
  index: number;
  calibrationWindows: number;
  bands: ReturnType<typeof splitConformal>;
  actual: number[];
}

function foldBands(table: FeatureTable, o: FoldOutcome, windows: number, options: DiagnosticsOptions): FoldBands | null {
  if (!o.calibration) return null;
  const rows = o.calibration.rows.slice(-windows);
  const predicted = o.calibration.predicted.slice(-windows);
  let calibrationScale: number[] | undefined;
  let testScale: number[] | undefined;
  if (options.adaptiveIntervals) {
    const scales = fillScales(trailingVolatility(table.target, [...rows, ...o.rows], options.volatilityWindow, targetBars(table)));
    calibrationScale = scales.slice(0, rows.length);
    testScale = scales.slice(rows.length);
  }
  const bands = splitConformal({
    calibrationActual: rows.map((row) => table.target[row]!),
    calibrationPredicted: predicted,
    calibrationScale,
    testPredicted: o.forecast.point,
    testScale,
    levels: options.intervalLevels,
  });
  return { index: o.fold.index, calibrationWindows: rows.length, bands, actual: o.actual };
}

/** Quantile objective: the coverage of the model's own outer-quantile band, to set beside the conformal one. */
function quantileBandCoverage(outcomes: FoldOutcome[], training: TrainingCellSpec): { nominal: number; coverage: number } | null {
  if (training.objective !== 'quantile' || training.quantiles.length < 2) return null;
  const actual = outcomes.flatMap((o) => o.actual);
  const lower = outcomes.flatMap((o) => o.forecast.lower ?? []);
  const upper = outcomes.flatMap((o) => o.forecast.upper ?? []);
  if (lower.length !== actual.length || upper.length !== actual.length) return null;
  const { coverage } = intervalCoverage(actual, lower, upper);
  const q = training.quantiles;
  return coverage === null ? null : { nominal: q[q.length - 1]! - q[0]!, coverage };
}

/** Split conformal intervals per fold and stitched, with their coverage and width. */
export function conformalDiagnostics(
  table: FeatureTable,
  outcomes: FoldOutcome[],
  options: DiagnosticsOptions,
  training: TrainingCellSpec,
): { report: ConformalReport; intervals: StitchedInterval[] } | null {
  const all = outcomes.map((o) => foldBands(table, o, calibrationWindows(o.trainSamples, options, training).windows, options));
  if (all.some((f) => f === null) || all.length === 0) return null;
  const folds = all as FoldBands[];
  const intervals: StitchedInterval[] = options.intervalLevels.map((level, l) => ({
    level,
    lower: folds.flatMap((f) => f.bands[l]!.lower),
    upper: folds.flatMap((f) => f.bands[l]!.upper),
  }));
  const actual = folds.flatMap((f) => f.actual);
  const summary = (a: number[], lower: number[], upper: number[]) => {
    const c = intervalCoverage(a, lower, upper);
    return { coverage: c.coverage, meanWidth: c.meanWidth, n: c.n };
  };
  const first = calibrationWindows(outcomes[0]!.trainSamples, options, training);
  const quantileModel = quantileBandCoverage(outcomes, training);
  const heldOutText = first.heldOut
    ? 'the early-stopping tail: no gradient step saw them, though they chose the epoch'
    : 'training windows the model fitted, so the intervals may be too narrow (raise validationFraction or lower calibrationSize)';
  return {
    intervals,
    report: {
      method: 'split conformal',
      adaptive: options.adaptiveIntervals,
      ...(options.adaptiveIntervals ? { volatilityWindow: options.volatilityWindow } : {}),
      calibration: {
        windows: first.windows,
        heldOut: first.heldOut,
        sentence: `Each fold's intervals come from the absolute residuals of the last ${first.windows} training windows of its model (${heldOutText}); never the test period.`,
      },
      levels: intervals.map((band) => ({ level: band.level, ...summary(actual, band.lower, band.upper) })),
      folds: folds.map((f) => ({
        index: f.index,
        calibrationWindows: f.calibrationWindows,
        levels: f.bands.map((band) => ({ level: band.level, quantile: finiteOrNull(band.quantile), ...summary(f.actual, band.lower, band.upper) })),
      })),
      ...(quantileModel ? { quantileModel } : {}),
    },
  };
}

/** PSI and KS of every feature and the target between each fold's training rows and its test rows. */
export function driftDiagnostics(table: FeatureTable, folds: readonly Fold[], reports: readonly FoldReport[], bins: number): DriftReport {
  const columns = [...table.names, table.targetName];
  const values = [...table.features, table.target];
  return {
    bins,
    epsilon: PSI_EPSILON,
    columns,
    folds: folds.map((fold, i) => ({
      index: fold.index,
      rmse: reports[i]?.metrics.rmse ?? null,
      columns: Object.fromEntries(
        columns.map((name, c) => {
          const train = values[c]!.subarray(fold.trainStart, fold.trainEnd);
          const test = values[c]!.subarray(fold.testStart, fold.testEnd);
          return [name, { psi: finiteOrNull(populationStabilityIndex(train, test, bins)), ks: finiteOrNull(ksStatistic(train, test)) }];
        }),
      ),
    })),
  };
}

export function learningCurveDiagnostics(outcomes: FoldOutcome[]): LearningCurveReport[] {
  return outcomes.flatMap((o) => {
    if (!o.curve) return [];
    const { diagnosis, sentence } = diagnoseLearningCurve(o.curve);
    return [{ fold: o.fold.index, train: o.curve.train.map(finiteOrNull), val: o.curve.val.map(finiteOrNull), bestEpoch: bestEpochOf(o.curve.val), diagnosis, sentence }];
  });
}

/** The gaps between a fold's training and test rows: train | embargo | purge | test (core/walkforward.ts). */
export function foldGaps(table: FeatureTable, fold: Fold, purge: number, embargo: number): Pick<FoldReport, 'purge' | 'embargo'> {
  const gap = (from: number, rows: number) => ({
    rows,
    start: rows > 0 ? isoDate(table.time[from]!) : null,
    end: rows > 0 ? isoDate(table.time[from + rows - 1]!) : null,
  });
  return { embargo: gap(fold.trainEnd, embargo), purge: gap(fold.testStart - purge, purge) };
}

export function walkforwardDiagnostics(
  table: FeatureTable,
  outcomes: FoldOutcome[],
  reports: FoldReport[],
  options: DiagnosticsOptions,
  training: TrainingCellSpec,
): { report: DiagnosticsReport; intervals: StitchedInterval[] | null } {
  const conformal = training.objective === 'direction' ? null : conformalDiagnostics(table, outcomes, options, training);
  return {
    report: {
      ...(conformal ? { conformal: conformal.report } : {}),
      drift: driftDiagnostics(table, outcomes.map((o) => o.fold), reports, options.psiBins),
      learningCurves: learningCurveDiagnostics(outcomes),
    },
    intervals: conformal?.intervals ?? null,
  };
}
