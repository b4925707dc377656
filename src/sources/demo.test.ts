import { describe, expect, it } from 'vitest';
import { buildCleaningReport } from '../core/cleaning';
import { generateDemoMarket } from './demo';

function autocorrelation(x: number[], lag: number): number {
  const mean = x.reduce((a, b) => a + b, 0) / x.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < x.length; i++) {
    den += (x[i]! - mean) ** 2;
    if (i >= lag) num += (x[i]! - mean) * (x[i - lag]! - mean);
  }
  return num / den;
}

describe('generateDemoMarket', () => {
  const frame = generateDemoMarket({ seed: 7, bars: 2000 });
  const close = Array.from(frame.columns.close!);
  const returns = close.slice(1).map((c, i) => Math.log(c / close[i]!));

  it('is deterministic for a seed and different for another seed', () => {
    const again = generateDemoMarket({ seed: 7, bars: 2000 });
    expect(Array.from(again.columns.close!)).toEqual(close);
    expect(generateDemoMarket({ seed: 8, bars: 2000 }).columns.close![100]).not.toBe(close[100]);
  });

  it('is daily, UTC, labelled synthetic, and clean (no gap, NaN or OHLC inconsistency)', () => {
    expect(frame.meta.synthetic).toBe(true);
    expect(frame.time[0]).toBe(Date.UTC(2019, 0, 1));
    expect(frame.time[1]! - frame.time[0]!).toBe(86_400_000);
    expect(Object.keys(frame.columns)).toEqual(['open', 'high', 'low', 'close', 'volume', 'activeAddresses', 'hashRate']);
    const report = buildCleaningReport({ time: frame.time, columns: frame.columns });
    expect(report.issues).toEqual([]);
  });

  it('has volatility clustering: squared returns are autocorrelated while returns are nearly not', () => {
    const squared = returns.map((r) => r * r);
    expect(autocorrelation(squared, 1)).toBeGreaterThan(0.1);
    expect(Math.abs(autocorrelation(returns, 1))).toBeLessThan(0.1);
  });

  it('switches regimes: rolling 60-day mean return changes sign many times', () => {
    let changes = 0;
    let previous = 0;
    for (let i = 60; i < returns.length; i += 20) {
      const mean = returns.slice(i - 60, i).reduce((a, b) => a + b, 0) / 60;
      if (previous !== 0 && Math.sign(mean) !== Math.sign(previous)) changes++;
      previous = mean;
    }
    expect(changes).toBeGreaterThan(3);
  });

  it('plants a small lead: yesterday\'s active-address growth correlates with today\'s return', () => {
    const addresses = Array.from(frame.columns.activeAddresses!);
    const growth = addresses.slice(1).map((a, i) => Math.log(a / addresses[i]!));
    const x = growth.slice(0, -1);
    const y = returns.slice(1);
    const mx = x.reduce((a, b) => a + b, 0) / x.length;
    const my = y.reduce((a, b) => a + b, 0) / y.length;
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    x.forEach((xi, i) => {
      sxy += (xi - mx) * (y[i]! - my);
      sxx += (xi - mx) ** 2;
      syy += (y[i]! - my) ** 2;
    });
    expect(sxy / Math.sqrt(sxx * syy)).toBeGreaterThan(0.05);
  });

  it('rejects bad options with a precise message', () => {
    expect(() => generateDemoMarket({ seed: 1, bars: 1 })).toThrow(/bars must be an integer >= 2/);
    expect(() => generateDemoMarket({ seed: 1, bars: 10, start: 'yesterday' })).toThrow(/not an ISO date/);
  });
});
