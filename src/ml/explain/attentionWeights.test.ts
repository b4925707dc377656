import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CancelledError } from '../../core/executor';
import { createLocalExecutor } from '../localExecutor';
import { disposeModel, trainModel } from '../train';
import { attentionByStep, attentionLayers } from './attentionWeights';
import { FAST_TRAINING, LOOKBACK, plantedWindows } from '../testFixtures.testkit';

const executor = createLocalExecutor('cpu');
beforeAll(() => tf.setBackend('cpu'));
afterAll(() => executor.dispose());

describe('attention weights per window step', () => {
  it('are a distribution over the window for every window, and differ between windows', async () => {
    const handle = await executor.train({ type: 'attention', lookback: LOOKBACK, dModel: 8, heads: 2, ffDim: 16, blocks: 2 }, FAST_TRAINING, plantedWindows(64, 1));
    try {
      const test = plantedWindows(300, 2);
      const before = tf.memory().numTensors;
      const weights = await executor.attentionWeights(handle, test);
      expect(tf.memory().numTensors).toBe(before);
      expect(weights).toHaveLength(300 * LOOKBACK);
      for (let r = 0; r < 300; r++) {
        const row = weights.subarray(r * LOOKBACK, (r + 1) * LOOKBACK);
        expect(row.every((w) => w >= 0)).toBe(true);
        expect(Math.abs(row.reduce((s, w) => s + w, 0) - 1)).toBeLessThan(1e-5);
      }
      expect(Array.from(weights.subarray(0, LOOKBACK))).not.toEqual(Array.from(weights.subarray(LOOKBACK, 2 * LOOKBACK)));
      const controller = new AbortController();
      controller.abort();
      await expect(executor.attentionWeights(handle, test, { signal: controller.signal })).rejects.toBeInstanceOf(CancelledError);
    } finally {
      await executor.release(handle);
    }
  });

  it("read each block's own input: the same as a sub-model that ends at the block", async () => {
    const trained = await trainModel({ type: 'attention', lookback: LOOKBACK, dModel: 8, heads: 2, ffDim: 16, blocks: 2 }, FAST_TRAINING, plantedWindows(64, 1));
    try {
      if (trained.built.kind !== 'layers') throw new Error('attention builds a layers model');
      const model = trained.built.model;
      const test = plantedWindows(4, 3);
      const got = await attentionByStep(model, test.x, 4, LOOKBACK, 2);
      const want = tf.tidy(() => {
        const x = tf.tensor3d(test.x, [4, LOOKBACK, 2]);
        const blocks = attentionLayers(model);
        // A second graph over the same layers (not disposed: it owns no weights of its own).
        const upTo = tf.model({ inputs: model.inputs, outputs: blocks.map((b) => b.input as tf.SymbolicTensor) });
        const inputs = upTo.predict(x) as tf.Tensor[];
        return tf.addN(inputs.map((h, i) => blocks[i]!.probabilities(h).mean([1, 2]))).div(blocks.length).dataSync();
      });
      got.forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 6));
    } finally {
      disposeModel(trained);
    }
  });

  it('reject for a model without attention, naming it', async () => {
    const handle = await executor.train({ type: 'mlp', lookback: LOOKBACK, hidden: [4] }, FAST_TRAINING, plantedWindows(64, 1));
    await expect(executor.attentionWeights(handle, plantedWindows(3, 2))).rejects.toThrow('attention weights: the mlp model has none; they exist for the attention model only');
    await executor.release(handle);
  });
});
