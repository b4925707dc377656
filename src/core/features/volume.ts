import { feature, type FeatureDefinition } from './definition';
import { mfiFeature, obvFeature, vwapFeature } from '../../spec/features/volumeCalendar';
import { checkPeriod } from './period';

/** Volume-based indicators. The typical price is (high + low + close) / 3. */

const typical = (high: Float64Array, low: Float64Array, close: Float64Array, t: number): number => (high[t]! + low[t]! + close[t]!) / 3;

/**
 * On-balance volume: 0 on the first bar, then + volume on an up close, - volume on a down close.
 * A bar with a missing close or volume is NaN and skipped: the next bar compares with the last
 * complete close, so the running total is not lost.
 */
export function obv(close: Float64Array, volume: Float64Array): Float64Array {
  const out = new Float64Array(close.length).fill(NaN);
  let prevClose = NaN;
  let total = 0;
  for (let t = 0; t < close.length; t++) {
    const c = close[t]!;
    const v = volume[t]!;
    if (Number.isNaN(c) || Number.isNaN(v)) continue;
    if (c > prevClose) total += v;
    else if (c < prevClose) total -= v;
    out[t] = total;
    prevClose = c;
  }
  return out;
}

/**
 * Volume-weighted average price anchored at the first bar (Stock.Indicators vwap() without a
 * start): cumulative sum(typical * volume) / cumulative sum(volume). NaN until some volume has
 * traded; a bar with a missing value is NaN and left out of the sums.
 */
export function vwap(high: Float64Array, low: Float64Array, close: Float64Array, volume: Float64Array): Float64Array {
  const out = new Float64Array(close.length).fill(NaN);
  let priceVolume = 0;
  let totalVolume = 0;
  for (let t = 0; t < close.length; t++) {
    const tp = typical(high, low, close, t);
    const v = volume[t]!;
    if (Number.isNaN(tp) || Number.isNaN(v)) continue;
    priceVolume += tp * v;
    totalVolume += v;
    if (totalVolume !== 0) out[t] = priceVolume / totalVolume;
  }
  return out;
}

/**
 * Money flow index: over the last `period` bars, money flow (typical * volume) counts as
 * positive when the typical price rose from the bar before and negative when it fell;
 * MFI = 100 - 100 / (1 + positive / negative), 100 when there is no negative flow. First
 * defined at index `period`; NaN when a value in the window (or the bar before it) is missing.
 */
export function mfi(high: Float64Array, low: Float64Array, close: Float64Array, volume: Float64Array, period = 14): Float64Array {
  checkPeriod('mfi', period);
  const out = new Float64Array(close.length).fill(NaN);
  for (let t = period; t < close.length; t++) {
    let positive = 0;
    let negative = 0;
    let gap = false;
    for (let i = t - period + 1; i <= t && !gap; i++) {
      const tp = typical(high, low, close, i);
      const prev = typical(high, low, close, i - 1);
      const flow = tp * volume[i]!;
      gap = Number.isNaN(flow) || Number.isNaN(prev);
      if (tp > prev) positive += flow;
      else if (tp < prev) negative += flow;
    }
    if (gap) continue;
    out[t] = negative === 0 ? 100 : 100 - 100 / (1 + positive / negative);
  }
  return out;
}

export const VOLUME_FEATURES: readonly FeatureDefinition[] = [
  feature(obvFeature, (input) => obv(input('close'), input('volume'))),
  feature(vwapFeature, (input) => vwap(input('high'), input('low'), input('close'), input('volume'))),
  feature(mfiFeature, (input, p) => mfi(input('high'), input('low'), input('close'), input('volume'), p('period'))),
];
