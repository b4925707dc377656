import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { excessKurtosis, skewness } from './moments';
import { deflatedSharpe, expectedMaxSharpe, probabilisticSharpe } from './sharpeInference';
import { gaussianCvar, gaussianVar, historicalCvar, historicalVar, omega, quantstatsCvar } from './tailRisk';
import { calmar, tearsheet } from './tearsheet';
import { annualVolatility, cagr, maxDrawdown, sharpe, sortino } from './trading';

const DAY = 86_400_000;
const rel = (actual: number, expected: number): number =>
  expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);

describe('tearsheet, hand-derived on 6 daily returns', () => {
  const returns = [0.1, -0.05, 0.02, -0.1, 0.2, 0.0];
  const times = Float64Array.from({ length: 6 }, (_, i) => (i + 1) * DAY);
  const sheet = tearsheet({ returns, times, startTime: 0, periodsPerYear: 365, years: 6 / 365, positions: [1, 1, 0, -1, 1, 0], trials: { count: 10, sharpeVariance: 0.01 } });

  it('win/loss statistics and exposure', () => {
    // wins 0.1, 0.02, 0.2 (sum 0.32); losses -0.05, -0.1 (sum 0.15); the 0 is neither
    expect(sheet.hitRate).toBe(3 / 5);
    expect(sheet.profitFactor).toBeCloseTo(0.32 / 0.15, 14);
    expect(sheet.omega).toBeCloseTo(0.32 / 0.15, 14); // Omega(0), simple, is the same ratio
    // mean win 0.32/3, mean loss 0.15/2 -> 64/45
    expect(sheet.payoffRatio).toBeCloseTo(64 / 45, 14);
    // positions 1 1 0 -1 1 0: held 4 of 6; changes from flat: 0->1, 1->0, 0->-1, -1->1, 1->0 = 5
    expect(sheet.exposure).toBe(4 / 6);
    expect(sheet.trades).toBe(5);
  });

  it('tail risk: historical type-7 quantile and Gaussian VaR/ES', () => {
    // sorted -0.1, -0.05, 0, 0.02, 0.1, 0.2; h = 5 * 0.05 = 0.25 -> -0.1 + 0.25 * 0.05 = -0.0875
    expect(sheet.var95).toBeCloseTo(-0.0875, 15);
    expect(sheet.cvar95).toBeCloseTo(-0.1, 15); // only -0.1 is at or below -0.0875
    // numpy/scipy: mean + ppf(0.05) std(ddof=1); mean - std phi(z) / 0.05
    expect(rel(sheet.gaussianVar95, -0.14895004563493996)).toBeLessThan(1e-13);
    expect(rel(sheet.gaussianCvar95, -0.1939871761419079)).toBeLessThan(1e-13);
    // quantstats cvar: mean of returns below -0.14895: none -> the VaR itself
    expect(quantstatsCvar(returns)).toBe(gaussianVar(returns));
    expect(quantstatsCvar([...returns, -0.3])).toBe(-0.3);
  });

  it('moments, PSR and DSR (scipy skew/kurtosis with bias=False; norm.cdf)', () => {
    expect(rel(sheet.skewness, 0.673161720390808)).toBeLessThan(1e-12);
    expect(rel(sheet.excessKurtosis, -0.0026553645568534456)).toBeLessThan(1e-9);
    // SR = 0.2628796 per period; PSR = Phi(SR sqrt(5) / sqrt(1 - skew SR + (kurt - 1)/4 SR^2))
    expect(rel(sheet.probabilisticSharpe, 0.7372092024721519)).toBeLessThan(1e-12);
    // SR0 = 0.1 ((1 - gamma) ppf(0.9) + gamma ppf(1 - 1/(10 e))) = 0.157459830134575
    expect(rel(expectedMaxSharpe(10, 0.01), 0.157459830134575)).toBeLessThan(1e-13);
    expect(rel(sheet.deflatedSharpe, 0.6004658331637387)).toBeLessThan(1e-12);
    expect(expectedMaxSharpe(1, 0.01)).toBe(0);
    expect(deflatedSharpe(returns, 1, 0.01)).toBe(probabilisticSharpe(returns));
    expect(() => expectedMaxSharpe(0, 1)).toThrow('expectedMaxSharpe: trials must be an integer >= 1, got 0');
  });

  it('drawdown: the episode from the day-1 peak, recovered on day 5', () => {
    // wealth 1.1, 1.045, 1.0659, 0.95931, 1.151172, 1.151172: peak 1.1 (day 1) -> trough 0.95931 (day 4)
    // 1.151172 > 1.1 recovers at day 5
    expect(sheet.maxDrawdown).toBeCloseTo(0.95931 / 1.1 - 1, 14);
    expect(sheet.maxDrawdownEpisode).toMatchObject({ peakTime: DAY, troughTime: 4 * DAY, recoveryTime: 5 * DAY, periods: 4, days: 4 });
    expect(sheet.calmar).toBeCloseTo(sheet.cagr / Math.abs(sheet.maxDrawdown), 14);
  });

  it('names bad input', () => {
    expect(() => tearsheet({ returns: [0.1, NaN], times: new Float64Array(2), startTime: 0, periodsPerYear: 365, years: 1 })).toThrow('tearsheet: returns[1] is NaN');
    expect(() => tearsheet({ returns: [0.1], times: new Float64Array(1), startTime: 0, periodsPerYear: 365, years: 1, positions: [] })).toThrow('positions has 0 values, returns has 1');
    expect(calmar([0.1, 0.2], 1)).toBeNaN();
    expect(omega([0, 0])).toBeNaN();
    expect(historicalVar([])).toBeNaN();
    expect(() => historicalCvar([1], 95)).toThrow('historicalCvar: confidence must be in (0, 1) (0.95 for 95 %), got 95');
  });
});

// quantstats / PerformanceAnalytics reference values (shared/data README section 5), when present.
const FILE = path.resolve(__dirname, '../../../../shared/data/oracles/returns_metrics/quantstats_reference_values_bacon.json');
const haveFile = fs.existsSync(FILE);

interface Reference {
  fixtures: Record<string, { periods: number; returns: number[] }>;
  metrics: Record<string, { definition: string; values: Record<string, number> }>;
}

describe('tearsheet against the quantstats reference values', () => {
  const ref: Reference | null = haveFile ? (JSON.parse(fs.readFileSync(FILE, 'utf8')) as Reference) : null;
  for (const fixture of ['bacon_monthly', 'tiny_sample_n7']) {
    it.skipIf(!haveFile)(`${fixture}: all 11 metrics to 1e-9 relative`, () => {
      const { periods, returns } = ref!.fixtures[fixture]!;
      // CAGR is prod(1 + r)^(periods / n) - 1 in the file: years = n / periods.
      const years = returns.length / periods;
      const times = Float64Array.from(returns, (_, i) => (i + 1) * DAY);
      const sheet = tearsheet({ returns, times, startTime: 0, periodsPerYear: periods, years });
      const ours: Record<string, number> = {
        volatility_annual: sheet.annualVolatility,
        return_annual: sheet.cagr,
        sharpe_annual: sheet.sharpe,
        sortino_annual: sheet.sortino,
        max_drawdown: sheet.maxDrawdown,
        calmar: sheet.calmar,
        var_95: sheet.gaussianVar95,
        es_95: sheet.gaussianCvar95,
        omega_0: sheet.omega,
        skewness: sheet.skewness,
        kurtosis: sheet.excessKurtosis,
      };
      expect(Object.keys(ours).sort()).toEqual(Object.keys(ref!.metrics).sort());
      for (const [metric, value] of Object.entries(ours)) {
        const expected = ref!.metrics[metric]!.values[fixture]!;
        // Omega is exactly 0 for the all-negative fixture: compare absolutely there.
        expect(rel(value, expected), `${metric}: got ${value}, expected ${expected}`).toBeLessThanOrEqual(expected === 0 ? 1e-12 : 1e-9);
      }
      // The standalone functions agree with the tearsheet.
      expect(sheet.sharpe).toBe(sharpe(returns, periods));
      expect(sheet.sortino).toBe(sortino(returns, periods));
      expect(sheet.maxDrawdown).toBe(maxDrawdown(returns));
      expect(sheet.annualVolatility).toBe(annualVolatility(returns, periods));
      expect(sheet.cagr).toBe(cagr(returns, years));
      expect(sheet.gaussianVar95).toBe(gaussianVar(returns));
      expect(sheet.gaussianCvar95).toBe(gaussianCvar(returns));
      expect(sheet.omega).toBe(omega(returns));
      expect(sheet.skewness).toBe(skewness(returns));
      expect(sheet.excessKurtosis).toBe(excessKurtosis(returns));
    });
  }
});
