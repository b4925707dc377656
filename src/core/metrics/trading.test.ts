import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { annualVolatility, cagr, maxDrawdown, sharpe, sortino, totalReturn } from './trading';

describe('trading metrics, hand-derived on returns 0.1, -0.2, 0.05 (monthly, 12 per year)', () => {
  const r = Float64Array.from([0.1, -0.2, 0.05]);
  // mean = -0.05 / 3 = -1/60
  // deviations 7/60, -11/60, 4/60 -> squares (49 + 121 + 16) / 3600 = 186/3600; sample var = 186/7200 = 31/1200

  it('sharpe = mean / std * sqrt(12) = (-1/60) * sqrt(12 * 1200 / 31) = -2 / sqrt(31)', () => {
    expect(sharpe(r, 12)).toBeCloseTo(-2 / Math.sqrt(31), 14);
  });
  it('sortino: downside sqrt(0.04 / 3) = 0.2/sqrt(3); (-1/60) / (0.2/sqrt(3)) * 2 sqrt(3) = -0.5', () => {
    expect(sortino(r, 12)).toBeCloseTo(-0.5, 14);
  });
  it('max drawdown: wealth 1.1, 0.88, 0.924; peak 1.1 -> 0.88/1.1 - 1 = -0.2', () => {
    expect(maxDrawdown(r)).toBeCloseTo(-0.2, 15);
  });
  it('total return 0.924 - 1 = -0.076; CAGR over 3 months = 0.924^4 - 1', () => {
    expect(totalReturn(r)).toBeCloseTo(-0.076, 15);
    expect(cagr(r, 3 / 12)).toBeCloseTo(0.924 ** 4 - 1, 14);
  });
  it('annual volatility = sqrt(31/1200) * sqrt(12) = sqrt(0.31)', () => {
    expect(annualVolatility(r, 12)).toBeCloseTo(Math.sqrt(0.31), 14);
  });
  it('edge cases: the start counts as a peak, flat returns have no Sharpe, bad args are named', () => {
    // wealth 0.9, 0.99: peak stays 1 -> worst 0.9 - 1 = -0.1
    expect(maxDrawdown([-0.1, 0.1])).toBeCloseTo(-0.1, 15);
    expect(maxDrawdown([0.1, 0.2])).toBe(0);
    expect(sharpe([0.01, 0.01, 0.01])).toBeNaN();
    expect(sortino([0.01, 0.02])).toBeNaN();
    expect(() => cagr(r, 0)).toThrow('cagr: years must be a positive number, got 0');
    expect(() => sharpe(r, 0)).toThrow('sharpe: periodsPerYear must be a positive number');
  });
});

// quantstats / PerformanceAnalytics reference values (shared/data README section 5), when present.
const FILE = path.resolve(__dirname, '../../../../shared/data/oracles/returns_metrics/quantstats_reference_values_bacon.json');
const haveFile = fs.existsSync(FILE);

interface Reference {
  fixtures: Record<string, { periods: number; returns: number[] }>;
  metrics: Record<string, { definition: string; values: Record<string, number> }>;
}

describe('quantstats reference values', () => {
  const ref: Reference | null = haveFile ? (JSON.parse(fs.readFileSync(FILE, 'utf8')) as Reference) : null;
  const expectRelative = (actual: number, expected: number): void => {
    expect(Math.abs(actual - expected) / Math.abs(expected), `got ${actual}, expected ${expected}`).toBeLessThanOrEqual(1e-9);
  };

  for (const fixture of ['bacon_monthly', 'tiny_sample_n7']) {
    it.skipIf(!haveFile)(`${fixture}: sharpe, sortino, max drawdown, volatility, CAGR`, () => {
      const { periods, returns } = ref!.fixtures[fixture]!;
      const expected = (metric: string): number => ref!.metrics[metric]!.values[fixture]!;
      expectRelative(sharpe(returns, periods), expected('sharpe_annual'));
      expectRelative(sortino(returns, periods), expected('sortino_annual'));
      expectRelative(maxDrawdown(returns), expected('max_drawdown'));
      expectRelative(annualVolatility(returns, periods), expected('volatility_annual'));
      // The file defines CAGR as prod(1 + r)^(periods / n) - 1, i.e. years = n / periods.
      expect(ref!.metrics.return_annual!.definition).toBe('prod(1+r)^(periods/n) - 1 (CAGR)');
      expectRelative(cagr(returns, returns.length / periods), expected('return_annual'));
    });
  }
});
