import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FeatureTable } from '../../core/featureTable';
import { createRng } from '../../core/rng';
import { createLocalExecutor } from '../../ml/localExecutor';
import { loadDataCell, type DataCellSpec } from '../../sources/loadSource';
import { parseNotebookJson } from '../parse';
import { runReportSchema } from '../report';
import { runNotebook } from '../runner';
import type { FoldOutcome } from './foldRunner';
import { gateByInterval } from './intervalGate';
import { calibrationWindows, conformalDiagnostics, foldGaps, walkforwardDiagnostics } from './walkforwardDiagnostics';

const options = { intervalLevels: [0.8, 0.95], adaptiveIntervals: false, volatilityWindow: 20, psiBins: 10 };
const training = { epochs: 1, batchSize: 8, learningRate: 0.01, validationFraction: 0.1, patience: 5, lrSchedule: 'constant' as const, objective: 'regression' as const, quantiles: [0.1, 0.5, 0.9] };

/** A 400-row table whose one fold trains on rows 0..299 and tests on 310..399; the forecast is 0. */
function synthetic(): { table: FeatureTable; outcome: FoldOutcome } {
  const rng = createRng(11);
  const target = Float64Array.from({ length: 400 }, () => 0.01 * rng.normal());
  const table: FeatureTable = {
    time: Float64Array.from({ length: 400 }, (_, i) => Date.UTC(2020, 0, 1) + i * 86_400_000),
    names: ['x'],
    features: [Float64Array.from(target, (v) => v * 2)],
    target,
    targetName: 'logReturn_1',
    horizon: 1,
    steps: 1,
    firstComplete: 0,
  };
  const testRows = Array.from({ length: 90 }, (_, i) => 310 + i);
  const calRows = Array.from({ length: 300 }, (_, i) => i);
  const outcome = {
    fold: { index: 0, trainStart: 0, trainEnd: 300, testStart: 310, testEnd: 400 },
    rows: testRows,
    actual: testRows.map((r) => target[r]!),
    forecast: { point: testRows.map(() => 0) },
    calibration: { rows: calRows, predicted: calRows.map(() => 0) },
    trainSamples: 300,
  } as Pick<FoldOutcome, 'fold' | 'rows' | 'actual' | 'forecast' | 'calibration' | 'trainSamples'>;
  return { table, outcome: outcome as FoldOutcome };
}

describe('conformal diagnostics of a fold', () => {
  it('calibrates on the early-stopping tail by default, held out from the gradient steps', () => {
    expect(calibrationWindows(300, options, training)).toEqual({ windows: 30, heldOut: true });
    expect(calibrationWindows(300, { ...options, calibrationSize: 100 }, training)).toEqual({ windows: 100, heldOut: false });
    expect(calibrationWindows(300, options, { validationFraction: 0 })).toEqual({ windows: 60, heldOut: false });
  });

  it('never reads the test period', () => {
    const { table, outcome } = synthetic();
    const before = conformalDiagnostics(table, [outcome], options, training)!;
    for (let r = 300; r < 400; r++) table.target[r] = 5 + r; // perturb the purge and the test rows
    const after = conformalDiagnostics(table, [{ ...outcome, actual: outcome.rows.map((r) => table.target[r]!) }], options, training)!;
    expect(after.intervals).toEqual(before.intervals);
    // Only the coverage, which scores the test actuals, moved.
    expect(after.report.levels[0]!.coverage).toBe(0);
  });

  it('adaptive: calibrates without the test period and scales each forecast by volatility realised before it', () => {
    const { table, outcome } = synthetic();
    const adaptive = { ...options, adaptiveIntervals: true };
    const before = conformalDiagnostics(table, [outcome], adaptive, training)!;
    for (let r = 350; r < 400; r++) table.target[r] = 5 + r;
    const after = conformalDiagnostics(table, [outcome], adaptive, training)!;
    const quantiles = (d: typeof before) => d.report.folds[0]!.levels.map((l) => l.quantile);
    expect(quantiles(after)).toEqual(quantiles(before));
    // Test rows 310..350 read returns up to row 349 only: unchanged; later ones see the new volatility.
    expect(after.intervals[0]!.upper.slice(0, 41)).toEqual(before.intervals[0]!.upper.slice(0, 41));
    expect(after.intervals[0]!.upper[60]).not.toBe(before.intervals[0]!.upper[60]);
  });
});

describe('the gaps of a fold', () => {
  it('are train | embargo | purge | test: their rows and their first and last dates', () => {
    const { table } = synthetic();
    const fold = { index: 0, trainStart: 0, trainEnd: 300, testStart: 315, testEnd: 400 };
    const day = (row: number) => new Date(Date.UTC(2020, 0, 1) + row * 86_400_000).toISOString();
    expect(foldGaps(table, fold, 10, 5)).toEqual({
      embargo: { rows: 5, start: day(300), end: day(304) },
      purge: { rows: 10, start: day(305), end: day(314) },
    });
    expect(foldGaps(table, fold, 10, 0).embargo).toEqual({ rows: 0, start: null, end: null });
  });
});

describe('diagnostics by objective', () => {
  it('sets the quantile model’s own band beside the conformal one', () => {
    const { table, outcome } = synthetic();
    const banded = { ...outcome, forecast: { point: outcome.forecast.point, lower: outcome.rows.map(() => -0.01), upper: outcome.rows.map(() => 0.01) } };
    const quantile = { ...training, objective: 'quantile' as const };
    const report = conformalDiagnostics(table, [banded], options, quantile)!.report;
    const inside = banded.actual.filter((a) => a >= -0.01 && a <= 0.01).length / banded.actual.length;
    expect(report.quantileModel).toEqual({ nominal: 0.8, coverage: inside });
  });

  it('gives a direction model no intervals but still its drift', () => {
    const { table, outcome } = synthetic();
    const reports = [{ metrics: { rmse: null } }] as Parameters<typeof walkforwardDiagnostics>[2];
    const result = walkforwardDiagnostics(table, [outcome], reports, options, { ...training, objective: 'direction' });
    expect(result.report.conformal).toBeUndefined();
    expect(result.intervals).toBeNull();
    expect(Object.keys(result.report.drift.folds[0]!.columns)).toEqual(['x', 'logReturn_1']);
  });
});

describe('the interval gate of the backtest', () => {
  it('keeps only forecasts whose interval excludes zero', () => {
    const forecast = {
      rows: [0, 1, 2],
      actual: [0, 0, 0],
      predicted: [0.02, -0.03, 0.01],
      maseScales: [1, 1, 1],
      baselines: { naive: [], drift: [], seasonalNaive: [], ridge: [] },
      foldStarts: [0],
      intervals: [{ level: 0.8, lower: [0.01, -0.05, -0.01], upper: [0.03, -0.01, 0.03] }],
    };
    expect(gateByInterval(forecast, 0.8, 0).signal).toEqual([0.02, -0.03, 0]);
    expect(() => gateByInterval(forecast, 0.9, 0)).toThrow(/intervalGate 0.9 is not one of the walk-forward's intervalLevels \(0.8\)/);
  });
});

describe('a run reports its diagnostics', () => {
  const root = resolve(__dirname, '../../..');
  const tiny = parseNotebookJson(readFileSync(join(root, 'public/notebooks/tiny.json'), 'utf8'));
  const doc = { ...tiny, cells: tiny.cells.map((c) => (c.kind === 'model' ? { ...c, training: { ...c.training, epochs: 3 } } : c)) };

  it('has conformal coverage, drift per column and the learning curves in the report', async () => {
    const { report, series } = await runNotebook(doc, {
      executor: createLocalExecutor('cpu'),
      loadData: (data: DataCellSpec) => loadDataCell(data, { readCsvText: () => Promise.reject(new Error('no CSV')) }),
      versions: { test: '1' },
    });
    expect(runReportSchema.safeParse(report).success).toBe(true);
    const d = report.diagnostics!;
    expect(d.conformal!.levels.map((l) => l.level)).toEqual([0.8, 0.95]);
    for (const level of d.conformal!.levels) {
      expect(level.coverage).toBeGreaterThan(0.5);
      expect(level.meanWidth).toBeGreaterThan(0);
    }
    expect(d.conformal!.levels[1]!.meanWidth!).toBeGreaterThan(d.conformal!.levels[0]!.meanWidth!);
    expect(d.conformal!.folds).toHaveLength(report.folds.length);
    expect(series.forecast.intervals).toHaveLength(2);
    expect(series.forecast.intervals![0]!.lower).toHaveLength(series.forecast.predicted.length);
    expect(d.drift.columns).toEqual(['logReturn', 'rsi_14', report.target]);
    expect(d.drift.folds[0]!.columns.rsi_14!.psi).toBeGreaterThanOrEqual(0);
    expect(d.learningCurves).toHaveLength(1);
    expect(d.learningCurves[0]!.train).toHaveLength(3);
    expect(d.learningCurves[0]!.val).toHaveLength(3);
    expect(d.learningCurves[0]!.bestEpoch).not.toBeNull();
    expect(report.folds[0]!.purge).toMatchObject({ rows: 8 }); // lookback 8 + horizon 1 - 1
    expect(report.folds[0]!.embargo).toEqual({ rows: 0, start: null, end: null });
  }, 60_000);
});
