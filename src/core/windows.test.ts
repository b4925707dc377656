import { describe, it, expect } from 'vitest';
import { buildWindows } from './windows';

describe('buildWindows', () => {
  // rows:      0    1    2    3    4    5
  const f0 = Float64Array.from([0, 1, 2, 3, 4, 5]);
  const f1 = Float64Array.from([10, 11, NaN, 13, 14, 15]);
  const target = Float64Array.from([100, 101, 102, 103, 104, NaN]);

  it('lays out [n, lookback, features] and skips NaN windows/targets', () => {
    // lookback 2: t must be >= 1. Windows: t=1 rows 0..1 ok; t=2 and t=3 include row 2 (f1 NaN);
    // t=4 rows 3..4 ok; t=5 target NaN. So samples t = 1, 4.
    const w = buildWindows([f0, f1], target, 0, 6, 2);
    expect(w.n).toBe(2);
    expect(Array.from(w.rows)).toEqual([1, 4]);
    expect(Array.from(w.x)).toEqual([0, 10, 1, 11, 3, 13, 4, 14]);
    expect(Array.from(w.y)).toEqual([101, 104]);
    expect([w.lookback, w.features, w.horizon]).toEqual([2, 2, 1]);
  });

  it('multi-step targets use target[t + j]', () => {
    // lookback 1, horizon 2, f0 only, rows [0, 6): t needs target[t], target[t+1] defined:
    // t=0 (100,101), 1 (101,102), 2 (102,103), 3 (103,104); t=4 has target[5] NaN; t=5 runs past the end.
    const w = buildWindows([f0], target, 0, 6, 1, 2);
    expect(Array.from(w.rows)).toEqual([0, 1, 2, 3]);
    expect(Array.from(w.x)).toEqual([0, 1, 2, 3]);
    expect(Array.from(w.y)).toEqual([100, 101, 101, 102, 102, 103, 103, 104]);
  });

  it('respects rowStart/rowEnd (rowEnd exclusive) and the first full window', () => {
    // lookback 3 on f0: t >= 2; rows [0, 4) -> t = 2, 3.
    const w = buildWindows([f0], target, 0, 4, 3);
    expect(Array.from(w.rows)).toEqual([2, 3]);
    expect(Array.from(w.x)).toEqual([0, 1, 2, 1, 2, 3]);
    expect(buildWindows([f0], target, 3, 3, 1).n).toBe(0);
  });

  it('names bad arguments', () => {
    expect(() => buildWindows([f0], target, 0, 6, 0)).toThrow('lookback must be an integer >= 1, got 0');
    expect(() => buildWindows([f0], target, 0, 7, 1)).toThrow('rows [0, 7) must lie inside 0..6');
    expect(() => buildWindows([f0.subarray(1)], target, 0, 6, 1)).toThrow('feature 0 has 5 rows, target has 6');
  });
});

describe('buildWindows: infinite values', () => {
  it('refuses +-Infinity in a feature or the target with the column and row, as NaN windows are skipped', () => {
    const f0 = Float64Array.from([1, 2, 3, -Infinity, 5, 6]);
    const target = Float64Array.from([0.1, 0.2, 0.3, 0.4, 0.5, 0.6]);
    expect(() => buildWindows([f0], target, 0, 6, 2, 1, { features: ['logret'] })).toThrow('buildWindows: feature "logret" is -Infinity at row 3');
    // Rows the windows never touch do not matter.
    expect(buildWindows([f0], target, 0, 2, 2).n).toBe(1);
    const badTarget = Float64Array.from([0.1, 0.2, Infinity, 0.4, 0.5, 0.6]);
    expect(() => buildWindows([target], badTarget, 0, 6, 1, 1, { target: 'logReturn_h1' })).toThrow('target "logReturn_h1" is Infinity at row 2');
  });
});
