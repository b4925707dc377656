import { feature, type FeatureDefinition } from './definition';
import { logReturnFeature, logReturnNFeature, simpleReturnFeature } from '../../spec/features/prices';
import { checkPeriod } from './period';
import { log } from '../math';

/** Backward-looking returns. The first rows are NaN (no earlier close); a NaN close makes every return that uses it NaN. */

/** r[t] = ln(c[t] / c[t-1]). */
export function logReturns(close: Float64Array): Float64Array {
  return logReturnsN(close, 1);
}

/** r[t] = ln(c[t] / c[t-horizon]): the return over the `horizon` bars ending at t, never a future one. */
export function logReturnsN(close: Float64Array, horizon: number): Float64Array {
  checkPeriod('logReturnsN', horizon);
  const out = new Float64Array(close.length).fill(NaN);
  for (let t = horizon; t < close.length; t++) out[t] = log(close[t]! / close[t - horizon]!);
  return out;
}

/** r[t] = c[t] / c[t-1] - 1. */
export function simpleReturns(close: Float64Array): Float64Array {
  const out = new Float64Array(close.length).fill(NaN);
  for (let t = 1; t < close.length; t++) out[t] = close[t]! / close[t - 1]! - 1;
  return out;
}

export const RETURN_FEATURES: readonly FeatureDefinition[] = [
  feature(logReturnFeature, (input) => logReturns(input('close'))),
  feature(simpleReturnFeature, (input) => simpleReturns(input('close'))),
  feature(logReturnNFeature, (input, p) => logReturnsN(input('close'), p('horizon'))),
];
