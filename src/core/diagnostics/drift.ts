/**
 * Distribution drift between a fold's training rows and its test rows: the population stability
 * index (PSI) over bins cut at the training quantiles, and the two-sample Kolmogorov-Smirnov
 * statistic. Missing values (NaN) are left out of both samples.
 */
import { log } from '../math';

/** Proportion used in place of an empty bin's 0, so ln(q / p) stays finite (the usual PSI convention). */
export const PSI_EPSILON = 1e-4;

const finiteSorted = (values: ArrayLike<number>): number[] => Array.from(values).filter(Number.isFinite).sort((a, b) => a - b);

/** Linear-interpolated quantile of sorted values (type 7, numpy's default). */
export function quantileSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Inner bin edges at the training quantiles i / bins (i = 1 .. bins - 1), duplicates removed (ties). */
export function quantileEdges(train: ArrayLike<number>, bins: number): number[] {
  if (!Number.isInteger(bins) || bins < 2) throw new Error(`PSI bins must be an integer >= 2, got ${bins}`);
  const sorted = finiteSorted(train);
  const edges: number[] = [];
  for (let i = 1; i < bins; i++) {
    const edge = quantileSorted(sorted, i / bins);
    if (Number.isFinite(edge) && edge !== edges[edges.length - 1]) edges.push(edge);
  }
  return edges;
}

/** Share of the finite values in each bin (-inf, e1], (e1, e2], ..., (e_last, inf). */
export function binShares(values: ArrayLike<number>, edges: readonly number[]): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    let lo = 0;
    let hi = edges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (v > edges[mid]!) lo = mid + 1;
      else hi = mid;
    }
    counts[lo]!++;
    n++;
  }
  return counts.map((c) => (n > 0 ? c / n : 0));
}

/**
 * PSI = sum over bins of (q - p) ln(q / p), p the training share and q the test share of each bin,
 * bins cut at the training quantiles; an empty bin counts as PSI_EPSILON. NaN when either sample
 * has no finite value. Rule of thumb: < 0.1 stable, 0.1-0.2 moderate shift, > 0.2 retrain.
 */
export function populationStabilityIndex(train: ArrayLike<number>, test: ArrayLike<number>, bins = 10): number {
  const edges = quantileEdges(train, bins);
  const p = binShares(train, edges);
  const q = binShares(test, edges);
  if (p.every((v) => v === 0) || q.every((v) => v === 0)) return NaN;
  let psi = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = Math.max(p[i]!, PSI_EPSILON);
    const qi = Math.max(q[i]!, PSI_EPSILON);
    psi += (qi - pi) * log(qi / pi);
  }
  return psi;
}

/** Two-sample Kolmogorov-Smirnov statistic: the largest gap between the two empirical CDFs. NaN when a sample is empty. */
export function ksStatistic(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const x = finiteSorted(a);
  const y = finiteSorted(b);
  if (x.length === 0 || y.length === 0) return NaN;
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < x.length && j < y.length) {
    const v = Math.min(x[i]!, y[j]!);
    while (i < x.length && x[i]! <= v) i++;
    while (j < y.length && y[j]! <= v) j++;
    d = Math.max(d, Math.abs(i / x.length - j / y.length));
  }
  return d;
}
