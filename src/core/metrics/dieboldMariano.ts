/**
 * Diebold-Mariano test of equal predictive accuracy under squared-error loss, with the
 * Harvey-Leybourne-Newbold (1997) small-sample correction and Student t(n - 1) p-values.
 */
import { studentTTwoSided } from './studentT';

type Series = Float32Array | Float64Array | readonly number[];

export interface DieboldMarianoResult {
  /** HLN-corrected statistic; negative when the model's loss is lower. */
  statistic: number;
  /** Two-sided, Student t with n - 1 degrees of freedom. */
  pValue: number;
  n: number;
  /** mean(e_model^2 - e_baseline^2). */
  meanLossDifferential: number;
  verdict: 'beats' | 'worse' | 'not distinguishable';
}

export interface DieboldMarianoOptions {
  /** Forecast horizon in bars (>= 1); h-step errors are MA(h-1), hence h - 1 lags. */
  horizon?: number;
  /**
   * 'newey-west' (default) weights lag k by 1 - k/h (Bartlett), so the variance is never
   * negative; 'rectangular' is DM's original truncated sum (as R forecast::dm.test). Equal for h = 1.
   */
  kernel?: 'newey-west' | 'rectangular';
  alpha?: number;
}

/**
 * d[t] = (actual - model)^2 - (actual - baseline)^2 over rows where all three are not NaN.
 * gamma_k = (1/n) sum_{t>k} (d[t] - dbar)(d[t-k] - dbar); LRV = gamma_0 + 2 sum_{k=1}^{h-1} w_k gamma_k;
 * DM = dbar / sqrt(LRV / n); HLN: DM * sqrt((n + 1 - 2h + h(h-1)/n) / n).
 */
export function dieboldMariano(actual: Series, model: Series, baseline: Series, options: DieboldMarianoOptions = {}): DieboldMarianoResult {
  const { horizon = 1, kernel = 'newey-west', alpha = 0.05 } = options;
  if (model.length !== actual.length || baseline.length !== actual.length) {
    throw new Error(`dieboldMariano: actual has ${actual.length} values, model ${model.length}, baseline ${baseline.length}: pass aligned series`);
  }
  if (!Number.isInteger(horizon) || horizon < 1) throw new Error(`dieboldMariano: horizon must be an integer >= 1, got ${horizon}`);
  if (!(alpha > 0 && alpha < 1)) throw new Error(`dieboldMariano: alpha must be in (0, 1), got ${alpha}`);
  const d: number[] = [];
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!;
    const value = (a - model[i]!) ** 2 - (a - baseline[i]!) ** 2;
    if (!Number.isNaN(value)) d.push(value);
  }
  const n = d.length;
  if (n < 2 || horizon >= n) {
    throw new Error(`dieboldMariano: need at least 2 complete rows and more rows than the horizon, got n = ${n}, horizon = ${horizon}`);
  }
  let mean = 0;
  for (const v of d) mean += v;
  mean /= n;
  const autocovariance = (k: number): number => {
    let sum = 0;
    for (let t = k; t < n; t++) sum += (d[t]! - mean) * (d[t - k]! - mean);
    return sum / n;
  };
  let longRunVariance = autocovariance(0);
  for (let k = 1; k < horizon; k++) {
    const weight = kernel === 'newey-west' ? 1 - k / horizon : 1;
    longRunVariance += 2 * weight * autocovariance(k);
  }
  const hln = Math.sqrt((n + 1 - 2 * horizon + (horizon * (horizon - 1)) / n) / n);
  // Zero variance: identical losses everywhere. No difference -> statistic 0; a constant
  // non-zero difference is certain -> +-Infinity.
  let statistic: number;
  if (longRunVariance > 0) statistic = (mean / Math.sqrt(longRunVariance / n)) * hln;
  else if (longRunVariance === 0) statistic = mean === 0 ? 0 : mean * Infinity;
  else statistic = NaN; // a negative rectangular-kernel variance: the test is undefined
  const pValue = studentTTwoSided(statistic, n - 1);
  const verdict = pValue < alpha ? (mean < 0 ? 'beats' : 'worse') : 'not distinguishable';
  return { statistic, pValue, n, meanLossDifferential: mean, verdict };
}

function formatP(p: number): string {
  if (Number.isNaN(p)) return 'n/a';
  if (p < 0.001) return '< 0.001';
  return `= ${Number(p.toPrecision(2))}`;
}

/** "beats naive (DM p = 0.012)", "not distinguishable from naive (DM p = 0.41)", "worse than naive (DM p = 0.003)". */
export function dieboldMarianoSentence(result: Pick<DieboldMarianoResult, 'pValue' | 'verdict'>, baselineName = 'naive'): string {
  const p = `(DM p ${formatP(result.pValue)})`;
  if (result.verdict === 'beats') return `beats ${baselineName} ${p}`;
  if (result.verdict === 'worse') return `worse than ${baselineName} ${p}`;
  return `not distinguishable from ${baselineName} ${p}`;
}
