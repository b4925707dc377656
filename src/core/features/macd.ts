import { feature, intParam, type FeatureDefinition } from './definition';
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

const PARAMS = [intParam('fast', 12), intParam('slow', 26), intParam('signal', 9)];

function macdFeature(name: string, label: string, description: string, pick: (r: MacdResult) => Float64Array): FeatureDefinition {
  return feature({
    name,
    label,
    description,
    inputs: ['close'],
    params: PARAMS,
    calc: (input, p) => pick(macd(input('close'), p('fast'), p('slow'), p('signal'))),
  });
}

export const MACD_FEATURES: readonly FeatureDefinition[] = [
  macdFeature('macd', 'MACD', 'EMA(fast) - EMA(slow) of the close.', (r) => r.macd),
  macdFeature('macdSignal', 'MACD signal', 'EMA(signal) of the MACD line.', (r) => r.signal),
  macdFeature('macdHist', 'MACD histogram', 'MACD line minus its signal line.', (r) => r.histogram),
];
