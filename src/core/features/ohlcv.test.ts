import { describe, it } from 'vitest';
import { expectSeries, f64 } from './expectSeries.testkit';
import { adx } from './adx';
import { atr, trueRange } from './atr';
import { stochastic } from './stochastic';
import { mfi, obv, vwap } from './volume';

// Five bars used by every hand-derived case below.
const high = f64([10, 11, 10.5, 12, 11.5]);
const low = f64([8, 9, 8.5, 9.5, 10]);
const close = f64([9, 10.5, 9, 11.5, 10.5]);
const volume = f64([100, 200, 150, 300, 50]);

describe('true range and ATR', () => {
  it('hand-derived', () => {
    // 1: max(11-9, |11-9|, |9-9|) = 2;  2: max(2, |10.5-10.5|, |8.5-10.5|) = 2
    // 3: max(2.5, |12-9|, |9.5-9|) = 3;  4: max(1.5, |11.5-11.5|, |10-11.5|) = 1.5
    expectSeries(trueRange(high, low, close), [NaN, 2, 2, 3, 1.5]);
    // atr(2): idx 2 = (2+2)/2 = 2; idx 3 = (2*1 + 3)/2 = 2.5; idx 4 = (2.5*1 + 1.5)/2 = 2
    expectSeries(atr(high, low, close, 2), [NaN, NaN, 2, 2.5, 2]);
  });
  it('skips a missing bar and measures the next one against the last complete close', () => {
    // bar 2 missing: bar 3 TR = max(2.5, |12-10.5|, |9.5-10.5|) = 2.5
    const gappy = f64([9, 10.5, NaN, 11.5, 10.5]);
    expectSeries(trueRange(high, low, gappy), [NaN, 2, NaN, 2.5, 1.5]);
    // atr(2): TRs 2, 2.5 -> (2+2.5)/2 = 2.25 at idx 3; idx 4: (2.25 + 1.5)/2 = 1.875
    expectSeries(atr(high, low, gappy, 2), [NaN, NaN, NaN, 2.25, 1.875]);
  });
});

describe('adx', () => {
  it('hand-derived period 2', () => {
    // DM: bar 1 up 11-10 = 1, down 8-9 = -1 -> +1 / 0;  bar 2 up -0.5, down 0.5 -> 0 / 0.5
    //     bar 3 up 1.5, down -1 -> 1.5 / 0;             bar 4 up -0.5, down -0.5 (tie) -> 0 / 0
    // idx 2: sums TR 4, +DM 1, -DM 0.5 -> +DI 25, -DI 12.5, DX 100*12.5/37.5 = 100/3
    // idx 3: TR 4 - 4/2 + 3 = 5, +DM 1 - 0.5 + 1.5 = 2, -DM 0.5 - 0.25 = 0.25 -> +DI 40, -DI 5, DX 100*35/45 = 700/9
    //        ADX = mean of the first two DX = (100/3 + 700/9)/2 = 500/9
    // idx 4: TR 5 - 2.5 + 1.5 = 4, +DM 2 - 1 = 1, -DM 0.25 - 0.125 = 0.125 -> +DI 25, -DI 3.125,
    //        DX 100*21.875/28.125 = 700/9, ADX = (500/9 * 1 + 700/9)/2 = 200/3
    const r = adx(high, low, close, 2);
    expectSeries(r.plusDi, [NaN, NaN, 25, 40, 25]);
    expectSeries(r.minusDi, [NaN, NaN, 12.5, 5, 3.125]);
    expectSeries(r.adx, [NaN, NaN, NaN, 500 / 9, 200 / 3]);
  });
  it('a range-free stretch has no directional movement', () => {
    const flat = f64([5, 5, 5, 5]);
    const r = adx(flat, flat, flat, 2);
    expectSeries(r.plusDi, [NaN, NaN, 0, 0]);
    expectSeries(r.adx, [NaN, NaN, NaN, 0]);
  });
});

describe('stochastic', () => {
  it('hand-derived period 3, signal 2, smooth 2', () => {
    // raw %K: idx 2 window 0..2 HH 11, LL 8: 100*(9-8)/3 = 100/3
    //         idx 3 window 1..3 HH 12, LL 8.5: 100*(11.5-8.5)/3.5 = 600/7
    //         idx 4 window 2..4 HH 12, LL 8.5: 100*(10.5-8.5)/3.5 = 400/7
    // %K = SMA2: idx 3 (100/3 + 600/7)/2 = 1250/21; idx 4 (600/7 + 400/7)/2 = 500/7
    // %D = SMA2 of %K: idx 4 (1250/21 + 1500/21)/2 = 1375/21
    const r = stochastic(high, low, close, 3, 2, 2);
    expectSeries(r.k, [NaN, NaN, NaN, 1250 / 21, 500 / 7]);
    expectSeries(r.d, [NaN, NaN, NaN, NaN, 1375 / 21]);
  });
  it('a flat window gives 0 (the reference convention)', () => {
    const flat = f64([5, 5, 5]);
    expectSeries(stochastic(flat, flat, flat, 2, 1, 1).k, [NaN, 0, 0]);
  });
});

describe('volume indicators', () => {
  // typical prices: (10+8+9)/3 = 9, 30.5/3, 28/3, (12+9.5+11.5)/3 = 11, 32/3
  it('obv: hand-derived', () => {
    // 0; up +200 = 200; down -150 = 50; up +300 = 350; down -50 = 300
    expectSeries(obv(close, volume), [0, 200, 50, 350, 300]);
    // a missing close is skipped: bar 3 compares with bar 1 (11.5 > 10.5) -> 200 + 300
    expectSeries(obv(f64([9, 10.5, NaN, 11.5, 10.5]), volume), [0, 200, NaN, 500, 450]);
  });
  it('vwap anchored at the first bar: hand-derived', () => {
    // idx 0: 9; idx 1: (9*100 + 30.5/3*200)/300 = 8800/900 = 88/9
    // idx 2: (8800/3 + 28/3*150)/450 = 13000/1350 = 260/27
    const v = vwap(high, low, close, volume);
    expectSeries(v.subarray(0, 3), [9, 88 / 9, 260 / 27]);
  });
  it('mfi period 2: hand-derived', () => {
    // flows: bar 1 up 200*30.5/3 = 6100/3; bar 2 down 150*28/3 = 1400; bar 3 up 300*11 = 3300;
    //        bar 4 down 50*32/3 = 1600/3.   MFI = 100 * pos / (pos + neg)
    // idx 2: 100 * (6100/3) / (6100/3 + 1400) = 6100/103
    // idx 3: 100 * 3300 / (3300 + 1400) = 3300/47
    // idx 4: 100 * 3300 / (3300 + 1600/3) = 1980/23
    expectSeries(mfi(high, low, close, volume, 2), [NaN, NaN, 6100 / 103, 3300 / 47, 1980 / 23]);
  });
  it('mfi is 100 without negative flow', () => {
    const up = f64([1, 2, 3]);
    expectSeries(mfi(up, up, up, f64([1, 1, 1]), 2), [NaN, NaN, 100]);
  });
});
