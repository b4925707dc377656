import { describe, expect, it } from 'vitest';
import { thinCandles } from './thinCandles';

const bars = {
  time: [0, 1, 2, 3, 4],
  open: [10, 11, 12, 13, 14],
  high: [12, 15, 13, 14, 16],
  low: [9, 10, 8, 12, 13],
  close: [11, 12, 13, 14, 15],
};

describe('thinCandles', () => {
  it('keeps the bars when they fit', () => {
    expect(thinCandles(bars, 5)).toEqual({ candles: bars, barsPerCandle: 1 });
  });

  it('merges consecutive bars: first open, max high, min low, last close, first time; the last group may be short', () => {
    expect(thinCandles(bars, 2)).toEqual({
      barsPerCandle: 3,
      candles: { time: [0, 3], open: [10, 13], high: [15, 16], low: [8, 12], close: [13, 15] },
    });
  });

  it('refuses a cap that is not a whole number >= 1', () => {
    expect(() => thinCandles(bars, 0)).toThrow(/maxCandles/);
  });
});
