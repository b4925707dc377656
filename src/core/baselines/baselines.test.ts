import { describe, it, expect } from 'vitest';
import { driftForecast, naiveReturnForecast, seasonalNaiveForecast } from './baselines';

describe('baselines', () => {
  const targets = Float64Array.from([0.1, -0.2, 0.3, 0.05, -0.1, 0.2, 0.4, -0.3]);
  const testRows = [5, 6, 7];

  it('naive forecasts a zero return', () => {
    expect(Array.from(naiveReturnForecast(testRows))).toEqual([0, 0, 0]);
  });

  it('drift is the mean of the training targets only', () => {
    // train rows 0..4: (0.1 - 0.2 + 0.3 + 0.05 - 0.1) / 5 = 0.15 / 5
    const train = targets.subarray(0, 5);
    const drift = driftForecast(train, testRows);
    drift.forEach((v) => expect(v).toBeCloseTo(0.15 / 5, 15));
    expect(driftForecast([0.2, NaN, 0.4], [0])[0]).toBeCloseTo(0.3, 15);
    expect(() => driftForecast([NaN], [0])).toThrow('driftForecast: the training targets have no values');
  });

  it('seasonal naive takes target[t - season], NaN before the first season', () => {
    // season 3: row 5 -> target[2] = 0.3, row 6 -> target[3] = 0.05, row 7 -> target[4] = -0.1
    expect(Array.from(seasonalNaiveForecast(targets, testRows, 3))).toEqual([0.3, 0.05, -0.1]);
    expect(seasonalNaiveForecast(targets, [1, 2], 2)[0]).toBeNaN();
  });

  it('no look-ahead: values at or after the forecast time cannot reach the forecast', () => {
    // horizon 2: target[t - 2] is known at t - 2 + 2 = t. Changing target[t - 1] or any later one must not matter.
    const base = seasonalNaiveForecast(targets, testRows, 2, 2);
    for (let i = 0; i < testRows.length; i++) {
      const t = testRows[i]!;
      const changed = targets.slice();
      for (let k = t - 1; k < changed.length; k++) changed[k] = 99;
      expect(seasonalNaiveForecast(changed, [t], 2, 2)[0]).toBe(base[i]);
    }
    expect(() => seasonalNaiveForecast(targets, testRows, 1, 2)).toThrow(
      'seasonalNaiveForecast: season must be an integer >= horizon (2), got 1: target[t - season] is not known at bar t otherwise',
    );
    expect(() => seasonalNaiveForecast(targets, [8], 2)).toThrow('rows[0] is 8, expected a row index in [0, 8)');
  });
});
