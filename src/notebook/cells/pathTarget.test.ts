import { describe, expect, it } from 'vitest';
import { buildFeatureTable } from '../../core/featureTable';
import type { Frame } from '../../core/frame';
import { createRng } from '../../core/rng';
import { createLocalExecutor } from '../../ml/localExecutor';
import { parseNotebookJson } from '../parse';
import { runReportSchema } from '../report';
import { runNotebook } from '../runner';
import type { TrainingCellSpec } from '../schema';
import { interpretPredictions } from './objective';

function frameOf(close: number[], extra: Record<string, number[]> = {}): Frame {
  const time = Float64Array.from(close, (_, i) => Date.UTC(2024, 0, 1) + i * 86_400_000);
  const columns: Record<string, Float64Array> = { close: Float64Array.from(close) };
  for (const [name, values] of Object.entries(extra)) columns[name] = Float64Array.from(values);
  return { time, columns, meta: { name: 'planted', intervalMs: 86_400_000, synthetic: true, source: 'test' } };
}

describe('path targets (direct multi-output)', () => {
  it('the table target is the next-bar return and a sample spans horizon steps', () => {
    const close = [100, 110, 99, 121, 121];
    const path = buildFeatureTable(frameOf(close), [{ name: 'logReturn', params: {} }], { horizon: 3, output: 'path' });
    expect(path.steps).toBe(3);
    expect(path.horizon).toBe(3);
    expect(path.targetName).toBe('logReturn_h1');
    // ln(110/100), ln(99/110), ln(121/99), ln(121/121); the last bar has no next bar.
    const expected = [0.0953101798043249, -0.10536051565782628, 0.2006706954621511, 0];
    expected.forEach((v, i) => expect(path.target[i]).toBeCloseTo(v, 12));
    expect(Number.isNaN(path.target[4]!)).toBe(true);

    const cumulative = buildFeatureTable(frameOf(close), [{ name: 'logReturn', params: {} }], 3);
    expect(cumulative.steps).toBe(1);
    expect(cumulative.target[0]).toBeCloseTo(Math.log(121 / 100), 12);
    expect(Number.isNaN(cumulative.target[2]!)).toBe(true);
  });

  it('reads raw outputs [n, steps] and [n, steps, quantiles] per step, unscaled', () => {
    const scale = { targetMean: 1, targetStd: 2 };
    const regression = { objective: 'regression', quantiles: [0.1, 0.5, 0.9] } as TrainingCellSpec;
    const r = interpretPredictions(Float32Array.from([0, 1, 2, 3, 4, 5]), 2, regression, scale, 3);
    expect(r.point).toEqual([1, 7]);
    expect(r.byStep).toEqual([
      [1, 7],
      [3, 9],
      [5, 11],
    ]);
    const quantile = { objective: 'quantile', quantiles: [0.9, 0.5, 0.1] } as TrainingCellSpec;
    // sample 0: step 1 (q.9, q.5, q.1) = (3, 2, 1), step 2 = (6, 5, 4); sample 1: step 1 = (9, 8, 7), step 2 = (12, 11, 10).
    const q = interpretPredictions(Float32Array.from([3, 2, 1, 6, 5, 4, 9, 8, 7, 12, 11, 10]), 2, quantile, { targetMean: 0, targetStd: 1 }, 2);
    expect(q.point).toEqual([2, 8]);
    expect(q.lower).toEqual([1, 7]);
    expect(q.upper).toEqual([3, 9]);
    expect(q.byStep).toEqual([
      [2, 8],
      [5, 11],
    ]);
    const direction = { objective: 'direction', quantiles: [0.5] } as TrainingCellSpec;
    const d = interpretPredictions(Float32Array.from([0.75, 0.25, 0.5, 1]), 2, direction, scale, 2);
    expect(d.probability).toEqual([0.75, 0.5]);
    expect(d.byStep).toEqual([
      [0.25, 0],
      [-0.25, 0.5],
    ]);
  });

  it('scores each step against its own future bar: a planted signal is predictable 1 and 2 bars ahead, not 3', async () => {
    // r[t+1] = a x[t-1] - b x[t-2] + noise. Features at t: x[t-1], x[t-2]. So step 1 is fully
    // predictable, step 2 (r[t+2] = a x[t] - b x[t-1]) only through -b x[t-1]: R² = b² / (a² + b² + s²) = 0.36,
    // and step 3 not at all. An off-by-one in the step alignment breaks this pattern.
    const rng = createRng(11);
    const bars = 1200;
    const a = 0.02;
    const b = 0.015;
    const s = 0.001;
    const x = Array.from({ length: bars }, () => rng.normal());
    const close = [100];
    for (let t = 0; t + 1 < bars; t++) {
      const r = (t >= 2 ? a * x[t - 1]! - b * x[t - 2]! : 0) + s * rng.normal();
      close.push(close[t]! * Math.exp(r));
    }
    const doc = parseNotebookJson(
      JSON.stringify({
        schema: 'crypto-forecast-lab/notebook',
        version: 1,
        title: 'planted path',
        seed: 1,
        cells: [
          { id: 'data', kind: 'data', source: { type: 'demo', seed: 1, bars } },
          {
            id: 'features',
            kind: 'features',
            features: [
              { name: 'lag', column: 'x', lag: 1 },
              { name: 'lag', column: 'x', lag: 2 },
            ],
            target: { type: 'logReturn', horizon: 3, output: 'path' },
          },
          { id: 'model', kind: 'model', model: { type: 'ridge', lookback: 1, lambda: 0.001 }, training: { epochs: 1, batchSize: 32, learningRate: 0.01 } },
          { id: 'walkforward', kind: 'walkforward', mode: 'expanding', trainSize: 300, testSize: 200, step: 200 },
          { id: 'backtest', kind: 'backtest', rule: 'long-flat', threshold: 0, feeBps: 0, execution: 'close', periodsPerYear: 365 },
        ],
      }),
    );
    const frame = frameOf(close, { x, open: close, high: close, low: close, volume: close.map(() => 1) });
    const { report, series } = await runNotebook(doc, {
      executor: createLocalExecutor('cpu'),
      loadData: () => Promise.resolve({ frame, hash: 'a'.repeat(64), cleaning: {}, notes: [] }),
      versions: {},
    });
    expect(runReportSchema.safeParse(report).success).toBe(true);
    const byStep = report.byStep!;
    expect(byStep.map((r) => r.step)).toEqual([1, 2, 3]);
    const r2 = byStep.map((r) => r.metrics.r2!);
    expect(r2[0]).toBeGreaterThan(0.95);
    expect(r2[1]).toBeGreaterThan(0.25);
    expect(r2[1]).toBeLessThan(0.45);
    expect(Math.abs(r2[2]!)).toBeLessThan(0.05);
    for (const step of byStep) expect(step.metrics.n).toBe(report.metrics.n);
    // The headline metrics score the first step, i.e. the next-bar return.
    expect(report.metrics.rmse).toBeCloseTo(byStep[0]!.metrics.rmse!, 12);
    expect(report.target).toBe('logReturn_h1');
    // Purge: at least lookback + horizon - 1 rows between a fold's training rows and its test rows.
    const dayMs = 86_400_000;
    for (const fold of report.folds) expect((Date.parse(fold.testStart) - Date.parse(fold.trainEnd)) / dayMs).toBeGreaterThanOrEqual(3 + 1);
    expect(series.forecast.predicted).toHaveLength(report.metrics.n);
  });
});
