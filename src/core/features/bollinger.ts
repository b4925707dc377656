import { feature, type FeatureDefinition, type FeatureDeclaration } from './definition';
import { bbLowerFeature, bbPercentBFeature, bbUpperFeature, bbWidthFeature } from '../../spec/features/oscillators';
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

function bandDefinition(declaration: FeatureDeclaration, pick: (r: BollingerResult) => Float64Array): FeatureDefinition {
  return feature(declaration, (input, p) => pick(bollinger(input('close'), p('period'), p('stdDevs'))));
}

export const BOLLINGER_FEATURES: readonly FeatureDefinition[] = [
  bandDefinition(bbUpperFeature, (r) => r.upper),
  bandDefinition(bbLowerFeature, (r) => r.lower),
  bandDefinition(bbPercentBFeature, (r) => r.percentB),
  bandDefinition(bbWidthFeature, (r) => r.width),
];
