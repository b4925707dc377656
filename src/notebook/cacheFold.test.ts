import { describe, expect, it } from 'vitest';
import { buildFeatureTable, type FeatureTable } from '../core/featureTable';
import type { Fold } from '../core/walkforward';
import { generateDemoMarket } from '../sources/demo';
import { createFoldKeyer, encodeFoldOutcome, foldOutcomeSchema, type FoldKeyContext } from './cacheFold';
import type { FoldOutcome } from './cells/foldRunner';
import { modelSchema, trainingSchema } from './schema';

function table(bars: number, horizon = 1): FeatureTable {
  const requests = [{ name: 'logReturn', params: {} }, { name: 'rsi', params: { period: 14 } }];
  return buildFeatureTable(generateDemoMarket({ seed: 7, bars }), requests, { horizon });
}

const model = {
  spec: modelSchema.parse({ type: 'lstm', units: 8, lookback: 10 }),
  training: trainingSchema.parse({ epochs: 1, batchSize: 32, learningRate: 0.01 }),
};
const context = (t: FeatureTable): FoldKeyContext => ({ table: t, model, purge: 9, embargo: 0, seed: 1, backend: 'wasm', versions: { app: '1' } });
const first: Fold = { index: 0, trainStart: 30, trainEnd: 930, testStart: 939, testEnd: 969 };
const second: Fold = { index: 1, trainStart: 30, trainEnd: 960, testStart: 969, testEnd: 1099 };

describe('walk-forward fold keys', () => {
  it('stay the same when bars are appended after the rows a fold reads (more test folds at the end)', () => {
    const short = createFoldKeyer(context(table(1101)));
    const long = createFoldKeyer(context(table(1700)));
    expect(long(first, first)).toBe(short(first, first));
    // 1099 rows span two whole 512-row blocks and a tail.
    expect(long(second, first)).toBe(short(second, first));
  });

  it('change with any row a fold reads, and not with the rows after it', () => {
    const base = table(1200);
    const keyOf = (t: FeatureTable) => createFoldKeyer(context(t))(second, first);
    const reference = keyOf(base);
    const changed = (column: 'target' | 'feature', row: number) => {
      const copy = { ...base, target: base.target.slice(), features: base.features.map((f) => f.slice()) };
      if (column === 'target') copy.target[row] = copy.target[row]! + 1e-12;
      else copy.features[1]![row] = copy.features[1]![row]! + 1e-12;
      return keyOf(copy);
    };
    for (const row of [20, first.trainStart, second.testStart, second.testEnd - 1]) {
      expect(changed('target', row), `target row ${row}`).not.toBe(reference);
      expect(changed('feature', row), `feature row ${row}`).not.toBe(reference);
    }
    expect(changed('target', second.testEnd)).toBe(reference);
    expect(changed('feature', 1150)).toBe(reference);
  });

  it('change with the fold bounds, the fold its model trained on, purge, embargo, seed, backend, model and versions', () => {
    const t = table(1200);
    const keyOf = (changes: Partial<FoldKeyContext>, fold = second, trainedOn = first) => createFoldKeyer({ ...context(t), ...changes })(fold, trainedOn);
    const reference = keyOf({});
    const variants = [
      keyOf({}, { ...second, testEnd: 1098 }),
      keyOf({}, second, second),
      keyOf({ purge: 10 }),
      keyOf({ embargo: 1 }),
      keyOf({ seed: 2 }),
      keyOf({ backend: 'cpu' }),
      keyOf({ model: { ...model, spec: modelSchema.parse({ type: 'lstm', units: 9, lookback: 10 }) } }),
      keyOf({ model: { ...model, training: { ...model.training, epochs: 2 } } }),
      keyOf({ versions: { app: '2' } }),
      createFoldKeyer(context(table(1200, 2)))(second, first),
    ];
    expect(new Set([reference, ...variants]).size).toBe(variants.length + 1);
  });
});

describe('stored folds', () => {
  it('come back exactly as they were computed, NaN and -0 included', () => {
    const outcome: FoldOutcome = {
      fold: second,
      rows: [969, 970],
      actual: [0.01, -0.02],
      forecast: { point: [-0, 0.1 + 0.2], lower: [-1, -2], upper: [1, 2], byStep: [[1, 2], [3, 4]] },
      baselines: { forecasts: { naive: [0, 0], drift: [1e-300, 1e-300], seasonalNaive: [NaN, 0.5], ridge: [0.25, 0.5] }, ridgeByStep: [[1, 2], [3, 4]] },
      maseScale: 0.0123,
      trainSamples: 900,
      refit: true,
      trainMs: 12.5,
      finalLoss: 0.9,
      engine: 'fused wasm SIMD',
      backend: 'wasm',
      calibration: { rows: [960, 961, 962], predicted: [0.001, NaN, -0.002] },
      curve: { train: [1, 0.9, 0.85], val: [1.1, 1.05, 1.07] },
    };
    const back = foldOutcomeSchema.parse(structuredClone(encodeFoldOutcome(outcome)));
    expect(back).toEqual(outcome);
    expect(Object.is(back.forecast.point[0], -0)).toBe(true);
    const short = { ...encodeFoldOutcome(outcome), actual: Float64Array.of(1) };
    expect(foldOutcomeSchema.safeParse(short).success).toBe(false);
    const unevenCalibration = { ...encodeFoldOutcome(outcome), calibrationPredicted: Float64Array.of(1) };
    expect(foldOutcomeSchema.safeParse(unevenCalibration).success).toBe(false);
  });
});
