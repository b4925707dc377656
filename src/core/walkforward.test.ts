import { describe, it, expect } from 'vitest';
import { walkForwardSplits, type Fold, type WalkForwardOptions } from './walkforward';

function checkInvariants(folds: Fold[], n: number, options: WalkForwardOptions): void {
  const embargo = options.embargo ?? 0;
  folds.forEach((f, k) => {
    expect(f.index).toBe(k);
    expect(f.trainStart).toBeGreaterThanOrEqual(options.start ?? 0);
    expect(f.trainStart).toBeLessThan(f.trainEnd);
    // The purge (and embargo) zone sits fully between train and test: disjoint, train first.
    expect(f.trainEnd + options.purge + embargo).toBeLessThanOrEqual(f.testStart);
    expect(f.testStart).toBeLessThan(f.testEnd);
    expect(f.testEnd).toBeLessThanOrEqual(n);
    if (k > 0) expect(f.testStart).toBeGreaterThan(folds[k - 1]!.testStart);
  });
}

describe('walkForwardSplits', () => {
  it('hand-derived expanding folds', () => {
    // n 20, start 2, train 8, purge 2, test 3, step 3:
    // k0: testStart 2+8+2 = 12, test [12,15), train [2,10)
    // k1: testStart 15, test [15,18), train [2,13)
    // k2: testStart 18, test [18,20) (cut at n), train [2,16); k3 would start at 21 >= 20.
    const options: WalkForwardOptions = { mode: 'expanding', trainSize: 8, testSize: 3, step: 3, purge: 2, start: 2 };
    const folds = walkForwardSplits(20, options);
    expect(folds).toEqual([
      { index: 0, trainStart: 2, trainEnd: 10, testStart: 12, testEnd: 15 },
      { index: 1, trainStart: 2, trainEnd: 13, testStart: 15, testEnd: 18 },
      { index: 2, trainStart: 2, trainEnd: 16, testStart: 18, testEnd: 20 },
    ]);
    checkInvariants(folds, 20, options);
  });

  it('hand-derived rolling folds keep trainSize rows, with an embargo', () => {
    // n 20, train 5, purge 1, embargo 2, test 4, step 4:
    // k0: testStart 0+5+1+2 = 8, trainEnd 8-1-2 = 5, train [0,5), test [8,12)
    // k1: testStart 12, trainEnd 9, train [4,9), test [12,16)
    // k2: testStart 16, trainEnd 13, train [8,13), test [16,20)
    const options: WalkForwardOptions = { mode: 'rolling', trainSize: 5, testSize: 4, step: 4, purge: 1, embargo: 2 };
    const folds = walkForwardSplits(20, options);
    expect(folds.map((f) => [f.trainStart, f.trainEnd, f.testStart, f.testEnd])).toEqual([
      [0, 5, 8, 12],
      [4, 9, 12, 16],
      [8, 13, 16, 20],
    ]);
    for (const f of folds) expect(f.trainEnd - f.trainStart).toBe(5);
    checkInvariants(folds, 20, options);
  });

  it('holds its invariants over many settings', () => {
    for (const mode of ['expanding', 'rolling'] as const) {
      for (const purge of [0, 1, 5]) {
        for (const embargo of [0, 3]) {
          for (const step of [1, 7, 30]) {
            const options: WalkForwardOptions = { mode, trainSize: 40, testSize: 7, step, purge, embargo, start: 3 };
            const folds = walkForwardSplits(200, options);
            expect(folds.length).toBeGreaterThan(0);
            checkInvariants(folds, 200, options);
            if (mode === 'expanding') folds.forEach((f, k) => expect(f.trainEnd - f.trainStart).toBe(40 + k * step));
          }
        }
      }
    }
  });

  it('explains when no fold fits', () => {
    expect(() => walkForwardSplits(10, { mode: 'expanding', trainSize: 8, testSize: 3, step: 3, purge: 2 })).toThrow(
      'walk-forward needs at least 11 rows (start 0 + trainSize 8 + purge 2 + embargo 0 + 1 test row), the data has 10: lower trainSize, purge or start',
    );
    expect(() => walkForwardSplits(10, { mode: 'rolling', trainSize: 0, testSize: 3, step: 3, purge: 0 })).toThrow(
      'walk-forward: trainSize must be an integer >= 1, got 0',
    );
  });
});
