/**
 * Small planted-signal fixtures for the ML tests: random normal features, and a target equal to
 * feature 1 three steps before the end of the window (plus a little noise). Any model that reads
 * the window can learn it; the naive zero forecast cannot.
 */
import type { ModelSpecInput, TrainingSpec, WindowedData } from '../core/executor';
import { createRng } from '../core/rng';

export const LOOKBACK = 6;
export const FEATURES = 2;

export function plantedWindows(n: number, seed: number, options: { horizon?: number; noise?: number; signal?: number } = {}): WindowedData {
  const { horizon = 1, noise = 0.1, signal = 1 } = options;
  const rng = createRng(seed);
  const x = new Float32Array(n * LOOKBACK * FEATURES);
  const y = new Float32Array(n * horizon);
  for (let i = 0; i < x.length; i++) x[i] = rng.normal();
  for (let s = 0; s < n; s++) {
    for (let h = 0; h < horizon; h++) {
      // Step h reads a different lag, so each output has its own signal.
      const lagged = x[(s * LOOKBACK + LOOKBACK - 3 - h) * FEATURES + 1]!;
      y[s * horizon + h] = signal * lagged + noise * rng.normal();
    }
  }
  return { x, y, n, lookback: LOOKBACK, features: FEATURES, horizon };
}

export function mse(pred: ArrayLike<number>, y: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < y.length; i++) sum += (pred[i]! - y[i]!) ** 2;
  return sum / y.length;
}

/** One small spec per registered model type, for the per-model tests. */
export const SMALL_SPECS: readonly ModelSpecInput[] = [
  { type: 'naive', lookback: LOOKBACK },
  { type: 'drift', lookback: LOOKBACK },
  { type: 'ridge', lookback: LOOKBACK, lambda: 0.1 },
  { type: 'mlp', lookback: LOOKBACK, hidden: [16], dropout: 0.1 },
  { type: 'lstm', lookback: LOOKBACK, units: 8, recurrentActivation: 'sigmoid', layers: 2, dropout: 0.1 },
  { type: 'gru', lookback: LOOKBACK, units: 8 },
  { type: 'cnnLstm', lookback: LOOKBACK, filters: 4, kernelSize: 3, units: 8 },
  { type: 'attention', lookback: LOOKBACK, dModel: 8, heads: 2, ffDim: 16, blocks: 1, dropout: 0.1 },
  {
    type: 'ensemble',
    lookback: LOOKBACK,
    combine: 'stacked',
    members: [
      { type: 'ridge', lookback: LOOKBACK, lambda: 0.1 },
      { type: 'mlp', lookback: LOOKBACK, hidden: [8], dropout: 0 },
    ],
  },
];

export const FAST_TRAINING: TrainingSpec = { epochs: 2, batchSize: 32, learningRate: 0.01, seed: 11 };
