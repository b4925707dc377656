import { describe, expect, it } from 'vitest';
import { createRng } from '../rng';
import { binShares, ksStatistic, populationStabilityIndex, PSI_EPSILON, quantileEdges } from './drift';

describe('populationStabilityIndex', () => {
  const train = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

  it('equals the hand-computed value on two bins', () => {
    // Edge at the training median 5.5: training shares 0.5 / 0.5; the test has 8 of 10 at or below it.
    expect(quantileEdges(train, 2)).toEqual([5.5]);
    const test = [1, 2, 2, 3, 4, 4, 5, 5, 9, 10];
    expect(binShares(test, [5.5])).toEqual([0.8, 0.2]);
    const expected = (0.8 - 0.5) * Math.log(0.8 / 0.5) + (0.2 - 0.5) * Math.log(0.2 / 0.5); // 0.41589
    expect(populationStabilityIndex(train, test, 2)).toBeCloseTo(expected, 12);
    expect(expected).toBeCloseTo(0.41589, 5);
  });

  it('counts an empty bin as epsilon', () => {
    const test = [1, 2, 3, 4, 5];
    const expected = (1 - 0.5) * Math.log(1 / 0.5) + (PSI_EPSILON - 0.5) * Math.log(PSI_EPSILON / 0.5);
    expect(populationStabilityIndex(train, test, 2)).toBeCloseTo(expected, 12);
  });

  it('is about 0 for two samples of one distribution and crosses 0.2 for a shifted one', () => {
    const rng = createRng(7);
    const a = Array.from({ length: 5000 }, () => rng.normal());
    const b = Array.from({ length: 5000 }, () => rng.normal());
    const shifted = Array.from({ length: 5000 }, () => rng.normal() + 0.6);
    expect(populationStabilityIndex(a, a, 10)).toBe(0);
    expect(populationStabilityIndex(a, b, 10)).toBeLessThan(0.02);
    expect(populationStabilityIndex(a, shifted, 10)).toBeGreaterThan(0.2);
  });

  it('ignores NaN and refuses fewer than 2 bins', () => {
    expect(populationStabilityIndex([1, NaN, 2, 3, 4], [1, 2, NaN, 3, 4], 2)).toBe(0);
    expect(() => populationStabilityIndex(train, train, 1)).toThrow(/bins must be an integer >= 2/);
    expect(populationStabilityIndex(train, [NaN], 2)).toBeNaN();
  });
});

describe('ksStatistic', () => {
  // The two-sided statistics of scipy's own tests of ks_2samp (scipy/stats/tests/test_stats.py,
  // class TestKSTwoSamples: testSmall, testTwoVsThree, testTwoVsFour).
  it('matches scipy.stats.ks_2samp on its published test cases', () => {
    expect(ksStatistic([0], [1])).toBe(1);
    expect(ksStatistic([1.01, 2.01], [1, 2, 3])).toBeCloseTo(1 / 3, 12);
    expect(ksStatistic([0.99, 1.99], [1, 2, 3])).toBeCloseTo(2 / 3, 12);
    expect(ksStatistic([1.01, 2.01], [1, 2, 3, 4])).toBeCloseTo(2 / 4, 12);
  });

  it('equals the hand-computed gap with ties', () => {
    // CDFs at 1: 2/4 vs 1/2; at 2: 3/4 vs 1/2; at 3: 1 vs 1 -> largest gap 1/4.
    expect(ksStatistic([1, 1, 2, 3], [1, 3])).toBeCloseTo(0.25, 12);
    expect(ksStatistic([1, 2, 3], [1, 2, 3])).toBe(0);
  });
});
