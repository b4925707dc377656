import { feature, periodParam, type FeatureDefinition } from './definition';
import { rollingMean, rollingStd } from './rolling';

export interface BollingerResult {
  middle: Float64Array;
  upper: Float64Array;
  lower: Float64Array;
  /** (close - lower) / (upper - lower); NaN when the bands touch (flat window). */
  percentB: Float64Array;
  /** (upper - lower) / middle. */
  width: Float64Array;
}

/** Bollinger bands: SMA(period) +- k * standard deviation, population (n) as Bollinger and Stock.Indicators use. */
export function bollinger(close: Float64Array, period = 20, k = 2): BollingerResult {
  const middle = rollingMean(close, period);
  const std = rollingStd(close, period, 'population');
  const n = close.length;
  const upper = new Float64Array(n);
  const lower = new Float64Array(n);
  const percentB = new Float64Array(n);
  const width = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    upper[t] = middle[t]! + k * std[t]!;
    lower[t] = middle[t]! - k * std[t]!;
    const span = upper[t]! - lower[t]!;
    percentB[t] = span === 0 ? NaN : (close[t]! - lower[t]!) / span;
    width[t] = middle[t] === 0 ? NaN : span / middle[t]!;
  }
  return { middle, upper, lower, percentB, width };
}

const PARAMS = [periodParam(20, 2), { name: 'stdDevs', default: 2, min: 0.1, max: 10, integer: false }];

function bandFeature(name: string, label: string, description: string, pick: (r: BollingerResult) => Float64Array): FeatureDefinition {
  return feature({
    name,
    label,
    description,
    inputs: ['close'],
    params: PARAMS,
    calc: (input, p) => pick(bollinger(input('close'), p('period'), p('stdDevs'))),
  });
}

export const BOLLINGER_FEATURES: readonly FeatureDefinition[] = [
  bandFeature('bbUpper', 'Bollinger upper band', 'SMA + stdDevs * population standard deviation of the close.', (r) => r.upper),
  bandFeature('bbLower', 'Bollinger lower band', 'SMA - stdDevs * population standard deviation of the close.', (r) => r.lower),
  bandFeature('bbPercentB', 'Bollinger %B', 'Where the close sits between the bands: 0 at the lower, 1 at the upper.', (r) => r.percentB),
  bandFeature('bbWidth', 'Bollinger width', '(upper - lower) / SMA.', (r) => r.width),
];
