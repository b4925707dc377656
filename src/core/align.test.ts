import { describe, expect, it } from 'vitest';
import { alignOnchain } from './align';
import type { Frame } from './frame';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);

function frame(times: number[], columns: Record<string, number[]>, intervalMs: number): Frame {
  return {
    time: Float64Array.from(times),
    columns: Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, Float64Array.from(v)])),
    meta: { name: 'test', intervalMs, synthetic: true, source: 'test' },
  };
}
const days = (n: number) => Array.from({ length: n }, (_, i) => T0 + i * DAY);

describe('alignOnchain', () => {
  it('never shows day D\'s value at bar D: it appears at D + publicationLagBars', () => {
    const price = frame(days(6), { close: [1, 2, 3, 4, 5, 6] }, DAY);
    const onchain = frame(days(6), { active: [100, 101, 102, 103, 104, 105] }, DAY);
    const lag1 = alignOnchain(price, onchain).frame.columns.active!;
    expect(Array.from(lag1)).toEqual([NaN, 100, 101, 102, 103, 104]);
    for (let d = 0; d < 6; d++) expect(lag1[d]).not.toBe(100 + d);
    const lag2 = alignOnchain(price, onchain, { publicationLagBars: 2 });
    expect(Array.from(lag2.frame.columns.active!)).toEqual([NaN, NaN, 100, 101, 102, 103]);
    expect(lag2.stats).toEqual([{ column: 'active', filled: 0, missing: 2 }]);
    expect(Array.from(lag2.frame.columns.close!)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('forward-fills at most maxForwardFill bars, then NaN, and counts both', () => {
    const price = frame(days(8), { close: [1, 1, 1, 1, 1, 1, 1, 1] }, DAY);
    // Only day 0 is published; day 1 is NaN (missing) and the series then stops.
    const onchain = frame(days(2), { v: [7, NaN] }, DAY);
    const { frame: out, stats } = alignOnchain(price, onchain, { maxForwardFill: 3 });
    // bar 1: current; bars 2-4: filled (1, 2, 3 days stale); bars 5-7: beyond the limit.
    expect(Array.from(out.columns.v!)).toEqual([NaN, 7, 7, 7, 7, NaN, NaN, NaN]);
    expect(stats).toEqual([{ column: 'v', filled: 3, missing: 4 }]);
    const none = alignOnchain(price, onchain, { maxForwardFill: 0 });
    expect(Array.from(none.frame.columns.v!)).toEqual([NaN, 7, NaN, NaN, NaN, NaN, NaN, NaN]);
  });

  it('with hourly prices, day D becomes visible at 00:00 of D + 1, not during day D', () => {
    const hours = Array.from({ length: 72 }, (_, i) => T0 + i * HOUR);
    const price = frame(hours, { close: hours.map(() => 1) }, HOUR);
    const onchain = frame(days(3), { v: [10, 11, 12] }, DAY);
    const { frame: out, stats } = alignOnchain(price, onchain);
    const v = out.columns.v!;
    expect(Array.from(v.slice(0, 24)).every(Number.isNaN)).toBe(true);
    expect(Array.from(v.slice(24, 48))).toEqual(Array(24).fill(10));
    expect(Array.from(v.slice(48, 72))).toEqual(Array(24).fill(11));
    expect(stats).toEqual([{ column: 'v', filled: 0, missing: 24 }]);
  });

  it('refuses a column name clash and bad options', () => {
    const price = frame(days(2), { close: [1, 2] }, DAY);
    expect(() => alignOnchain(price, frame(days(2), { close: [1, 2] }, DAY))).toThrow(/"close" would overwrite/);
    expect(() => alignOnchain(price, frame(days(2), { v: [1, 2] }, DAY), { publicationLagBars: -1 })).toThrow(/publicationLagBars/);
    expect(() => alignOnchain(price, frame(days(2), { v: [1, 2] }, DAY), { publicationLagBars: 0 })).toThrow(/publicationLagBars must be a whole number >= 1, got 0/);
  });
});
