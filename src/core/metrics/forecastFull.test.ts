import { describe, it, expect } from 'vitest';
import { forecastMetricsFull, mape, mase, maseScale, r2, smape } from './forecast';

describe('forecast metrics: MAPE, sMAPE, MASE, R^2', () => {
  // Pairs (actual, predicted): (2, 1) (-4, -2) (0, 1) (4, 4) (NaN, 1 -> skipped)
  const actual = Float64Array.from([2, -4, 0, 4, NaN]);
  const predicted = Float64Array.from([1, -2, 1, 4, 1]);

  it('hand-derived values', () => {
    // MAPE skips actual 0: |1|/2 + |2|/4 + 0/4 = 0.5 + 0.5 + 0 -> 1/3
    expect(mape(actual, predicted)).toBeCloseTo(1 / 3, 15);
    // sMAPE: 2*1/3 + 2*2/6 + 2*1/1 + 0 = 2/3 + 2/3 + 2 = 10/3, / 4 = 5/6
    expect(smape(actual, predicted)).toBeCloseTo(5 / 6, 15);
    // MAE = (1 + 2 + 1 + 0) / 4 = 1; scale 0.5 -> 2
    expect(mase(actual, predicted, 0.5)).toBe(2);
    // mean = 2/4 = 0.5; SST = 2.25 + 20.25 + 0.25 + 12.25 = 35; SSE = 1 + 4 + 1 + 0 = 6 -> 1 - 6/35
    expect(r2(actual, predicted)).toBeCloseTo(29 / 35, 15);
    expect(forecastMetricsFull(actual, predicted, { maseScale: 0.5 })).toEqual({
      rmse: Math.sqrt(6 / 4),
      mae: 1,
      directionalAccuracy: 0.75, // (+,+) (-,-) (0,+) miss (+,+)
      n: 4,
      mape: mape(actual, predicted),
      smape: smape(actual, predicted),
      mase: 2,
      r2: r2(actual, predicted),
    });
  });

  it('MASE scale is the in-sample naive one-step MAE', () => {
    // |3-1| + |2-3| + |6-2| = 2 + 1 + 4 = 7, / 3
    expect(maseScale(Float64Array.from([1, 3, 2, 6]))).toBeCloseTo(7 / 3, 15);
    // NaN breaks the differences touching it: only |5-4| is used
    expect(maseScale([1, NaN, 4, 5])).toBe(1);
  });

  it('edge cases', () => {
    expect(smape([0, 0], [0, 0])).toBe(0);
    expect(mape([0, 0], [1, 2])).toBeNaN();
    expect(r2([1, 1, 1], [1, 2, 3])).toBeNaN();
    expect(forecastMetricsFull([1, 2], [1, 2]).mase).toBeNaN();
    expect(() => mase([1], [1], 0)).toThrow('mase: scale must be a positive finite number (the in-sample naive MAE), got 0');
    expect(() => r2([1, 2], [1])).toThrow('r2: actual has 2 values, predicted has 1');
  });
});
