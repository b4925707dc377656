import { feature, type FeatureDefinition } from './definition';
import { growthFeature, lagFeature, ratioFeature } from '../../spec/features/transforms';
import { checkPeriod } from './period';

/** Column transforms for any series (prices, volumes, on-chain counts). */

/** out[t] = x[t - lag]: the value `lag` bars ago; the first `lag` rows are NaN. */
export function lag(values: Float64Array, lagBars: number): Float64Array {
  checkPeriod('lag', lagBars);
  const out = new Float64Array(values.length).fill(NaN);
  for (let t = lagBars; t < values.length; t++) out[t] = values[t - lagBars]!;
  return out;
}

/**
 * Percentage growth over `period` bars: 100 * (x[t] / x[t-period] - 1). NaN where the base is
 * <= 0, since growth from zero is unbounded and from a negative base its sign is meaningless.
 */
export function growth(values: Float64Array, period: number): Float64Array {
  checkPeriod('growth', period);
  const out = new Float64Array(values.length).fill(NaN);
  for (let t = period; t < values.length; t++) {
    const base = values[t - period]!;
    if (base > 0) out[t] = 100 * (values[t]! / base - 1);
  }
  return out;
}

/** numerator / denominator row by row (NVT-style: market cap / transfer volume); NaN where the denominator is <= 0. */
export function ratio(numerator: Float64Array, denominator: Float64Array): Float64Array {
  if (numerator.length !== denominator.length) {
    throw new Error(`ratio: numerator has ${numerator.length} rows but denominator has ${denominator.length}`);
  }
  const out = new Float64Array(numerator.length).fill(NaN);
  for (let t = 0; t < numerator.length; t++) {
    const d = denominator[t]!;
    if (d > 0) out[t] = numerator[t]! / d;
  }
  return out;
}

export const TRANSFORM_FEATURES: readonly FeatureDefinition[] = [
  feature(lagFeature, (input, p) => lag(input('value'), p('lag'))),
  feature(growthFeature, (input, p) => growth(input('value'), p('period'))),
  feature(ratioFeature, (input) => ratio(input('numerator'), input('denominator'))),
];
