import { feature, type FeatureDefinition } from './definition';
import { rollingMeanFeature, rollingStdFeature, zscoreFeature } from '../../spec/features/transforms';
import { checkPeriod } from './period';

/**
 * Rolling statistics over the last `period` values, defined from index period-1; a window
 * holding a NaN gives NaN. Each window is computed afresh with a two-pass mean/deviation
 * (O(n * period)) so there is no drift or cancellation from running sums.
 */

export type Deviation = 'sample' | 'population';

function windowMean(values: Float64Array, end: number, period: number): number {
  let sum = 0;
  for (let i = end - period + 1; i <= end; i++) sum += values[i]!;
  return sum / period;
}

function windowStd(values: Float64Array, end: number, period: number, mean: number, deviation: Deviation): number {
  let squares = 0;
  for (let i = end - period + 1; i <= end; i++) squares += (values[i]! - mean) ** 2;
  return Math.sqrt(squares / (deviation === 'sample' ? period - 1 : period));
}

function minPeriod(name: string, period: number, deviation: Deviation): void {
  checkPeriod(name, period);
  if (deviation === 'sample' && period < 2) throw new Error(`${name}: a sample standard deviation needs period >= 2, got ${period}`);
}

export function rollingMean(values: Float64Array, period: number): Float64Array {
  checkPeriod('rollingMean', period);
  const out = new Float64Array(values.length).fill(NaN);
  for (let t = period - 1; t < values.length; t++) out[t] = windowMean(values, t, period);
  return out;
}

/** Standard deviation of the window: divides by period-1 ('sample') or period ('population'). */
export function rollingStd(values: Float64Array, period: number, deviation: Deviation = 'sample'): Float64Array {
  minPeriod('rollingStd', period, deviation);
  const out = new Float64Array(values.length).fill(NaN);
  for (let t = period - 1; t < values.length; t++) {
    out[t] = windowStd(values, t, period, windowMean(values, t, period), deviation);
  }
  return out;
}

/** (x[t] - mean) / std of the window ending at t, itself included; NaN when the window is flat. */
export function rollingZScore(values: Float64Array, period: number, deviation: Deviation = 'sample'): Float64Array {
  minPeriod('rollingZScore', period, deviation);
  const out = new Float64Array(values.length).fill(NaN);
  for (let t = period - 1; t < values.length; t++) {
    const mean = windowMean(values, t, period);
    const std = windowStd(values, t, period, mean, deviation);
    out[t] = std === 0 ? NaN : (values[t]! - mean) / std;
  }
  return out;
}

export const ROLLING_FEATURES: readonly FeatureDefinition[] = [
  feature(rollingMeanFeature, (input, p) => rollingMean(input('value'), p('period'))),
  feature(rollingStdFeature, (input, p) => rollingStd(input('value'), p('period'))),
  feature(zscoreFeature, (input, p) => rollingZScore(input('value'), p('period'))),
];
