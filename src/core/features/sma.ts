import { feature, type FeatureDefinition } from './definition';
import { smaFeature } from '../../spec/features/prices';
import { checkPeriod } from './period';

/**
 * Simple moving average of the last `period` values, defined from index period-1.
 * A window holding a NaN gives NaN. Each window is summed afresh (O(n * period)) rather than
 * with a running sum, so values match a reference exactly instead of drifting.
 */
export function sma(values: Float64Array, period: number): Float64Array {
  checkPeriod('sma', period);
  const out = new Float64Array(values.length).fill(NaN);
  for (let t = period - 1; t < values.length; t++) {
    let sum = 0;
    for (let i = t - period + 1; i <= t; i++) sum += values[i]!;
    out[t] = sum / period;
  }
  return out;
}

export const SMA_FEATURES: readonly FeatureDefinition[] = [
  feature(smaFeature, (input, p) => sma(input('close'), p('period'))),
];
