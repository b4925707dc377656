import { feature, type FeatureDefinition } from './definition';
import { wmaFeature } from '../../spec/features/prices';
import { checkPeriod } from './period';

/**
 * Linearly weighted moving average: weights 1..period, the newest value weighted most,
 * divided by period * (period + 1) / 2. Defined from index period-1; a window holding NaN is NaN.
 */
export function wma(values: Float64Array, period: number): Float64Array {
  checkPeriod('wma', period);
  const divisor = (period * (period + 1)) / 2;
  const out = new Float64Array(values.length).fill(NaN);
  for (let t = period - 1; t < values.length; t++) {
    let sum = 0;
    for (let w = 1; w <= period; w++) sum += w * values[t - period + w]!;
    out[t] = sum / divisor;
  }
  return out;
}

export const WMA_FEATURES: readonly FeatureDefinition[] = [
  feature(wmaFeature, (input, p) => wma(input('close'), p('period'))),
];
