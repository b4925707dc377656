import { feature, type FeatureDefinition } from './definition';
import { atrFeature, trueRangeFeature } from '../../spec/features/oscillators';
import { checkPeriod } from './period';

/**
 * True range and Wilder's ATR. A bar with a missing (NaN) high, low or close gets NaN and is
 * skipped: the next bar's true range is taken against the last complete bar's close, and the
 * running ATR carries on, so one gap does not blank the rest of the series.
 */

const complete = (high: Float64Array, low: Float64Array, close: Float64Array, t: number): boolean =>
  !Number.isNaN(high[t]!) && !Number.isNaN(low[t]!) && !Number.isNaN(close[t]!);

/** max(high - low, |high - prevClose|, |low - prevClose|); NaN on the first bar (no previous close). */
export function trueRange(high: Float64Array, low: Float64Array, close: Float64Array): Float64Array {
  const out = new Float64Array(close.length).fill(NaN);
  let prevClose = NaN;
  for (let t = 0; t < close.length; t++) {
    if (!complete(high, low, close, t)) continue;
    if (!Number.isNaN(prevClose)) {
      out[t] = Math.max(high[t]! - low[t]!, Math.abs(high[t]! - prevClose), Math.abs(low[t]! - prevClose));
    }
    prevClose = close[t]!;
  }
  return out;
}

/**
 * Wilder's average true range: the first value is the mean of the first `period` true ranges
 * (index `period`, since bar 0 has none), then atr = (atr * (period - 1) + tr) / period.
 */
export function atr(high: Float64Array, low: Float64Array, close: Float64Array, period = 14): Float64Array {
  checkPeriod('atr', period);
  const tr = trueRange(high, low, close);
  const out = new Float64Array(close.length).fill(NaN);
  let count = 0;
  let value = 0;
  for (let t = 0; t < close.length; t++) {
    const x = tr[t]!;
    if (Number.isNaN(x)) continue;
    count++;
    if (count < period) value += x;
    else if (count === period) value = (value + x) / period;
    else value = (value * (period - 1) + x) / period;
    if (count >= period) out[t] = value;
  }
  return out;
}

export const ATR_FEATURES: readonly FeatureDefinition[] = [
  feature(trueRangeFeature, (input) => trueRange(input('high'), input('low'), input('close'))),
  feature(atrFeature, (input, p) => atr(input('high'), input('low'), input('close'), p('period'))),
];
