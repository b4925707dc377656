import { feature, type FeatureDefinition } from './definition';
import { emaFeature } from '../../spec/features/prices';
import { checkPeriod } from './period';

/**
 * Exponential moving average, alpha = 2 / (period + 1), seeded with the SMA of the first
 * `period` values (Stock.Indicators convention), so it is first defined at index period-1.
 * A NaN input gives NaN and restarts the warm-up: the EMA is seeded again from the next
 * `period` consecutive values (leading NaNs, as in a returns column, are simply skipped).
 */
export function ema(values: Float64Array, period: number): Float64Array {
  checkPeriod('ema', period);
  const alpha = 2 / (period + 1);
  const out = new Float64Array(values.length).fill(NaN);
  let run = 0;
  let seedSum = 0;
  let prev = NaN;
  for (let t = 0; t < values.length; t++) {
    const v = values[t]!;
    if (Number.isNaN(v)) {
      run = 0;
      seedSum = 0;
      continue;
    }
    run++;
    if (run < period) {
      seedSum += v;
    } else if (run === period) {
      prev = (seedSum + v) / period;
      out[t] = prev;
    } else {
      prev = prev + alpha * (v - prev);
      out[t] = prev;
    }
  }
  return out;
}

export const EMA_FEATURES: readonly FeatureDefinition[] = [
  feature(emaFeature, (input, p) => ema(input('close'), p('period'))),
];
