/** Sample moments of a return series. Fewer observations than a statistic needs gives NaN. */
import { pow } from '../math';

type Series = Float32Array | Float64Array | readonly number[];

export function mean(values: Series): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return values.length === 0 ? NaN : sum / values.length;
}

/** Standard deviation with n - 1 in the denominator. */
export function sampleStd(values: Series): number {
  const n = values.length;
  if (n < 2) return NaN;
  const m = mean(values);
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (values[i]! - m) ** 2;
  return Math.sqrt(squares / (n - 1));
}

/** Central moments m2, m3, m4 with 1/n (the building blocks of g1, g2). */
function centralMoments(values: Series): [number, number, number] {
  const n = values.length;
  const m = mean(values);
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i]! - m;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  return [m2 / n, m3 / n, m4 / n];
}

/**
 * Adjusted Fisher-Pearson skewness G1 = g1 sqrt(n(n-1)) / (n-2), g1 = m3 / m2^1.5 (Excel SKEW,
 * pandas .skew(), PerformanceAnalytics method 'fisher'); needs n >= 3.
 */
export function skewness(values: Series): number {
  const n = values.length;
  if (n < 3) return NaN;
  const [m2, m3] = centralMoments(values);
  if (m2 === 0) return NaN;
  return ((m3 / pow(m2, 1.5)) * Math.sqrt(n * (n - 1))) / (n - 2);
}

/**
 * Adjusted excess kurtosis G2 = ((n+1) g2 + 6) (n-1) / ((n-2)(n-3)), g2 = m4 / m2^2 - 3
 * (Excel KURT, pandas .kurt(), PerformanceAnalytics 'sample_excess'); 0 for a normal; needs n >= 4.
 */
export function excessKurtosis(values: Series): number {
  const n = values.length;
  if (n < 4) return NaN;
  const [m2, , m4] = centralMoments(values);
  if (m2 === 0) return NaN;
  const g2 = m4 / (m2 * m2) - 3;
  return (((n + 1) * g2 + 6) * (n - 1)) / ((n - 2) * (n - 3));
}
