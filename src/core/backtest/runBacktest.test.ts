import { describe, it, expect } from 'vitest';
import { createRng } from '../rng';
import { runBacktest, type RunBacktestInput } from './runBacktest';

const DAY = 86_400_000;
const times = (n: number): Float64Array => Float64Array.from({ length: n }, (_, i) => i * DAY);

function expectClose(actual: Float64Array, expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, i) => expect(actual[i], `index ${i}`).toBeCloseTo(e, 13));
}

describe('runBacktest, hand-computed 10-bar cases', () => {
  // bar:        0   1   2   3   4   5     6   7   8     9
  const open = [10, 11, 12, 11, 10, 10.5, 11, 12, 12.5, 13];
  const input: RunBacktestInput = {
    time: times(10),
    forecast: Float64Array.from([NaN, 0.5, 0.2, -0.1, -0.3, 0.4, 0.1, 0, 0.2, 0.3]),
    open: Float64Array.from(open),
    close: Float64Array.from(open, (o) => o * 2 + 1),
    rule: 'long-flat',
    threshold: 0,
    execution: 'open',
    feeBps: 60,
    slippageBps: 40, // cost = (60 + 40) / 1e4 = 1 % per unit of |position change|
  };
  // Decisions t = 1..7 (p[t+2] exists up to t = 7); period t holds from open[t+1] to open[t+2]:
  // t1 12 -> 11, t2 11 -> 10, t3 10 -> 10.5, t4 10.5 -> 11, t5 11 -> 12, t6 12 -> 12.5, t7 12.5 -> 13

  it('long-flat: positions 1 1 0 0 1 1 0', () => {
    // t1 enter 0.99 * 11/12 - 1 = -0.0925; t2 10/11 - 1; t3 exit -0.01; t4 0;
    // t5 enter 0.99 * 12/11 - 1 = 0.08; t6 12.5/12 - 1 = 1/24; t7 exit -0.01
    const result = runBacktest(input);
    expect(Array.from(result.time)).toEqual([3, 4, 5, 6, 7, 8, 9].map((b) => b * DAY));
    expect(Array.from(result.position)).toEqual([1, 1, 0, 0, 1, 1, 0]);
    expectClose(result.returns, [-0.0925, -1 / 11, -0.01, 0, 0.08, 1 / 24, -0.01]);
    expectClose(result.costs, [0.01, 0, 0.01, 0, 0.01, 0, 0.01]);
    expect([result.trades, result.turnover]).toEqual([4, 4]);
    // buy and hold pays 1 % once: 0.99 * 13 / 12
    expect(result.buyHoldEquity[6]).toBeCloseTo(1.0725, 14);
  });

  it('long-short: positions 1 1 -1 -1 1 1 0 (0 forecast = flat)', () => {
    // t3 flip 1 -> -1 pays 2 %: 0.98 * (1 - (10.5/10 - 1)) - 1 = 0.98 * 0.95 - 1 = -0.069
    // t4 short 10.5 -> 11: 1 - 1/21 - 1 = -1/21
    // t5 flip -1 -> 1: 0.98 * 12/11 - 1 = 0.76/11; t7 exit 1 -> 0: -0.01
    const result = runBacktest({ ...input, rule: 'long-short' });
    expect(Array.from(result.position)).toEqual([1, 1, -1, -1, 1, 1, 0]);
    expectClose(result.returns, [-0.0925, -1 / 11, -0.069, -1 / 21, 0.76 / 11, 1 / 24, -0.01]);
    // turnover 1 + 0 + 2 + 0 + 2 + 0 + 1 = 6 over 4 changes
    expect([result.trades, result.turnover]).toEqual([4, 6]);
    // equity is the product of 1 + r
    const product = [-0.0925, -1 / 11, -0.069, -1 / 21, 0.76 / 11, 1 / 24, -0.01].reduce((w, r) => w * (1 + r), 1);
    expect(result.equity[6]).toBeCloseTo(product, 14);
  });

  it('threshold 0.15: long above 0.15, short below -0.15, flat between', () => {
    // forecasts t1..t7: 0.5, 0.2, -0.1, -0.3, 0.4, 0.1, 0 -> 1, 1, 0, -1, 1, 0, 0
    // t3 exit -0.01; t4 enter short: 0.99 * (1 - 1/21) - 1 = -1.2/21; t5 flip: 0.98 * 12/11 - 1 = 0.76/11;
    // t6 exit -0.01; t7 flat 0
    const result = runBacktest({ ...input, rule: 'threshold', threshold: 0.15 });
    expect(Array.from(result.position)).toEqual([1, 1, 0, -1, 1, 0, 0]);
    expectClose(result.returns, [-0.0925, -1 / 11, -0.01, -1.2 / 21, 0.76 / 11, -0.01, 0]);
    // turnover 1 + 0 + 1 + 1 + 2 + 1 + 0 = 6 over 5 changes
    expect([result.trades, result.turnover]).toEqual([5, 6]);
  });

  it('close execution and named errors', () => {
    // close = 2 open + 1: t1 holds close[2] = 25 -> close[3] = 23: 0.99 * 23/25 - 1
    expect(runBacktest({ ...input, execution: 'close' }).returns[0]).toBeCloseTo(0.99 * 0.92 - 1, 14);
    expect(() => runBacktest({ ...input, rule: 'threshold', threshold: -1 })).toThrow("runBacktest: the 'threshold' rule needs threshold >= 0");
    expect(() => runBacktest({ ...input, slippageBps: NaN })).toThrow('runBacktest: slippageBps must be a number >= 0, got NaN');
    expect(() => runBacktest({ ...input, rule: 'short' as never })).toThrow("rule must be 'long-flat', 'long-short' or 'threshold', got \"short\"");
    const vt = { annualVol: 0.2, lookback: 1, periodsPerYear: 365, maxLeverage: 2 };
    expect(() => runBacktest({ ...input, volTarget: vt })).toThrow('runBacktest: volTarget.lookback must be an integer >= 2, got 1');
  });
});

function randomMarket(n: number, seed: number): { open: Float64Array; close: Float64Array; forecast: Float64Array } {
  const rng = createRng(seed);
  const open = new Float64Array(n);
  const close = new Float64Array(n);
  let level = 100;
  for (let i = 0; i < n; i++) {
    open[i] = level;
    level *= 1 + 0.02 * rng.normal();
    close[i] = level;
  }
  const forecast = Float64Array.from({ length: n }, (_, i) => (i < 5 ? NaN : rng.normal()));
  return { open, close, forecast };
}

describe('runBacktest has no look-ahead', () => {
  const n = 60;
  const market = randomMarket(n, 11);
  const volTarget = { annualVol: 0.3, lookback: 10, periodsPerYear: 365, maxLeverage: 3 };

  it('a signal at bar t never changes a period ending at or before bar t+1 (every rule, both executions)', () => {
    for (const rule of ['long-flat', 'long-short', 'threshold'] as const) {
      for (const execution of ['open', 'close'] as const) {
        const make = (forecast: Float64Array): RunBacktestInput => ({
          time: times(n), forecast, open: market.open, close: market.close, rule, threshold: 0.1, execution, feeBps: 10, slippageBps: 5, volTarget,
        });
        const ref = runBacktest(make(market.forecast));
        for (let t = 5; t < n; t++) {
          const perturbed = market.forecast.slice();
          perturbed[t] = perturbed[t]! > 0 ? -1 : 1; // a different signal under every rule
          const out = runBacktest(make(perturbed));
          for (let i = 0; i < ref.returns.length; i++) {
            if (ref.time[i]! / DAY <= t + 1) expect(out.returns[i], `${rule}/${execution}: forecast ${t} moved period ${i}`).toBe(ref.returns[i]);
          }
        }
      }
    }
  });

  it('vol targeting reads only returns up to the decision bar', () => {
    const base: RunBacktestInput = {
      time: times(n), forecast: market.forecast, open: market.open, close: market.close, rule: 'long-short', threshold: 0, execution: 'close', feeBps: 0, slippageBps: 0, volTarget,
    };
    const ref = runBacktest(base);
    const rng = createRng(5);
    for (let k = 6; k < n; k++) {
      // Move every price from bar k on: positions decided at bars t < k must not change.
      const close = market.close.map((p, i) => (i >= k ? p * (1 + 0.1 * rng.normal()) : p));
      const out = runBacktest({ ...base, close });
      for (let i = 0; i < ref.position.length; i++) {
        const decisionBar = ref.time[i]! / DAY - 2;
        if (decisionBar < k) expect(out.position[i], `prices from bar ${k} moved the position decided at ${decisionBar}`).toBe(ref.position[i]);
      }
    }
  });

  it('vol targeting: size = annualVol / (std(n-1) of the last lookback returns * sqrt(periods)), capped', () => {
    // closes 100, 110, 99, 108.9: returns 0.1, -0.1, 0.1 known at the close of bar 3 (lookback 3)
    // mean 1/30; deviations 2/30, -4/30, 2/30 -> var (4 + 16 + 4) / 900 / 2 = 24/1800; std = sqrt(24/1800)
    const close = Float64Array.from([100, 110, 99, 108.9, 110, 111]);
    const std = Math.sqrt(24 / 1800);
    const make = (maxLeverage: number): RunBacktestInput => ({
      time: times(6), forecast: Float64Array.from([NaN, NaN, 1, 1, NaN, NaN]), open: close, close, rule: 'long-flat', threshold: 0, execution: 'close', feeBps: 0, slippageBps: 0,
      volTarget: { annualVol: 0.5, lookback: 3, periodsPerYear: 4, maxLeverage },
    });
    const result = runBacktest(make(10));
    // bar 2 has only 2 returns: flat; bar 3: 0.5 / (std * 2)
    expect(result.position[0]).toBe(0);
    expect(result.position[1]).toBeCloseTo(0.5 / (std * 2), 14);
    expect(result.position[1]).toBeGreaterThan(1);
    expect(runBacktest(make(1)).position[1]).toBe(1);
    // the period from close[4] = 110 to close[5] = 111 at that size
    expect(result.returns[1]).toBeCloseTo(result.position[1]! * (111 / 110 - 1), 14);
  });
});
