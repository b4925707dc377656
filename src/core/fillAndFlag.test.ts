import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markOutlierReturns, OUTLIER_MIN_HISTORY } from './fillAndFlag';
import { createRng } from './rng';

/** The definition, written the slow way: each bar against the sorted window of earlier returns. */
function slowFlags(values: number[], zScore: number, window: number): number[] {
  const history: number[] = [];
  const flags = values.map(() => 0);
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
  };
  for (let i = 1; i < values.length; i++) {
    const a = values[i - 1]!;
    const b = values[i]!;
    if (!(a > 0 && b > 0)) continue;
    const r = Math.log(b / a);
    const past = history.slice(-window);
    if (past.length >= OUTLIER_MIN_HISTORY) {
      const center = median(past);
      const mad = median(past.map((x) => Math.abs(x - center)));
      const sigma = mad > 0 ? 1.482602218505602 * mad : 1.2533141373155001 * (past.reduce((s, x) => s + Math.abs(x - center), 0) / past.length);
      if (sigma > 0 && Math.abs(r - center) > zScore * sigma) flags[i] = 1;
    }
    history.push(r);
  }
  return flags;
}

function walk(seed: number, n: number): Float64Array {
  const rng = createRng(seed);
  const out = new Float64Array(n);
  let price = 100;
  for (let i = 0; i < n; i++) {
    price *= Math.exp(0.01 * rng.normal() + (rng.next() < 0.02 ? 0.2 * rng.normal() : 0));
    out[i] = price;
  }
  return out;
}

describe('markOutlierReturns (trailing window)', () => {
  it('matches the slow definition on random series, windows and thresholds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 2, max: 400 }), fc.integer({ min: OUTLIER_MIN_HISTORY, max: 60 }), fc.double({ min: 1, max: 10, noNaN: true }), (seed, n, window, z) => {
        const values = walk(seed, n);
        if (n > 10) values[5] = 0;
        expect(Array.from(markOutlierReturns(values, z, window).flags)).toEqual(slowFlags(Array.from(values), z, window));
      }),
      { numRuns: 60 },
    );
  });

  it('a bar\'s flag reads only bars up to it: changing every later bar changes no earlier flag', () => {
    const values = walk(3, 900);
    const full = markOutlierReturns(values, 4);
    expect(full.marked).toBeGreaterThan(5);
    for (const cut of [100, 450, 800]) {
      const changed = values.map((v, t) => (t >= cut ? v * (t % 3 === 0 ? 40 : 0.02) : v));
      const flags = markOutlierReturns(changed, 4).flags;
      expect(Array.from(flags.subarray(0, cut))).toEqual(Array.from(full.flags.subarray(0, cut)));
    }
  });

  it('judges no bar with fewer than the minimum history, and refuses a bad window', () => {
    const values = Float64Array.from([1, 1.01, 1, 1.01, 50, 1, 1.01, 1]);
    expect(markOutlierReturns(values, 3).marked).toBe(0);
    expect(() => markOutlierReturns(values, 3, 2)).toThrow(/window must be a whole number of returns >= 8/);
  });

  it('keeps seeing one wild bar after a run of equal returns (MAD 0: the mean deviation stands in)', () => {
    const values = Float64Array.from([...Array.from({ length: 12 }, (_, i) => 100 * 1.01 ** i), 200, 202]);
    expect(Array.from(markOutlierReturns(values, 8).flags).flatMap((f, i) => (f ? [i] : []))).toEqual([12]);
  });
});
