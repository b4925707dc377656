/**
 * Kernel SHAP (Lundberg & Lee 2017) for many groups: coalitions sampled in complementary pairs
 * with sizes drawn from the Shapley kernel, then least squares with the efficiency constraint
 * sum(phi) = v(all) - v(none) solved exactly (the last group eliminated). Sampling by the kernel
 * makes the regression unweighted. The standard error comes from batch means: the pairs are
 * split into BATCHES disjoint batches, each solved alone; their spread, over sqrt(BATCHES).
 */
import { createRng, type Rng } from '../rng';
import { choleskyInPlace, choleskySolveInPlace } from '../ridge';

export const BATCHES = 8;

/** Sizes 1..k-1 with probability proportional to (k - 1) / (s (k - s)). */
function sizeSampler(k: number, rng: Rng): () => number {
  const cumulative: number[] = [];
  let total = 0;
  for (let s = 1; s < k; s++) cumulative.push((total += (k - 1) / (s * (k - s))));
  return () => {
    const u = rng.next() * total;
    const i = cumulative.findIndex((c) => u < c);
    return (i < 0 ? cumulative.length - 1 : i) + 1;
  };
}

/** `pairs` coalitions and their complements, interleaved (2 i, 2 i + 1), seeded. */
export function sampleCoalitionPairs(k: number, pairs: number, seed: number): Uint8Array[] {
  if (k < 2) throw new Error(`Kernel SHAP needs at least 2 groups, got ${k}`);
  const rng = createRng(seed);
  const size = sizeSampler(k, rng);
  const order = Int32Array.from({ length: k }, (_, i) => i);
  const out: Uint8Array[] = [];
  for (let p = 0; p < pairs; p++) {
    const s = size();
    // Partial Fisher-Yates: the first s entries of `order` are a uniform subset of size s.
    for (let i = 0; i < s; i++) {
      const j = i + rng.int(k - i);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const members = new Uint8Array(k);
    for (let i = 0; i < s; i++) members[order[i]!] = 1;
    out.push(members, members.map((m) => 1 - m));
  }
  return out;
}

interface Normal {
  a: Float64Array;
  b: Float64Array;
}

function accumulate(normal: Normal, members: Uint8Array, target: number, k: number): void {
  const d = k - 1;
  const last = members[d]!;
  const row = new Float64Array(d);
  for (let i = 0; i < d; i++) row[i] = members[i]! - last;
  for (let i = 0; i < d; i++) {
    const ri = row[i]!;
    if (ri === 0) continue;
    normal.b[i] = normal.b[i]! + ri * target;
    for (let j = 0; j < d; j++) normal.a[i * d + j] = normal.a[i * d + j]! + ri * row[j]!;
  }
}

function solve(normal: Normal, k: number, delta: number): Float64Array {
  const d = k - 1;
  const a = normal.a.slice();
  // A whisper of ridge keeps a batch with a never-varied group solvable; it is far below the noise.
  let trace = 0;
  for (let i = 0; i < d; i++) trace += a[i * d + i]!;
  for (let i = 0; i < d; i++) a[i * d + i] = a[i * d + i]! + 1e-10 * (trace / d || 1);
  const b = normal.b.slice();
  choleskyInPlace(a, d);
  choleskySolveInPlace(a, d, b, 1);
  const phi = new Float64Array(k);
  let sum = 0;
  for (let i = 0; i < d; i++) sum += (phi[i] = b[i]!);
  phi[d] = delta - sum;
  return phi;
}

export interface KernelResult {
  values: Float64Array;
  /** Standard error of each value (batch means). */
  standardError: Float64Array;
}

/**
 * `coalitions` as sampleCoalitionPairs returns them, `values` their v(S); `empty` = v(none),
 * `full` = v(all).
 */
export function kernelShap(coalitions: readonly Uint8Array[], values: Float64Array, empty: number, full: number, k: number): KernelResult {
  const d = k - 1;
  const delta = full - empty;
  const fresh = (): Normal => ({ a: new Float64Array(d * d), b: new Float64Array(d) });
  const batches = Array.from({ length: BATCHES }, fresh);
  const pairs = coalitions.length / 2;
  for (let c = 0; c < coalitions.length; c++) {
    const members = coalitions[c]!;
    const pair = Math.floor(c / 2);
    const target = values[c]! - empty - members[d]! * delta;
    accumulate(batches[Math.floor((pair * BATCHES) / pairs)]!, members, target, k);
  }
  const total = fresh();
  for (const batch of batches) {
    for (let i = 0; i < d * d; i++) total.a[i] = total.a[i]! + batch.a[i]!;
    for (let i = 0; i < d; i++) total.b[i] = total.b[i]! + batch.b[i]!;
  }
  const estimate = solve(total, k, delta);
  const perBatch = batches.map((batch) => solve(batch, k, delta));
  const standardError = new Float64Array(k);
  for (let g = 0; g < k; g++) {
    const mean = perBatch.reduce((s, p) => s + p[g]!, 0) / BATCHES;
    const variance = perBatch.reduce((s, p) => s + (p[g]! - mean) ** 2, 0) / (BATCHES - 1);
    standardError[g] = Math.sqrt(variance / BATCHES);
  }
  return { values: estimate, standardError };
}
