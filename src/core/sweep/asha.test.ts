import { describe, expect, it } from 'vitest';
import { createRng, shuffleInPlace } from '../rng';
import { rungFolds, successiveHalvingRound, survivesRung } from './asha';

describe('successive halving over folds', () => {
  it('rungs grow by the reduction factor and end at every fold', () => {
    expect(rungFolds(8, 3)).toEqual([1, 3, 8]);
    expect(rungFolds(9, 3)).toEqual([1, 3, 9]);
    expect(rungFolds(1, 2)).toEqual([1]);
    expect(rungFolds(10, 2, 2)).toEqual([2, 4, 8, 10]);
  });

  it('keeps the top 1/reduction of the scores recorded at a rung, at least one', () => {
    expect(survivesRung(5, [5], 3)).toBe(true);
    expect(survivesRung(1, [1, 2, 3, 4, 5, 6], 3)).toBe(false);
    expect(survivesRung(5, [1, 2, 3, 4, 5, 6], 3)).toBe(true);
    expect(survivesRung(NaN, [NaN], 3)).toBe(false);
  });

  it('never prunes the eventual best when the ordering is the same on every rung (known-ordering fixture)', async () => {
    for (let seed = 1; seed <= 20; seed++) {
      const rng = createRng(seed);
      // Trial quality q: a trial's score on its first k folds is q + a rung offset shared by every trial, so the order never changes.
      const qualities = Array.from({ length: 24 }, (_, i) => i / 24);
      shuffleInPlace(qualities, rng);
      const rungs = rungFolds(9, 3);
      const history: number[][] = [];
      const outcomes = [];
      for (let start = 0; start < qualities.length; start += 4) {
        const round = qualities.slice(start, start + 4);
        outcomes.push(...(await successiveHalvingRound(round, rungs, 3, history, async (q, r) => q - r * 0.1)));
      }
      const best = outcomes.find((o) => o.trial === Math.max(...qualities))!;
      expect(best.pruned).toBe(false);
      expect(best.rung).toBe(rungs.length - 1);
      expect(outcomes.filter((o) => o.pruned).length).toBeGreaterThan(8);
    }
  });
});
