/**
 * Performance of a series of per-period simple returns. Conventions follow the quantstats /
 * PerformanceAnalytics reference values (shared/data README section 5): rf = 0, sample std
 * (n - 1) for Sharpe and volatility, Sortino's downside over all n periods, drawdown on
 * compounded wealth with the starting capital as a peak. Undefined results are NaN.
 */
import { pow } from '../math';

type Series = Float32Array | Float64Array | readonly number[];

function mean(returns: Series): number {
  let sum = 0;
  for (let i = 0; i < returns.length; i++) sum += returns[i]!;
  return returns.length === 0 ? NaN : sum / returns.length;
}

function sampleStd(returns: Series): number {
  const n = returns.length;
  if (n < 2) return NaN;
  const m = mean(returns);
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (returns[i]! - m) ** 2;
  return Math.sqrt(squares / (n - 1));
}

function checkPeriods(name: string, periodsPerYear: number): void {
  if (!(periodsPerYear > 0) || !Number.isFinite(periodsPerYear)) {
    throw new Error(`${name}: periodsPerYear must be a positive number (365 daily crypto, 252 stocks, 12 monthly), got ${periodsPerYear}`);
  }
}

/** mean / sample std * sqrt(periodsPerYear); NaN when the std is 0 or n < 2. */
export function sharpe(returns: Series, periodsPerYear = 365): number {
  checkPeriods('sharpe', periodsPerYear);
  const std = sampleStd(returns);
  return std === 0 ? NaN : (mean(returns) / std) * Math.sqrt(periodsPerYear);
}

/** mean / sqrt(sum(min(r, 0)^2) / n) * sqrt(periodsPerYear), n = all periods; NaN without losses. */
export function sortino(returns: Series, periodsPerYear = 365): number {
  checkPeriods('sortino', periodsPerYear);
  const n = returns.length;
  let downside = 0;
  for (let i = 0; i < n; i++) {
    const r = returns[i]!;
    if (r < 0) downside += r * r;
  }
  const deviation = Math.sqrt(downside / n);
  return n === 0 || deviation === 0 ? NaN : (mean(returns) / deviation) * Math.sqrt(periodsPerYear);
}

/** Worst fall of compounded wealth from a running peak, as a fraction <= 0; the start (1) is a peak. */
export function maxDrawdown(returns: Series): number {
  let wealth = 1;
  let peak = 1;
  let worst = 0;
  for (let i = 0; i < returns.length; i++) {
    wealth *= 1 + returns[i]!;
    if (wealth > peak) peak = wealth;
    const drawdown = wealth / peak - 1;
    if (drawdown < worst || Number.isNaN(drawdown)) worst = drawdown;
  }
  return worst;
}

/** prod(1 + r) - 1. */
export function totalReturn(returns: Series): number {
  let wealth = 1;
  for (let i = 0; i < returns.length; i++) wealth *= 1 + returns[i]!;
  return wealth - 1;
}

/** (1 + totalReturn)^(1 / years) - 1, with the calendar span in years given by the caller. */
export function cagr(returns: Series, years: number): number {
  if (!(years > 0) || !Number.isFinite(years)) throw new Error(`cagr: years must be a positive number, got ${years}`);
  return pow(1 + totalReturn(returns), 1 / years) - 1;
}

/** Sample std * sqrt(periodsPerYear). */
export function annualVolatility(returns: Series, periodsPerYear = 365): number {
  checkPeriods('annualVolatility', periodsPerYear);
  return sampleStd(returns) * Math.sqrt(periodsPerYear);
}
