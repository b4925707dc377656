import { describe, expect, it } from 'vitest';
import { buildFeatureTable } from './featureTable';
import type { Frame } from './frame';
import { prepareFold } from './foldData';
import { createRng } from './rng';
import { walkForwardSplits } from './walkforward';

function randomWalk(seed: number, n: number): Frame {
  const rng = createRng(seed);
  const close = new Float64Array(n);
  const volume = new Float64Array(n);
  let price = 100;
  for (let i = 0; i < n; i++) {
    price *= Math.exp(0.02 * rng.normal());
    close[i] = price;
    volume[i] = 1000 + 100 * rng.next();
  }
  const time = Float64Array.from({ length: n }, (_, i) => Date.UTC(2020, 0, 1) + i * 86_400_000);
  return { time, columns: { close, volume }, meta: { name: 'walk', intervalMs: 86_400_000, synthetic: true, source: 'test' } };
}

const REQUESTS = [
  { name: 'logReturn', params: {} },
  { name: 'rsi', params: { period: 14 } },
  { name: 'sma', params: { period: 5 } },
  { name: 'logReturn', column: 'volume', params: {} },
];

describe('prepareFold: no look-ahead', () => {
  const lookback = 10;
  const frame = randomWalk(11, 400);
  const table = buildFeatureTable(frame, REQUESTS, 1);
  const folds = walkForwardSplits(table.time.length - 1, {
    mode: 'expanding',
    trainSize: 200,
    testSize: 40,
    step: 40,
    purge: lookback,
    start: table.firstComplete + lookback - 1,
  });

  it('names features as ARCHITECTURE.md says and defines the target as the next log return', () => {
    expect(table.names).toEqual(['logReturn', 'rsi_14', 'sma_5', 'logReturn_volume']);
    const c = frame.columns.close!;
    expect(table.target[10]).toBeCloseTo(Math.log(c[11]! / c[10]!), 15);
    expect(table.target[399]).toBeNaN();
    expect(table.firstComplete).toBe(14);
  });

  it.each(folds.map((f) => [f.index, f] as const))('fold %i: changing any value at or after the test start changes nothing it trains on', (_i, fold) => {
    const before = prepareFold(table, fold, lookback);
    // Perturb every input column from the test start on (the target of row t uses close[t+1]).
    const changed: Frame = {
      ...frame,
      columns: Object.fromEntries(
        Object.entries(frame.columns).map(([name, values]) => [name, values.map((v, t) => (t >= fold.testStart ? v * 1.7 + 3 : v))]),
      ),
    };
    const after = prepareFold(buildFeatureTable(changed, REQUESTS, 1), fold, lookback);
    expect(after.featureScaler.mean).toEqual(before.featureScaler.mean);
    expect(after.featureScaler.std).toEqual(before.featureScaler.std);
    expect(after.targetMean).toBe(before.targetMean);
    expect(after.targetStd).toBe(before.targetStd);
    expect(after.train.x).toEqual(before.train.x);
    expect(after.train.y).toEqual(before.train.y);
    // The test block itself does see the change: the perturbation was real.
    expect(after.test.y).not.toEqual(before.test.y);
  });

  it('purges: the last training target ends before the first test row', () => {
    for (const fold of folds) {
      const data = prepareFold(table, fold, lookback);
      const lastTrainRow = data.train.rows[data.train.n - 1]!;
      expect(lastTrainRow + table.horizon).toBeLessThan(fold.testStart);
      expect(data.test.rows[0]).toBe(fold.testStart);
    }
  });
});
