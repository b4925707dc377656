/**
 * Permutation importance on out-of-sample windows: how much a loss grows when one group's cells
 * are shuffled across the test windows (each window gets another window's values there), the
 * rest left as they are. Seeded; repeated, with the spread (standard deviation) of the repeats.
 */
import { createRng } from '../rng';
import type { BatchPredict } from './coalitionValues';
import { throwIfAborted } from './coalitionValues';
import type { AttributionGroup } from './groups';
import type { WindowBlock } from './background';

export interface PermutationOptions {
  repeats: number;
  seed: number;
  signal?: AbortSignal | undefined;
  onGroup?: (done: number, total: number) => void;
}

export interface PermutationResult {
  baseLoss: number;
  /** Per group: mean increase of the loss over the repeats, and its standard deviation. */
  increase: { mean: number; spread: number }[];
}

export type Loss = (predicted: ArrayLike<number>, actual: readonly number[]) => number;

export const meanSquaredError: Loss = (p, a) => a.reduce((s, y, i) => s + (p[i]! - y) ** 2, 0) / a.length;

export async function permutationImportance(
  predict: BatchPredict,
  windows: WindowBlock,
  actual: readonly number[],
  groups: readonly AttributionGroup[],
  loss: Loss,
  options: PermutationOptions,
): Promise<PermutationResult> {
  const { n } = windows;
  if (n < 2) throw new Error('permutation importance needs at least 2 test windows');
  const width = windows.x.length / n;
  const baseLoss = loss(await predict(windows.x.slice(), n), actual);
  const rng = createRng(options.seed);
  const increase: PermutationResult['increase'] = [];
  for (const [g, group] of groups.entries()) {
    throwIfAborted(options.signal);
    const x = new Float32Array(options.repeats * n * width);
    for (let r = 0; r < options.repeats; r++) {
      x.set(windows.x, r * n * width);
      const order = Array.from({ length: n }, (_, i) => i);
      for (let i = n - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      for (let w = 0; w < n; w++) {
        const to = (r * n + w) * width;
        const from = order[w]! * width;
        for (const cell of group.cells) x[to + cell] = windows.x[from + cell]!;
      }
    }
    const out = await predict(x, options.repeats * n);
    const rises = Array.from({ length: options.repeats }, (_, r) => loss(Array.prototype.slice.call(out, r * n, (r + 1) * n) as number[], actual) - baseLoss);
    const mean = rises.reduce((s, v) => s + v, 0) / rises.length;
    const spread = rises.length > 1 ? Math.sqrt(rises.reduce((s, v) => s + (v - mean) ** 2, 0) / (rises.length - 1)) : 0;
    increase.push({ mean, spread });
    options.onGroup?.(g + 1, groups.length);
  }
  return { baseLoss, increase };
}
