import { describe, it, expect } from 'vitest';
import { directionalAccuracy, forecastMetrics, mae, rmse } from './forecast';

describe('forecast metrics', () => {
  // Pairs (actual, predicted): (1, 2) (-2, -1) (0, 0) (3, -1) (NaN, 5 -> skipped)
  const actual = Float64Array.from([1, -2, 0, 3, NaN]);
  const predicted = Float32Array.from([2, -1, 0, -1, 5]);

  it('hand-derived values', () => {
    // errors -1, -1, 0, 4: squares 1 + 1 + 0 + 16 = 18, /4 = 4.5; abs 1 + 1 + 0 + 4 = 6, /4 = 1.5
    expect(rmse(actual, predicted)).toBeCloseTo(Math.sqrt(4.5), 15);
    expect(mae(actual, predicted)).toBe(1.5);
    // signs: (+,+) hit, (-,-) hit, (0,0) hit, (+,-) miss -> 3/4
    expect(directionalAccuracy(actual, predicted)).toBe(0.75);
    expect(forecastMetrics(actual, predicted)).toEqual({ rmse: Math.sqrt(4.5), mae: 1.5, directionalAccuracy: 0.75, n: 4 });
  });

  it('treats 0 as its own sign', () => {
    // (0, 0.1) miss, (0.2, 0) miss, (-0.1, -0.3) hit -> 1/3
    expect(directionalAccuracy(Float64Array.from([0, 0.2, -0.1]), Float64Array.from([0.1, 0, -0.3]))).toBeCloseTo(1 / 3, 15);
  });

  it('is NaN without pairs and rejects misaligned input', () => {
    expect(rmse(Float64Array.from([NaN]), Float64Array.from([1]))).toBeNaN();
    expect(forecastMetrics(new Float64Array(0), new Float64Array(0)).n).toBe(0);
    expect(() => mae(new Float64Array(2), new Float64Array(3))).toThrow('mae: actual has 2 values, predicted has 3');
  });
});
