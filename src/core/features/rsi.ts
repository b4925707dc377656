import { feature, type FeatureDefinition } from './definition';
import { rsiFeature } from '../../spec/features/oscillators';
import { checkPeriod } from './period';

/**
 * Wilder's RSI. The first average gain/loss is the simple mean of the first `period` changes,
 * so RSI is first defined at index `period`; after that avg = (avg * (period - 1) + x) / period.
 * RSI = 100 when the average loss is 0 (Stock.Indicators convention, also for a flat series).
 * A NaN close gives NaN and restarts the warm-up from the next run of period + 1 closes.
 */
export function rsiWilder(close: Float64Array, period = 14): Float64Array {
  checkPeriod('rsiWilder', period);
  const out = new Float64Array(close.length).fill(NaN);
  let changes = 0;
  let avgGain = 0;
  let avgLoss = 0;
  for (let t = 0; t < close.length; t++) {
    const c = close[t]!;
    const prev = t > 0 ? close[t - 1]! : NaN;
    if (Number.isNaN(c)) {
      changes = 0;
      avgGain = 0;
      avgLoss = 0;
      continue;
    }
    if (Number.isNaN(prev)) continue;
    const change = c - prev;
    const gain = change > 0 ? change : 0;
    const loss = change < 0 ? -change : 0;
    changes++;
    if (changes < period) {
      avgGain += gain;
      avgLoss += loss;
      continue;
    }
    if (changes === period) {
      avgGain = (avgGain + gain) / period;
      avgLoss = (avgLoss + loss) / period;
    } else {
      avgGain = (avgGain * (period - 1) + gain) / period;
      avgLoss = (avgLoss * (period - 1) + loss) / period;
    }
    out[t] = avgLoss === 0 ? 100 : 100 - 100 / (1 + avgGain / avgLoss);
  }
  return out;
}

export const RSI_FEATURES: readonly FeatureDefinition[] = [
  feature(rsiFeature, (input, p) => rsiWilder(input('close'), p('period'))),
];
