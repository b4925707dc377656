import { describe, it, expect } from 'vitest';
import { expectSeries, f64 } from './expectSeries.testkit';
import { bollinger } from './bollinger';
import { ema } from './ema';
import { macd } from './macd';
import { logReturns, simpleReturns } from './returns';
import { rsiWilder } from './rsi';
import { sma } from './sma';
import { wma } from './wma';

describe('returns', () => {
  it('log and simple returns of 100, 110, 99', () => {
    const close = f64([100, 110, 99]);
    // ln(110/100) = ln 1.1; ln(99/110) = ln 0.9.
    expectSeries(logReturns(close), [NaN, Math.log(1.1), Math.log(0.9)]);
    // 110/100 - 1 = 0.1; 99/110 - 1 = -0.1.
    expectSeries(simpleReturns(close), [NaN, 0.1, -0.1]);
    expect(logReturns(new Float64Array(0)).length).toBe(0);
  });
});

describe('sma', () => {
  it('hand-derived period 3', () => {
    // c = 1 2 3 4 5 4 6: (1+2+3)/3 = 2, (2+3+4)/3 = 3, (3+4+5)/3 = 4, (4+5+4)/3 = 13/3, (5+4+6)/3 = 5.
    expectSeries(sma(f64([1, 2, 3, 4, 5, 4, 6]), 3), [NaN, NaN, 2, 3, 4, 13 / 3, 5]);
  });
  it('a window holding NaN is NaN', () => {
    // windows of 2: [1,NaN] [NaN,3] -> NaN; [3,5] -> 4.
    expectSeries(sma(f64([1, NaN, 3, 5]), 2), [NaN, NaN, NaN, 4]);
  });
  it('names the bad period', () => {
    expect(() => sma(f64([1]), 0)).toThrow('sma: period must be an integer >= 1, got 0');
    expect(() => sma(f64([1]), 2.5)).toThrow('got 2.5');
  });
});

describe('ema', () => {
  it('hand-derived period 3 (alpha = 2/4 = 0.5), seeded with the SMA', () => {
    // seed at index 2: (1+2+3)/3 = 2
    // 3: 2 + 0.5*(4-2) = 3;  4: 3 + 0.5*(5-3) = 4;  5: 4 + 0.5*(4-4) = 4;  6: 4 + 0.5*(6-4) = 5
    expectSeries(ema(f64([1, 2, 3, 4, 5, 4, 6]), 3), [NaN, NaN, 2, 3, 4, 4, 5]);
  });
  it('skips leading NaNs and restarts after a NaN (alpha = 2/3 for period 2)', () => {
    // [NaN, 1, 2, 3, NaN, 4, 6, 8]
    // seed at 2: (1+2)/2 = 1.5; at 3: 1.5 + 2/3*(3-1.5) = 2.5
    // NaN at 4 restarts: seed at 6: (4+6)/2 = 5; at 7: 5 + 2/3*(8-5) = 7
    expectSeries(ema(f64([NaN, 1, 2, 3, NaN, 4, 6, 8]), 2), [NaN, NaN, 1.5, 2.5, NaN, NaN, 5, 7]);
  });
  it('period 1 is the input itself', () => {
    expectSeries(ema(f64([3, 1, 4]), 1), [3, 1, 4]);
  });
});

describe('rsiWilder', () => {
  it('hand-derived period 3 with gains and losses', () => {
    // c = 10, 11, 10.5, 11.5, 11, 12 -> changes +1, -0.5, +1, -0.5, +1
    // idx 3: gain (1+0+1)/3 = 2/3, loss (0+0.5+0)/3 = 1/6, RS 4, RSI 100 - 100/5 = 80
    // idx 4: gain (2/3*2 + 0)/3 = 4/9, loss (1/6*2 + 0.5)/3 = 5/18, RS 8/5, RSI 100 - 100/2.6
    // idx 5: gain (4/9*2 + 1)/3 = 17/27, loss (5/18*2 + 0)/3 = 5/27, RS 17/5, RSI 100 - 100/4.4
    expectSeries(rsiWilder(f64([10, 11, 10.5, 11.5, 11, 12]), 3), [NaN, NaN, NaN, 80, 100 - 100 / 2.6, 100 - 100 / 4.4]);
  });
  it('is 100 while the average loss is 0', () => {
    // c = 1 2 3 4 5 4 6 -> changes +1 +1 +1 +1 -1 +2
    // idx 3: gain 1, loss 0 -> 100; idx 4: gain (2+1)/3 = 1, loss 0 -> 100
    // idx 5: gain (2+0)/3 = 2/3, loss (0+1)/3 = 1/3, RS 2 -> 100 - 100/3
    // idx 6: gain (4/3+2)/3 = 10/9, loss (2/3+0)/3 = 2/9, RS 5 -> 100 - 100/6
    expectSeries(rsiWilder(f64([1, 2, 3, 4, 5, 4, 6]), 3), [NaN, NaN, NaN, 100, 100, 100 - 100 / 3, 100 - 100 / 6]);
  });
  it('defaults to period 14 (first defined at index 14)', () => {
    const close = f64(Array.from({ length: 20 }, (_, i) => 100 + (i % 3)));
    const out = rsiWilder(close);
    expect(out[13]).toBeNaN();
    expect(Number.isFinite(out[14]!)).toBe(true);
  });
});

describe('wma', () => {
  it('hand-derived period 3 (weights 1, 2, 3 over 6)', () => {
    // c = 1 2 3 4 5 4 6
    // idx 2: (1*1 + 2*2 + 3*3)/6 = 14/6;  3: (2 + 6 + 12)/6 = 20/6;  4: (3 + 8 + 15)/6 = 26/6
    // idx 5: (4 + 10 + 12)/6 = 26/6;      6: (5 + 8 + 18)/6 = 31/6
    expectSeries(wma(f64([1, 2, 3, 4, 5, 4, 6]), 3), [NaN, NaN, 14 / 6, 20 / 6, 26 / 6, 26 / 6, 31 / 6]);
  });
});

describe('macd', () => {
  it('hand-derived fast 2, slow 3, signal 2', () => {
    // c = 1 2 3 4 5 4 6
    // ema2 (alpha 2/3): seed idx 1 (1+2)/2 = 1.5; 2.5, 3.5, 4.5; idx 5: 4.5 + 2/3*(4-4.5) = 25/6;
    //   idx 6: 25/6 + 2/3*(6 - 25/6) = 97/18
    // ema3 (see ema test): NaN NaN 2 3 4 4 5
    // macd: idx 2..4: 0.5; idx 5: 25/6 - 4 = 1/6; idx 6: 97/18 - 5 = 7/18
    // signal = ema2 of macd: seed idx 3 (0.5+0.5)/2 = 0.5; idx 4: 0.5; idx 5: 0.5 + 2/3*(1/6 - 0.5) = 5/18;
    //   idx 6: 5/18 + 2/3*(7/18 - 5/18) = 19/54
    // histogram: idx 3, 4: 0; idx 5: 1/6 - 5/18 = -1/9; idx 6: 7/18 - 19/54 = 1/27
    const r = macd(f64([1, 2, 3, 4, 5, 4, 6]), 2, 3, 2);
    expectSeries(r.macd, [NaN, NaN, 0.5, 0.5, 0.5, 1 / 6, 7 / 18]);
    expectSeries(r.signal, [NaN, NaN, NaN, 0.5, 0.5, 5 / 18, 19 / 54]);
    expectSeries(r.histogram, [NaN, NaN, NaN, 0, 0, -1 / 9, 1 / 27]);
  });
  it('names a fast period that is not the shorter one', () => {
    expect(() => macd(f64([1]), 26, 12, 9)).toThrow('macd: the fast period must be shorter than the slow one, got fast 26, slow 12');
  });
});

describe('bollinger', () => {
  it('hand-derived period 2, k 2 (population std)', () => {
    // c = 1 3 2 2
    // idx 1: mean 2, std sqrt((1+1)/2) = 1 -> upper 4, lower 0, %B (3-0)/4 = 0.75, width 4/2 = 2
    // idx 2: mean 2.5, std 0.5 -> upper 3.5, lower 1.5, %B (2-1.5)/2 = 0.25, width 2/2.5 = 0.8
    // idx 3: mean 2, std 0 -> bands at 2, %B 0/0 = NaN, width 0
    const r = bollinger(f64([1, 3, 2, 2]), 2, 2);
    expectSeries(r.upper, [NaN, 4, 3.5, 2]);
    expectSeries(r.lower, [NaN, 0, 1.5, 2]);
    expectSeries(r.percentB, [NaN, 0.75, 0.25, NaN]);
    expectSeries(r.width, [NaN, 2, 0.8, 0]);
  });
});
