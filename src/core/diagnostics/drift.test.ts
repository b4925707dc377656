import { describe, expect, it } from 'vitest';
import { createRng } from '../rng';
import { binShares, ksStatistic, populationStabilityIndex, PSI_EPSILON, quantileEdges } from './drift';
import { numpyLegacyRng } from './numpyLegacyRng.testkit';

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

  // The example of the ks_2samp docs (scipy 0.13-1.3, docs.scipy.org/doc/scipy-1.3.0/reference/generated/scipy.stats.ks_2samp.html):
  // np.random.seed(12345678); rvs1 = norm.rvs(size=200); rvs2 = norm.rvs(size=300, loc=0.5, scale=1.5)
  // -> 0.20833333333333337; rvs3 (loc 0.01) -> 0.10333333333333333; rvs4 (loc 0) -> 0.07999999999999996.
  it('matches the published example of the scipy.stats.ks_2samp docs', () => {
    const rng = numpyLegacyRng(12345678);
    const rvs1 = rng.normal(200, 0, 1);
    const rvs2 = rng.normal(300, 0.5, 1.5);
    const rvs3 = rng.normal(300, 0.01, 1);
    const rvs4 = rng.normal(300, 0, 1);
    expect(ksStatistic(rvs1, rvs2)).toBeCloseTo(0.20833333333333337, 12);
    expect(ksStatistic(rvs1, rvs3)).toBeCloseTo(0.10333333333333333, 12);
    expect(ksStatistic(rvs1, rvs4)).toBeCloseTo(0.07999999999999996, 12);
  });

  it('equals the hand-computed gap with ties', () => {
    // CDFs at 1: 2/4 vs 1/2; at 2: 3/4 vs 1/2; at 3: 1 vs 1 -> largest gap 1/4.
    expect(ksStatistic([1, 1, 2, 3], [1, 3])).toBeCloseTo(0.25, 12);
    expect(ksStatistic([1, 2, 3], [1, 2, 3])).toBe(0);
  });
});
