import { describe, expect, it } from 'vitest';
import { createRng } from '../rng';
import { conformalQuantile, fillScales, intervalCoverage, splitConformal, trailingVolatility } from './conformal';

describe('conformalQuantile', () => {
  it('is the ceil((n + 1) * level)-th smallest score', () => {
    const scores = [5, 3, 9, 1, 7, 2, 8, 4, 6];
    expect(conformalQuantile(scores, 0.9)).toBe(9); // k = ceil(10 * 0.9) = 9
    expect(conformalQuantile(scores, 0.8)).toBe(8); // k = ceil(10 * 0.8) = 8
    expect(conformalQuantile(scores, 0.5)).toBe(5); // k = ceil(5) = 5
  });

  it('is infinite when there are too few scores for the level', () => {
    expect(conformalQuantile([1, 2, 3, 4, 5, 6, 7, 8], 0.9)).toBe(Infinity); // k = ceil(8.1) = 9 > 8
    expect(conformalQuantile([], 0.8)).toBe(Infinity);
  });

  it('refuses a level outside (0, 1)', () => {
    expect(() => conformalQuantile([1], 1)).toThrow(/level must be in \(0, 1\)/);
  });
});

describe('splitConformal', () => {
  it('covers 90% of 10,000 Gaussian test points within one percentage point', () => {
    const rng = createRng(20261202);
    const calibrationN = 20_000;
    const predictedCal = Array.from({ length: calibrationN }, () => rng.normal());
    const actualCal = predictedCal.map((p) => p + 0.5 * rng.normal());
    const testPredicted = Array.from({ length: 10_000 }, () => rng.normal());
    const testActual = testPredicted.map((p) => p + 0.5 * rng.normal());
    const [band] = splitConformal({ calibrationActual: actualCal, calibrationPredicted: predictedCal, testPredicted, levels: [0.9] });
    const summary = intervalCoverage(testActual, band!.lower, band!.upper);
    expect(Math.abs(summary.coverage! - 0.9)).toBeLessThan(0.01);
    // The quantile is near the Gaussian's: 1.645 * 0.5.
    expect(band!.quantile).toBeCloseTo(0.8224, 1);
    expect(summary.meanWidth).toBeCloseTo(2 * band!.quantile, 12);
  });

  it('scales the half-width by each test point’s scale when adaptive', () => {
    const bands = splitConformal({
      calibrationActual: [1, 2, 4],
      calibrationPredicted: [0, 0, 0],
      calibrationScale: [1, 1, 2],
      testPredicted: [10, 10],
      testScale: [1, 3],
      levels: [0.5],
    });
    // Scores 1, 2, 2; k = ceil(4 * 0.5) = 2 -> 2.
    expect(bands[0]!.quantile).toBe(2);
    expect(bands[0]!.lower).toEqual([8, 4]);
    expect(bands[0]!.upper).toEqual([12, 16]);
  });

  it('names a bad scale', () => {
    expect(() => splitConformal({ calibrationActual: [1], calibrationPredicted: [0], calibrationScale: [0], testPredicted: [0], testScale: [1], levels: [0.5] })).toThrow(
      /calibration scale at 0 is 0/,
    );
  });
});

describe('intervalCoverage', () => {
  it('counts the finite actuals inside the band', () => {
    expect(intervalCoverage([0, 1, NaN, 5], [-1, -1, -1, -1], [1, 0.5, 1, 1])).toEqual({ coverage: 1 / 3, meanWidth: (2 + 1.5 + 2) / 3, n: 3 });
  });
});

describe('trailingVolatility', () => {
  it('reads only values realised by the forecast row', () => {
    const values = Float64Array.from([1, 3, 1, 3, 100, 100]);
    // Row 5 with lag 2 and window 4: values[0..3] = 1, 3, 1, 3 -> std 1; the 100s are not yet known.
    expect(trailingVolatility(values, [5], 4, 2)).toEqual([1]);
    expect(trailingVolatility(values, [1], 4, 1)).toEqual([NaN]);
  });

  it('fills unusable scales with the median of the usable ones', () => {
    expect(fillScales([NaN, 2, 0, 4, 3])).toEqual([3, 2, 3, 4, 3]);
  });
});
