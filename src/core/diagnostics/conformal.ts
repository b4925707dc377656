/**
 * Split conformal prediction intervals (Vovk et al.; Lei et al. 2018). Scores are absolute
 * residuals of a calibration set the model did not see in the test period; the interval at level
 * 1 - a is the forecast ± the ceil((n + 1)(1 - a))-th smallest score, i.e. the empirical quantile at
 * ceil((n + 1)(1 - a)) / n. With exchangeable scores its coverage is at least 1 - a (finite-sample).
 * Adaptive intervals divide each score by a scale known at forecast time (trailing volatility) and
 * multiply the quantile by the test point's scale.
 */

export interface ConformalInput {
  /** Calibration actuals and forecasts (the tail of the training window, never the test period). */
  calibrationActual: ArrayLike<number>;
  calibrationPredicted: ArrayLike<number>;
  /** Adaptive only: each calibration point's scale (> 0), known when its forecast was made. */
  calibrationScale?: ArrayLike<number> | undefined;
  testPredicted: ArrayLike<number>;
  /** Adaptive only: each test point's scale (> 0). */
  testScale?: ArrayLike<number> | undefined;
  /** Coverage levels in (0, 1), e.g. [0.8, 0.95]. */
  levels: readonly number[];
}

export interface ConformalBand {
  level: number;
  /** The score quantile (in return units, or in scale units when adaptive); Infinity when n is too small for the level. */
  quantile: number;
  lower: number[];
  upper: number[];
}

/** The k-th smallest score with k = ceil((n + 1) * level): Infinity when k > n (too few scores for the level). */
export function conformalQuantile(scores: readonly number[], level: number): number {
  if (!(level > 0 && level < 1)) throw new Error(`conformal level must be in (0, 1), got ${level}`);
  const sorted = scores.filter(Number.isFinite).sort((a, b) => a - b);
  const n = sorted.length;
  // 1e-9 absorbs the float error in (n + 1) * level, so 0.9 * 10 is 9, not 9.000000000000002.
  const k = Math.ceil((n + 1) * level - 1e-9);
  return k > n || k < 1 ? Infinity : sorted[k - 1]!;
}

function scaleAt(scale: ArrayLike<number> | undefined, i: number, what: string): number {
  if (!scale) return 1;
  const s = scale[i]!;
  if (!(s > 0) || !Number.isFinite(s)) throw new Error(`conformal: ${what} scale at ${i} is ${s}; expected a positive finite number`);
  return s;
}

/** Nonconformity scores |actual - predicted| / scale; pairs with a missing value are skipped. */
export function conformalScores(input: Pick<ConformalInput, 'calibrationActual' | 'calibrationPredicted' | 'calibrationScale'>): number[] {
  const { calibrationActual: actual, calibrationPredicted: predicted } = input;
  if (actual.length !== predicted.length) throw new Error(`conformal: ${actual.length} calibration actuals but ${predicted.length} forecasts`);
  const scores: number[] = [];
  for (let i = 0; i < actual.length; i++) {
    const r = Math.abs(actual[i]! - predicted[i]!);
    if (Number.isFinite(r)) scores.push(r / scaleAt(input.calibrationScale, i, 'calibration'));
  }
  return scores;
}

export function splitConformal(input: ConformalInput): ConformalBand[] {
  const scores = conformalScores(input);
  const { testPredicted } = input;
  return input.levels.map((level) => {
    const quantile = conformalQuantile(scores, level);
    const lower: number[] = [];
    const upper: number[] = [];
    for (let i = 0; i < testPredicted.length; i++) {
      const half = quantile * scaleAt(input.testScale, i, 'test');
      lower.push(testPredicted[i]! - half);
      upper.push(testPredicted[i]! + half);
    }
    return { level, quantile, lower, upper };
  });
}

export interface CoverageSummary {
  /** Share of finite actuals inside [lower, upper]; null when there is none. */
  coverage: number | null;
  /** Mean upper - lower over the same points; null when there is none or a width is infinite. */
  meanWidth: number | null;
  n: number;
}

export function intervalCoverage(actual: ArrayLike<number>, lower: ArrayLike<number>, upper: ArrayLike<number>): CoverageSummary {
  let n = 0;
  let inside = 0;
  let width = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!;
    if (!Number.isFinite(a)) continue;
    n++;
    if (a >= lower[i]! && a <= upper[i]!) inside++;
    width += upper[i]! - lower[i]!;
  }
  if (n === 0) return { coverage: null, meanWidth: null, n };
  return { coverage: inside / n, meanWidth: Number.isFinite(width) ? width / n : null, n };
}

/**
 * Trailing volatility known at each row: the standard deviation of `values[row - lag - window + 1 ..
 * row - lag]` (finite values only; at least 2). `lag` is how many bars after its row a value is
 * realised (a k-bar forward return: k), so no scale reads the future. NaN where fewer than 2 values.
 */
export function trailingVolatility(values: Float64Array, rows: readonly number[], window: number, lag: number): number[] {
  return rows.map((row) => {
    let n = 0;
    let sum = 0;
    let sumSq = 0;
    for (let s = Math.max(0, row - lag - window + 1); s <= row - lag; s++) {
      const v = values[s]!;
      if (!Number.isFinite(v)) continue;
      n++;
      sum += v;
      sumSq += v * v;
    }
    if (n < 2) return NaN;
    const mean = sum / n;
    return Math.sqrt(Math.max(0, sumSq / n - mean * mean));
  });
}

/** Scales with every missing or zero value (warm-up, flat prices) replaced by the median of the usable ones. */
export function fillScales(scales: readonly number[]): number[] {
  const usable = scales.filter((s) => s > 0 && Number.isFinite(s)).sort((a, b) => a - b);
  const median = usable.length ? usable[Math.floor(usable.length / 2)]! : 1;
  return scales.map((s) => (s > 0 && Number.isFinite(s) ? s : median));
}
