/**
 * Executor.recurrentStates on trained tiny LSTM and GRU models: every gate and state equals a
 * tf-ops recomputation from the model's own weights within 1e-6, and the last step's hidden state
 * equals what the model's tfjs recurrent layer outputs for the window.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { RECURRENT_SERIES } from '../../core/diagnostics/recurrentSeries';
import type { ModelSpecInput } from '../../core/executor';
import { createLocalExecutor } from '../localExecutor';
import { FAST_TRAINING, FEATURES, LOOKBACK, plantedWindows } from '../testFixtures.testkit';
import { gatesReference } from './gatesReference.testkit';

const CASES: { spec: ModelSpecInput; hardSigmoid: boolean }[] = [
  { spec: { type: 'lstm', lookback: LOOKBACK, units: 5, recurrentActivation: 'sigmoid' }, hardSigmoid: false },
  { spec: { type: 'lstm', lookback: LOOKBACK, units: 4, recurrentActivation: 'hardSigmoid', layers: 2 }, hardSigmoid: true },
  { spec: { type: 'gru', lookback: LOOKBACK, units: 5, recurrentActivation: 'sigmoid' }, hardSigmoid: false },
  { spec: { type: 'gru', lookback: LOOKBACK, units: 3, recurrentActivation: 'hardSigmoid' }, hardSigmoid: true },
];

describe('recurrent states of a trained model', () => {
  it.each(CASES)('$spec.type ($spec.recurrentActivation) equal a tf-ops recomputation within 1e-6', async ({ spec, hardSigmoid }) => {
    await tf.setBackend('cpu');
    const executor = createLocalExecutor('cpu');
    try {
      const handle = await executor.train(spec, { ...FAST_TRAINING, epochs: 1 }, plantedWindows(64, 3));
      const bundle = await executor.exportModel(handle);
      const model = await tf.loadLayersModel(tf.io.fromMemory(bundle.parts[0]!));
      const windows = plantedWindows(2, 9);
      const cell = spec.type === 'lstm' ? 'lstm' : 'gru';
      const names = RECURRENT_SERIES[cell];
      const units = spec.type === 'lstm' || spec.type === 'gru' ? (spec.units ?? 0) : 0;
      const got = await executor.recurrentStates(handle, windows);
      expect(got.length).toBe(2 * names.length * LOOKBACK * units);

      const weights = model.getWeights();
      const [kernel, recurrentKernel, bias] = weights.slice(0, 3).map((w) => Float32Array.from(w.dataSync()));
      const block = LOOKBACK * units;
      let worst = 0;
      let worstLayer = 0;
      for (let r = 0; r < 2; r++) {
        const window = windows.x.slice(r * LOOKBACK * FEATURES, (r + 1) * LOOKBACK * FEATURES);
        const want = gatesReference({ cell, units, features: FEATURES, lookback: LOOKBACK, hardSigmoid }, { weights: { kernel: kernel!, recurrentKernel: recurrentKernel!, bias: bias! }, window }, );
        expect(Object.keys(want)).toEqual([...names]);
        names.forEach((name, k) =>
          want[name]!.forEach((row, t) => row.forEach((v, j) => (worst = Math.max(worst, Math.abs(got[(r * names.length + k) * block + t * units + j]! - v))))),
        );
        // The first recurrent layer of the tfjs model itself, on the same window.
        const layerOut = tf.tidy(() => {
          const y = model.layers[0]!.apply(tf.tensor3d(window, [1, LOOKBACK, FEATURES])) as tf.Tensor;
          return Array.from((y.rank === 3 ? y.slice([0, LOOKBACK - 1, 0], [1, 1, units]) : y).dataSync());
        });
        const hidden = (names.length - 1) * block + (LOOKBACK - 1) * units;
        layerOut.forEach((v, j) => (worstLayer = Math.max(worstLayer, Math.abs(got[r * names.length * block + hidden + j]! - v))));
      }
      expect(worst).toBeLessThan(1e-6);
      expect(worstLayer).toBeLessThan(1e-5);
      model.dispose();
    } finally {
      executor.dispose();
    }
  });

  it('rejects a model without gates, naming it', async () => {
    const executor = createLocalExecutor('cpu');
    try {
      const handle = await executor.train({ type: 'mlp', lookback: LOOKBACK, hidden: [4] }, FAST_TRAINING, plantedWindows(32, 1));
      await expect(executor.recurrentStates(handle, plantedWindows(1, 2))).rejects.toThrow(/the mlp model has no gates/);
    } finally {
      executor.dispose();
    }
  });
});
