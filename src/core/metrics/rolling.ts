/** Series for charts: rolling Sharpe, the monthly returns table, the underwater curve. */
import { sampleStd, mean } from './moments';

export { drawdownSeries } from './drawdown';

type Series = Float32Array | Float64Array | readonly number[];

/**
 * Annualized Sharpe of each trailing window of `window` periods ending at i (same convention
 * as `sharpe`: mean / std(n-1) * sqrt(periodsPerYear)); NaN before the first full window and
 * where the window is constant.
 */
export function rollingSharpe(returns: Series, window = 90, periodsPerYear = 365): Float64Array {
  if (!Number.isInteger(window) || window < 2) throw new Error(`rollingSharpe: window must be an integer >= 2, got ${window}`);
  if (!(periodsPerYear > 0) || !Number.isFinite(periodsPerYear)) {
    throw new Error(`rollingSharpe: periodsPerYear must be a positive number, got ${periodsPerYear}`);
  }
  const out = new Float64Array(returns.length).fill(NaN);
  const values = Float64Array.from(returns);
  for (let i = window - 1; i < values.length; i++) {
    // Recomputed per window (O(n * window)): running sums drift on long series.
    const slice = values.subarray(i - window + 1, i + 1);
    const std = sampleStd(slice);
    out[i] = std > 0 ? (mean(slice) / std) * Math.sqrt(periodsPerYear) : NaN;
  }
  return out;
}

export interface MonthlyReturns {
  /** Calendar years covered, ascending (UTC). */
  years: number[];
  /** months[y][m]: compounded return of periods ending in month m (0 = January) of years[y]; NaN = none. */
  months: Float64Array[];
  /** Compounded return of each year's periods. */
  yearTotals: Float64Array;
}

/** Compounds returns by the UTC year and month of each period's end time. */
export function monthlyReturns(returns: Series, times: Float64Array): MonthlyReturns {
  if (times.length !== returns.length) {
    throw new Error(`monthlyReturns: returns has ${returns.length} values, times has ${times.length}: pass one end time per period`);
  }
  if (returns.length === 0) return { years: [], months: [], yearTotals: new Float64Array(0) };
  const firstYear = new Date(times[0]!).getUTCFullYear();
  const lastYear = new Date(times[times.length - 1]!).getUTCFullYear();
  if (!(lastYear >= firstYear)) throw new Error('monthlyReturns: times must be increasing UTC ms timestamps');
  const years = Array.from({ length: lastYear - firstYear + 1 }, (_, i) => firstYear + i);
  const growth = years.map(() => new Float64Array(12).fill(NaN));
  for (let i = 0; i < returns.length; i++) {
    const date = new Date(times[i]!);
    const row = growth[date.getUTCFullYear() - firstYear]!;
    const m = date.getUTCMonth();
    row[m] = (Number.isNaN(row[m]!) ? 1 : row[m]!) * (1 + returns[i]!);
  }
  const yearTotals = new Float64Array(years.length);
  const months = growth.map((row, y) => {
    let year = 1;
    let any = false;
    const out = row.map((g) => {
      if (Number.isNaN(g)) return NaN;
      any = true;
      year *= g;
      return g - 1;
    });
    yearTotals[y] = any ? year - 1 : NaN;
    return out;
  });
  return { years, months, yearTotals };
}
