import { feature, type FeatureDefinition } from './definition';
import { stochDFeature, stochKFeature } from '../../spec/features/oscillators';
import { checkPeriod } from './period';
import { sma } from './sma';

export interface StochasticResult {
  k: Float64Array;
  d: Float64Array;
}

/**
 * Slow stochastic oscillator (Stock.Indicators stoch(14, 3, 3) with SMA smoothing):
 * raw %K = 100 * (close - lowest low) / (highest high - lowest low) over `period` bars,
 * %K = SMA(smooth) of raw %K, %D = SMA(signal) of %K. With the defaults %K starts at index 15
 * and %D at 17. A flat window (highest = lowest) gives raw %K = 0, the reference's choice.
 */
export function stochastic(high: Float64Array, low: Float64Array, close: Float64Array, period = 14, signal = 3, smooth = 3): StochasticResult {
  checkPeriod('stochastic', period);
  const raw = new Float64Array(close.length).fill(NaN);
  for (let t = period - 1; t < close.length; t++) {
    let highest = -Infinity;
    let lowest = Infinity;
    // NaN compares false, so track it explicitly to blank a window with a gap.
    let gap = Number.isNaN(close[t]!);
    for (let i = t - period + 1; i <= t; i++) {
      if (Number.isNaN(high[i]!) || Number.isNaN(low[i]!)) gap = true;
      highest = Math.max(highest, high[i]!);
      lowest = Math.min(lowest, low[i]!);
    }
    if (gap) continue;
    raw[t] = highest === lowest ? 0 : (100 * (close[t]! - lowest)) / (highest - lowest);
  }
  const k = sma(raw, smooth);
  return { k, d: sma(k, signal) };
}

export const STOCHASTIC_FEATURES: readonly FeatureDefinition[] = [
  feature(stochKFeature, (input, p) => stochastic(input('high'), input('low'), input('close'), p('period'), p('signal'), p('smooth')).k),
  feature(stochDFeature, (input, p) => stochastic(input('high'), input('low'), input('close'), p('period'), p('signal'), p('smooth')).d),
];
