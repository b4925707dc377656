import { describe, expect, it } from 'vitest';
import type { Frame } from './frame';
import { resampleOhlcv } from './resample';

const MIN = 60_000;
const DAY = 86_400_000;
/** 2024-01-01 00:00 UTC: a day boundary, so 5m..1d buckets all start at row 0. */
const T0 = Date.UTC(2024, 0, 1);

/** Minute bars where bar i has open i, high i + 0.5, low i - 0.5, close i + 0.25, volume 1, and an extra column 10 * i. */
function minutes(count: number, offset = 0): Frame {
  const time = new Float64Array(count);
  const c = { open: new Float64Array(count), high: new Float64Array(count), low: new Float64Array(count), close: new Float64Array(count), volume: new Float64Array(count), oi: new Float64Array(count) };
  for (let i = 0; i < count; i++) {
    const k = i + offset;
    time[i] = T0 + k * MIN;
    c.open[i] = k;
    c.high[i] = k + 0.5;
    c.low[i] = k - 0.5;
    c.close[i] = k + 0.25;
    c.volume[i] = 1;
    c.oi[i] = 10 * k;
  }
  return { time, columns: c, meta: { name: 'test 1m', intervalMs: MIN, synthetic: true, source: 'test' } };
}

describe('resampleOhlcv', () => {
  it.each([
    [5, 5 * MIN],
    [15, 15 * MIN],
    [60, 60 * MIN],
    [240, 240 * MIN],
    [1440, DAY],
  ])('1m -> %i minutes: first open, max high, min low, last close, summed volume, last of others', (n, target) => {
    const { frame, partialLast, partialFirst } = resampleOhlcv(minutes(2 * n), target);
    expect(Array.from(frame.time)).toEqual([T0, T0 + target]);
    expect(Array.from(frame.columns.open!)).toEqual([0, n]);
    expect(Array.from(frame.columns.high!)).toEqual([n - 1 + 0.5, 2 * n - 1 + 0.5]);
    expect(Array.from(frame.columns.low!)).toEqual([-0.5, n - 0.5]);
    expect(Array.from(frame.columns.close!)).toEqual([n - 1 + 0.25, 2 * n - 1 + 0.25]);
    expect(Array.from(frame.columns.volume!)).toEqual([n, n]);
    expect(Array.from(frame.columns.oi!)).toEqual([10 * (n - 1), 10 * (2 * n - 1)]);
    expect(frame.meta.intervalMs).toBe(target);
    expect([partialFirst, partialLast]).toEqual([false, false]);
  });

  it('aligns buckets to UTC epoch multiples and flags partial first and last buckets', () => {
    // 00:03 .. 00:11: buckets 00:00 (2 bars), 00:05 (5 bars), 00:10 (2 bars).
    const { frame, partialFirst, partialLast } = resampleOhlcv(minutes(9, 3), 5 * MIN);
    expect(Array.from(frame.time)).toEqual([T0, T0 + 5 * MIN, T0 + 10 * MIN]);
    expect(Array.from(frame.columns.open!)).toEqual([3, 5, 10]);
    expect(Array.from(frame.columns.volume!)).toEqual([2, 5, 2]);
    expect([partialFirst, partialLast]).toEqual([true, true]);
  });

  it('skips NaN inside a bucket and creates no bucket for a gap', () => {
    const f = minutes(15);
    f.columns.open![0] = NaN;
    f.columns.high![1] = NaN;
    f.columns.volume![2] = NaN;
    const kept = [0, 1, 2, 3, 4, 10, 11, 12, 13, 14];
    const gap: Frame = { time: f.time.filter((_, i) => kept.includes(i)), columns: Object.fromEntries(Object.entries(f.columns).map(([k, v]) => [k, v.filter((_, i) => kept.includes(i))])), meta: f.meta };
    const { frame } = resampleOhlcv(gap, 5 * MIN);
    expect(Array.from(frame.time)).toEqual([T0, T0 + 10 * MIN]);
    expect(frame.columns.open![0]).toBe(1);
    expect(frame.columns.high![0]).toBe(4.5);
    expect(frame.columns.volume![0]).toBe(4);
  });

  it('refuses a target the source does not divide, and an unknown source length', () => {
    expect(() => resampleOhlcv(minutes(10), 0.5)).toThrow(/positive whole number/);
    expect(() => resampleOhlcv(minutes(10), 7.5 * MIN)).toThrow(/must divide the target/);
    expect(() => resampleOhlcv({ ...minutes(10), meta: { ...minutes(1).meta, intervalMs: 2 * MIN } }, 5 * MIN)).toThrow(/source bar \(120000 ms\) must divide the target \(300000 ms\)/);
    expect(() => resampleOhlcv({ ...minutes(10), meta: { ...minutes(1).meta, intervalMs: 0 } }, 5 * MIN)).toThrow(/no known bar length/);
  });
});
