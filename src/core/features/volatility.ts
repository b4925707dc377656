import { feature, intParam, periodParam, type FeatureDefinition } from './definition';
import { checkPeriod } from './period';
import { logReturns } from './returns';
import { rollingStd } from './rolling';

/** Volatility of close-to-close log returns; both are first defined at index `period` (r[0] is NaN). */

/** Sample standard deviation (n - 1) of the last `period` log returns, per bar (not annualized). */
export function volatility(close: Float64Array, period: number): Float64Array {
  return rollingStd(logReturns(close), period, 'sample');
}

/**
 * sqrt(sum of the last `period` squared log returns): not demeaned, as realized volatility is.
 * With `periodsPerYear` it is scaled by sqrt(periodsPerYear / period) to an annual figure.
 */
export function realizedVol(close: Float64Array, period: number, periodsPerYear?: number): Float64Array {
  checkPeriod('realizedVol', period);
  if (periodsPerYear !== undefined && !(periodsPerYear > 0)) {
    throw new Error(`realizedVol: periodsPerYear must be > 0, got ${periodsPerYear}`);
  }
  const r = logReturns(close);
  const scale = periodsPerYear === undefined ? 1 : Math.sqrt(periodsPerYear / period);
  const out = new Float64Array(close.length).fill(NaN);
  for (let t = period; t < close.length; t++) {
    let squares = 0;
    for (let i = t - period + 1; i <= t; i++) squares += r[i]! * r[i]!;
    out[t] = Math.sqrt(squares) * scale;
  }
  return out;
}

export const VOLATILITY_FEATURES: readonly FeatureDefinition[] = [
  feature({
    name: 'volatility',
    label: 'Rolling volatility',
    description: 'Sample standard deviation of the last `period` log returns (per bar).',
    inputs: ['close'],
    params: [periodParam(20, 2)],
    calc: (input, p) => volatility(input('close'), p('period')),
  }),
  feature({
    name: 'realizedVol',
    label: 'Realized volatility',
    description:
      'sqrt(sum of the last `period` squared log returns); with annualize = 1, times sqrt(periodsPerYear / period) (365 for daily crypto bars).',
    inputs: ['close'],
    params: [periodParam(20), intParam('annualize', 0, 0, 1), intParam('periodsPerYear', 365, 1, 1_000_000)],
    calc: (input, p) => realizedVol(input('close'), p('period'), p('annualize') === 1 ? p('periodsPerYear') : undefined),
  }),
];
