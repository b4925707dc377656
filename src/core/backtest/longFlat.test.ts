import { describe, it, expect } from 'vitest';
import { createRng } from '../rng';
import type { BacktestInput } from './longFlat';
import { backtestNamed } from './runBacktest';

/**
 * The long-flat rule of the general engine without slippage. Period i belongs to decision bar
 * t = first + i; position = 1 when forecast[t] > threshold; the fee is paid on the capital traded at
 * the start of the period: r = (1 - fee * |position change|) * (1 + position * (p[t+2] / p[t+1] - 1)) - 1.
 */
function backtestLongFlat(input: BacktestInput) {
  return backtestNamed('backtestLongFlat', { ...input, rule: 'long-flat', slippageBps: 0 });
}

const DAY = 86_400_000;
const times = (n: number): Float64Array => Float64Array.from({ length: n }, (_, i) => i * DAY);

function expectClose(actual: Float64Array, expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, i) => expect(actual[i], `index ${i}`).toBeCloseTo(e, 13));
}

describe('backtestLongFlat', () => {
  // bar:        0   1   2   3   4   5     6   7   8     9
  const open = [10, 11, 12, 11, 10, 10.5, 11, 12, 12.5, 13];
  const close = open.map((o) => o * 2 + 1);
  const forecast = [NaN, 0.5, 0.2, -0.1, -0.3, 0.4, 0.1, 0, 0.2, 0.3];
  const input: BacktestInput = {
    time: times(10),
    forecast: Float64Array.from(forecast),
    open: Float64Array.from(open),
    close: Float64Array.from(close),
    execution: 'open',
    threshold: 0,
    feeBps: 100, // 1% per unit of position change
  };

  it('hand-computed 10-bar case with fees, executed at the next open', () => {
    // First forecast at bar 1; p[t+2] exists up to t = 7 -> decisions t = 1..7, 7 periods.
    // signals (forecast > 0): t1 1, t2 1, t3 0, t4 0, t5 1, t6 1, t7 0 (0 is not > 0)
    // period t holds from open[t+1] to open[t+2]:
    //   t1: 12 -> 11,   enter: 0.99 * 11/12 - 1 = -0.0925
    //   t2: 11 -> 10,   hold:  10/11 - 1       = -1/11
    //   t3: 10 -> 10.5, exit:  0.99 * 1 - 1    = -0.01
    //   t4: 10.5 -> 11, flat:  0
    //   t5: 11 -> 12,   enter: 0.99 * 12/11 - 1 = 0.08
    //   t6: 12 -> 12.5, hold:  12.5/12 - 1     = 1/24
    //   t7: 12.5 -> 13, exit:  -0.01
    const result = backtestLongFlat(input);
    expect(Array.from(result.time)).toEqual([3, 4, 5, 6, 7, 8, 9].map((b) => b * DAY));
    expect(Array.from(result.position)).toEqual([1, 1, 0, 0, 1, 1, 0]);
    expectClose(result.returns, [-0.0925, -1 / 11, -0.01, 0, 0.08, 1 / 24, -0.01]);
    // equity: 0.9075, *10/11 = 0.825, *0.99 = 0.81675, *1 = 0.81675, *1.08 = 0.88209,
    //         *12.5/12 = 0.91884375, *0.99 = 0.9096553125
    expectClose(result.equity, [0.9075, 0.825, 0.81675, 0.81675, 0.88209, 0.91884375, 0.9096553125]);
    // buy and hold from open[2] = 12, fee once: 0.99*11/12 - 1, then 10/11, 10.5/10, 11/10.5, 12/11, 12.5/12, 13/12.5 (each - 1)
    expectClose(result.buyHoldReturns, [-0.0925, -1 / 11, 0.05, 1 / 21, 1 / 11, 1 / 24, 0.04]);
    // telescoping: final buy-and-hold equity = 0.99 * 13 / 12 = 1.0725
    expect(result.buyHoldEquity[6]).toBeCloseTo(1.0725, 14);
    expect(result.trades).toBe(4);
    expect(result.turnover).toBe(4);
  });

  it('executes at the next close when asked', () => {
    // close = 2*open + 1: t1 holds close[2] = 25 -> close[3] = 23: 0.99 * 23/25 - 1 = -0.0892
    const result = backtestLongFlat({ ...input, execution: 'close' });
    expect(result.returns[0]).toBeCloseTo(-0.0892, 14);
  });

  it('a forecast at bar t never changes periods ending at or before bar t+1', () => {
    const n = 60;
    const rng = createRng(11);
    const openSeries = new Float64Array(n);
    const closeSeries = new Float64Array(n);
    let level = 100;
    for (let i = 0; i < n; i++) {
      openSeries[i] = level;
      level *= 1 + 0.02 * rng.normal();
      closeSeries[i] = level;
    }
    const base = Float64Array.from({ length: n }, (_, i) => (i < 5 ? NaN : rng.normal()));
    for (const execution of ['open', 'close'] as const) {
      const make = (f: Float64Array): BacktestInput => ({
        time: times(n),
        forecast: f,
        open: openSeries,
        close: closeSeries,
        execution,
        threshold: 0,
        feeBps: 10,
      });
      const ref = backtestLongFlat(make(base));
      for (let t = 5; t < n; t++) {
        const perturbed = base.slice();
        perturbed[t] = -perturbed[t]!; // flips the signal
        const out = backtestLongFlat(make(perturbed));
        for (let i = 0; i < ref.returns.length; i++) {
          const endBar = ref.time[i]! / DAY;
          if (endBar <= t + 1) {
            expect(out.returns[i], `${execution}: forecast ${t} changed period ending at bar ${endBar}`).toBe(ref.returns[i]);
            expect(out.equity[i]).toBe(ref.equity[i]);
          }
        }
        // Sanity: the period ending at t+2 (held from t+1) does react when it exists.
        const i = t - 5;
        if (i < ref.returns.length) expect(out.position[i]).not.toBe(ref.position[i]);
      }
    }
  });

  it('returns no periods when no forecast can be executed', () => {
    const forecastLate = Float64Array.from({ length: 10 }, (_, i) => (i >= 8 ? 1 : NaN));
    expect(backtestLongFlat({ ...input, forecast: forecastLate }).returns.length).toBe(0);
  });

  it('names bad inputs', () => {
    const badOpen = Float64Array.from(open);
    badOpen[3] = NaN;
    expect(() => backtestLongFlat({ ...input, open: badOpen })).toThrow('backtestLongFlat: open[3] is NaN; clean or fill prices');
    expect(() => backtestLongFlat({ ...input, close: new Float64Array(3) })).toThrow('close has 3 rows, time has 10');
    expect(() => backtestLongFlat({ ...input, feeBps: -1 })).toThrow('feeBps must be a number >= 0, got -1');
  });
});
