import { describe, it, expect } from 'vitest';
import { expectSeries, f64 } from './expectSeries.testkit';
import { dayOfWeek, hourOfDay } from './calendar';
import { logReturnsN, simpleReturns } from './returns';
import { rollingMean, rollingStd, rollingZScore } from './rolling';
import { growth, lag, ratio } from './transforms';
import { realizedVol, volatility } from './volatility';

describe('returns', () => {
  it('multi-horizon log return looks back only', () => {
    // horizon 2: idx 2 ln(121/100) = ln 1.21; idx 3 ln(99/110) = ln 0.9
    expectSeries(logReturnsN(f64([100, 110, 121, 99]), 2), [NaN, NaN, Math.log(1.21), Math.log(0.9)]);
    expect(() => logReturnsN(f64([1]), 0)).toThrow('logReturnsN: period must be an integer >= 1, got 0');
  });
  it('simple return: 100 -> 110 -> 99 is +10%, -10%', () => {
    expectSeries(simpleReturns(f64([100, 110, 99])), [NaN, 0.1, -0.1]);
  });
});

describe('lag, growth, ratio', () => {
  it('lag 2', () => {
    expectSeries(lag(f64([1, 2, 3, 4]), 2), [NaN, NaN, 1, 2]);
  });
  it('growth in percent, NaN from a base <= 0', () => {
    // 50 -> 75: +50%; 75 -> 0: -100%; 0 -> 10: base 0 -> NaN; 10 -> -5: -150%; -5 -> 5: base < 0 -> NaN
    expectSeries(growth(f64([50, 75, 0, 10, -5, 5]), 1), [NaN, 50, -100, NaN, -150, NaN]);
  });
  it('ratio, NaN where the denominator is <= 0', () => {
    // 10/2 = 5; /0 and /-1 -> NaN; 10/4 = 2.5
    expectSeries(ratio(f64([10, 10, 10, 10]), f64([2, 0, -1, 4])), [5, NaN, NaN, 2.5]);
    expect(() => ratio(f64([1]), f64([1, 2]))).toThrow('ratio: numerator has 1 rows but denominator has 2');
  });
});

describe('rolling statistics', () => {
  const x = f64([2, 4, 6, 8]);
  it('mean, sample and population std, z-score (period 3)', () => {
    // windows [2,4,6] and [4,6,8]: means 4 and 6, squared deviations 4 + 0 + 4 = 8
    expectSeries(rollingMean(x, 3), [NaN, NaN, 4, 6]);
    // sample: sqrt(8/2) = 2; population: sqrt(8/3)
    expectSeries(rollingStd(x, 3), [NaN, NaN, 2, 2]);
    expectSeries(rollingStd(x, 3, 'population'), [NaN, NaN, Math.sqrt(8 / 3), Math.sqrt(8 / 3)]);
    // z: (6-4)/2 = 1, (8-6)/2 = 1
    expectSeries(rollingZScore(x, 3), [NaN, NaN, 1, 1]);
  });
  it('a flat window has no z-score; a window with NaN is NaN', () => {
    expectSeries(rollingZScore(f64([5, 5, 5]), 2), [NaN, NaN, NaN]);
    expectSeries(rollingMean(f64([1, NaN, 3, 5]), 2), [NaN, NaN, NaN, 4]);
  });
  it('a sample std needs two values', () => {
    expect(() => rollingStd(x, 1)).toThrow('rollingStd: a sample standard deviation needs period >= 2, got 1');
  });
});

describe('volatility', () => {
  // closes 100, 110, 99, 108.9 -> log returns ln 1.1, ln 0.9, ln 1.1
  const close = f64([100, 110, 99, 108.9]);
  const a = Math.log(1.1);
  const b = Math.log(0.9);
  it('rolling sample std of log returns (period 2)', () => {
    // two values: mean (a+b)/2, squared deviations 2 * ((a-b)/2)^2, / (2-1) -> std |a-b| / sqrt 2
    expectSeries(volatility(close, 2), [NaN, NaN, Math.abs(a - b) / Math.SQRT2, Math.abs(a - b) / Math.SQRT2]);
  });
  it('realized volatility, raw and annualized', () => {
    const rv = Math.sqrt(a * a + b * b);
    expectSeries(realizedVol(close, 2), [NaN, NaN, rv, rv]);
    // annualized: * sqrt(365 / 2)
    expectSeries(realizedVol(close, 2, 365), [NaN, NaN, rv * Math.sqrt(182.5), rv * Math.sqrt(182.5)]);
  });
});

describe('calendar', () => {
  it('day of week (Monday = 0) and hour in UTC, before 1970 too', () => {
    const time = f64([
      Date.UTC(2024, 0, 1, 0), // Monday 2024-01-01 00:00
      Date.UTC(2024, 0, 7, 23, 30), // Sunday 23:30
      Date.UTC(1969, 11, 31, 13), // Wednesday 13:00, negative ms
      NaN,
    ]);
    expectSeries(dayOfWeek(time), [0, 6, 2, NaN]);
    expectSeries(hourOfDay(time), [0, 23, 13, NaN]);
  });
});
