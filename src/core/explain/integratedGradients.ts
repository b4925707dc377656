/**
 * Integrated gradients (Sundararajan et al. 2017) for windows [lookback, features]: the
 * attribution of input j is (x_j - b_j) times the mean gradient along the straight path from the
 * baseline b to x, here the trapezoid rule over `steps` equal intervals. Completeness says the
 * attributions sum to f(x) - f(b); the gap is the integration error, reported per window.
 * Model-agnostic: the caller passes batched `predict` and `gradients` (Executor.predictOutput and
 * Executor.inputGradients for the same output) and the baseline, the mean of background windows
 * drawn from the fold's TRAINING period (backgroundMean).
 *
 * The gap is judged relative to the window's attribution scale, max(|f(x) - f(b)|, sum_j |a_j|):
 * where f(x) is close to f(b) the signed sum is small by cancellation, and a gap of 1e-5 against
 * bars of 1e-2 would otherwise read as several percent.
 *
 * The trapezoid error is O(1/steps^2) for smooth models (LSTM, GRU: 1e-5 of f(x) - f(b) at 64
 * steps) but only O(1/steps) across ReLU kinks (MLP, the attention model's feed-forward: about 1%
 * at 64 steps). So a window whose gap exceeds `tolerance` is refined: the interval midpoints are
 * added (one more gradients batch, the earlier points reused) until it is within tolerance or at
 * `maxSteps`; each window reports the steps it used.
 */
import { CancelledError } from '../executor';

export const IG_DEFAULT_TOLERANCE = 0.005;
export const IG_DEFAULT_MAX_STEPS = 512;

export interface IntegratedGradientsRequest {
  /** Windows to explain, [n, lookback, features]. */
  x: Float32Array;
  n: number;
  lookback: number;
  features: number;
  /** One window [lookback, features]: the path's start. */
  baseline: Float32Array;
  /** Trapezoid intervals along the path (steps + 1 gradient evaluations a window); the explain cell declares the default. */
  steps: number;
  /** Refine a window while its relativeError is above this (default 0.005; 0: never refine). */
  tolerance?: number;
  /** Refinement stops here (default 512; doubling from `steps`). */
  maxSteps?: number;
  /** The explained value of each window of a batch [rows, lookback, features]: [rows]. */
  predict(batch: Float32Array, rows: number): Promise<ArrayLike<number>>;
  /** Its gradient for each window of a batch: [rows, lookback, features]. */
  gradients(batch: Float32Array, rows: number): Promise<ArrayLike<number>>;
  signal?: AbortSignal;
  /** After each window. */
  onProgress?(done: number, total: number): void;
}

export interface WindowAttribution {
  /** [lookback, features], lag-major like the window. */
  values: Float64Array;
  /** f(x). */
  prediction: number;
  /** Sum of `values`. */
  sum: number;
  /** |sum - (f(x) - f(baseline))|. */
  completenessError: number;
  /** completenessError / max(|f(x) - f(baseline)|, sum |values|): the gap as a share of the attribution's scale. */
  relativeError: number;
  /** Trapezoid intervals used (steps, or more after refinement). */
  steps: number;
}

export interface IntegratedGradientsResult {
  /** The starting number of intervals (windows[i].steps: after refinement). */
  steps: number;
  /** f(baseline). */
  baseValue: number;
  windows: WindowAttribution[];
  /** The largest completenessError and relativeError over the windows. */
  completenessError: number;
  relativeError: number;
}

/** The mean window [lookback, features] of `n` background windows. */
export function backgroundMean(x: Float32Array, n: number, lookback: number, features: number): Float32Array {
  const stride = lookback * features;
  if (!Number.isInteger(n) || n < 1 || x.length !== n * stride) {
    throw new Error(`backgroundMean: x has ${x.length} values, expected n * lookback * features = ${n} * ${lookback} * ${features} with n >= 1`);
  }
  const sum = new Float64Array(stride);
  for (let r = 0; r < n; r++) for (let j = 0; j < stride; j++) sum[j]! += x[r * stride + j]!;
  return Float32Array.from(sum, (s) => s / n);
}

export async function integratedGradients(request: IntegratedGradientsRequest): Promise<IntegratedGradientsResult> {
  const { x, n, lookback, features, baseline, signal } = request;
  const { steps } = request;
  const tolerance = request.tolerance ?? IG_DEFAULT_TOLERANCE;
  const maxSteps = Math.max(steps, request.maxSteps ?? IG_DEFAULT_MAX_STEPS);
  const stride = lookback * features;
  checkRequest(request, steps, stride);
  // f of every window and of the baseline in one batch.
  const both = new Float32Array((n + 1) * stride);
  both.set(x);
  both.set(baseline, n * stride);
  const f = await request.predict(both, n + 1);
  if (f.length !== n + 1) throw new Error(`integratedGradients: predict returned ${f.length} values for ${n + 1} windows`);
  const baseValue = f[n]!;
  const windows: WindowAttribution[] = [];
  for (let r = 0; r < n; r++) {
    if (signal?.aborted) throw new CancelledError();
    const window = x.subarray(r * stride, (r + 1) * stride);
    const delta = f[r]! - baseValue;
    const scaleOf = (a: { absSum: number }) => Math.max(Math.abs(delta), a.absSum, 1e-12);
    // Trapezoid with m intervals: the mean gradient is weighted / m, weighted = g_0/2 + g_m/2 + the interior points.
    const weighted = new Float64Array(stride);
    let m = steps;
    await addGradients(request, window, Array.from({ length: m + 1 }, (_, k) => k / m), weighted);
    let attribution = attribute(weighted, m, window, baseline);
    while (tolerance > 0 && Math.abs(attribution.sum - delta) / scaleOf(attribution) > tolerance && 2 * m <= maxSteps) {
      if (signal?.aborted) throw new CancelledError();
      await addGradients(request, window, Array.from({ length: m }, (_, k) => (k + 0.5) / m), weighted);
      m *= 2;
      attribution = attribute(weighted, m, window, baseline);
    }
    const completenessError = Math.abs(attribution.sum - delta);
    windows.push({ values: attribution.values, sum: attribution.sum, prediction: f[r]!, completenessError, relativeError: completenessError / scaleOf(attribution), steps: m });
    request.onProgress?.(r + 1, n);
  }
  return {
    steps,
    baseValue,
    windows,
    completenessError: windows.reduce((worst, w) => Math.max(worst, w.completenessError), 0),
    relativeError: windows.reduce((worst, w) => Math.max(worst, w.relativeError), 0),
  };
}

/** The gradients at baseline + alpha (window - baseline) for every alpha, in one batch, added to `into` (the path's ends at half weight). */
async function addGradients(request: IntegratedGradientsRequest, window: Float32Array, alphas: number[], into: Float64Array): Promise<void> {
  const { baseline } = request;
  const stride = window.length;
  const path = new Float32Array(alphas.length * stride);
  alphas.forEach((alpha, k) => {
    for (let j = 0; j < stride; j++) path[k * stride + j] = baseline[j]! + alpha * (window[j]! - baseline[j]!);
  });
  const g = await request.gradients(path, alphas.length);
  if (g.length !== path.length) throw new Error(`integratedGradients: gradients returned ${g.length} values for ${path.length}`);
  alphas.forEach((alpha, k) => {
    const weight = alpha === 0 || alpha === 1 ? 0.5 : 1;
    for (let j = 0; j < stride; j++) into[j]! += weight * g[k * stride + j]!;
  });
}

/** (x - baseline) times the mean gradient weighted / m. */
function attribute(weighted: Float64Array, m: number, window: Float32Array, baseline: Float32Array): { values: Float64Array; sum: number; absSum: number } {
  const values = new Float64Array(weighted.length);
  let sum = 0;
  let absSum = 0;
  for (let j = 0; j < values.length; j++) {
    values[j] = (weighted[j]! / m) * (window[j]! - baseline[j]!);
    sum += values[j]!;
    absSum += Math.abs(values[j]!);
  }
  return { values, sum, absSum };
}

function checkRequest(request: IntegratedGradientsRequest, steps: number, stride: number): void {
  const { x, n, baseline } = request;
  if (!Number.isInteger(steps) || steps < 1) throw new Error(`integratedGradients: steps must be an integer >= 1, got ${steps}`);
  if (!(request.tolerance === undefined || request.tolerance >= 0)) throw new Error(`integratedGradients: tolerance must be >= 0, got ${request.tolerance}`);
  if (!Number.isInteger(n) || n < 1 || x.length !== n * stride) {
    throw new Error(`integratedGradients: x has ${x.length} values, expected n * lookback * features = ${n} * ${stride} with n >= 1`);
  }
  if (baseline.length !== stride) throw new Error(`integratedGradients: the baseline has ${baseline.length} values, a window ${stride}`);
}
