/**
 * The background (the baseline of every explanation): windows drawn, seeded and without
 * replacement, from the fold's TRAINING windows only. The test period never enters it, so an
 * explanation never compares a forecast with the future it forecasts.
 */
import { createRng } from '../rng';
import type { Background } from './masking';

export interface WindowBlock {
  /** [n, width] row-major. */
  x: Float32Array;
  n: number;
}

/** Row indices of a seeded sample of `size` of `n` rows (all of them, in order, when size >= n). */
export function sampleRows(n: number, size: number, seed: number): number[] {
  if (size >= n) return Array.from({ length: n }, (_, i) => i);
  const rng = createRng(seed);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < size; i++) {
    const j = i + rng.int(n - i);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order.slice(0, size).sort((a, b) => a - b);
}

export function pickRows(block: WindowBlock, rows: readonly number[]): Float32Array {
  const width = block.n > 0 ? block.x.length / block.n : 0;
  const out = new Float32Array(rows.length * width);
  rows.forEach((row, i) => out.set(block.x.subarray(row * width, (row + 1) * width), i * width));
  return out;
}

export function drawBackground(training: WindowBlock, size: number, seed: number): Background {
  if (training.n === 0) throw new Error('explain: the fold has no training window to draw the background from');
  const rows = sampleRows(training.n, size, seed);
  return { x: pickRows(training, rows), n: rows.length };
}
