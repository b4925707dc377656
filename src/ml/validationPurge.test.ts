import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelSpecInput as ModelSpec, TrainProgress } from '../core/executor';
import { plantedWindows, LOOKBACK } from './testFixtures.testkit';
import { disposeModel, trainModel } from './train';

/**
 * The purge zone between the training part and the validation tail is read by neither: poison
 * its targets with NaN and both the training loss and the validation loss stay finite. Before
 * the purge the poisoned windows were the last training windows and the loss became NaN.
 */
describe('the early-stopping validation tail is purged from the training rows before it', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  const n = 120;
  const horizon = 1;
  const purge = LOOKBACK + horizon - 1;
  const nVal = Math.floor(n * 0.1);

  it.each<[string, ModelSpec]>([
    ['tfjs layers (mlp)', { type: 'mlp', lookback: LOOKBACK, hidden: [8], dropout: 0 }],
    ['fused engine (lstm)', { type: 'lstm', lookback: LOOKBACK, units: 4, recurrentActivation: 'sigmoid' }],
  ])('%s', async (_, spec) => {
    const data = plantedWindows(n, 3, { horizon });
    for (let w = n - nVal - purge; w < n - nVal; w++) data.y[w] = NaN;
    const events: TrainProgress[] = [];
    const trained = await trainModel(spec, { epochs: 2, batchSize: 16, learningRate: 0.01, seed: 1 }, data, { onProgress: (p) => events.push(p) });
    disposeModel(trained);
    const ends = events.filter((e) => e.batch === e.batches);
    expect(ends).toHaveLength(2);
    for (const e of ends) {
      expect(Number.isFinite(e.epochLoss)).toBe(true);
      expect(Number.isFinite(e.valLoss)).toBe(true);
    }
    // The last training window is the one just before the purge zone: poison it and training sees NaN.
    data.y[n - nVal - purge - 1] = NaN;
    const poisoned: TrainProgress[] = [];
    const again = await trainModel(spec, { epochs: 1, batchSize: 16, learningRate: 0.01, seed: 1 }, data, { onProgress: (p) => poisoned.push(p) });
    disposeModel(again);
    expect(poisoned.some((e) => !Number.isFinite(e.loss))).toBe(true);
  });
});
