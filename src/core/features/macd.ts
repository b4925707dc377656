import { feature, type FeatureDefinition, type FeatureDeclaration } from './definition';
import { macdFeature, macdHistFeature, macdSignalFeature } from '../../spec/features/oscillators';
import { ema } from './ema';

export interface MacdResult {
  macd: Float64Array;
  signal: Float64Array;
  histogram: Float64Array;
}

/**
 * MACD = EMA(fast) - EMA(slow), both SMA-seeded, so it starts at index slow-1; the signal is the
 * EMA of MACD seeded on its first `signal` values (index slow + signal - 2), as Stock.Indicators.
 */
export function macd(close: Float64Array, fast = 12, slow = 26, signal = 9): MacdResult {
  if (fast >= slow) throw new Error(`macd: the fast period must be shorter than the slow one, got fast ${fast}, slow ${slow}`);
  const fastEma = ema(close, fast);
  const slowEma = ema(close, slow);
  const line = new Float64Array(close.length);
  for (let t = 0; t < close.length; t++) line[t] = fastEma[t]! - slowEma[t]!;
  const signalLine = ema(line, signal);
  const histogram = new Float64Array(close.length);
  for (let t = 0; t < close.length; t++) histogram[t] = line[t]! - signalLine[t]!;
  return { macd: line, signal: signalLine, histogram };
}

function macdDefinition(declaration: FeatureDeclaration, pick: (r: MacdResult) => Float64Array): FeatureDefinition {
  return feature(declaration, (input, p) => pick(macd(input('close'), p('fast'), p('slow'), p('signal'))));
}

export const MACD_FEATURES: readonly FeatureDefinition[] = [
  macdDefinition(macdFeature, (r) => r.macd),
  macdDefinition(macdSignalFeature, (r) => r.signal),
  macdDefinition(macdHistFeature, (r) => r.histogram),
];
