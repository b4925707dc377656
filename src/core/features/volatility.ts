import { feature, type FeatureDefinition } from './definition';
import { realizedVolFeature, volatilityFeature } from '../../spec/features/oscillators';
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
  feature(volatilityFeature, (input, p) => volatility(input('close'), p('period'))),
  feature(realizedVolFeature, (input, p) => realizedVol(input('close'), p('period'), p('annualize') === 1 ? p('periodsPerYear') : undefined)),
];
