import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { artifactsOf } from '../persist';
import { referenceModel } from './fusedFixtures.testkit';
import { firstRecurrentWeights } from './gateWeights';

describe('firstRecurrentWeights', () => {
  it.each(['lstm', 'gru'] as const)('reads the first %s layer of a saved model as getWeights() holds it', async (cell) => {
    await tf.setBackend('cpu');
    const shape = { cell, layers: 2, units: 4, features: 3, lookback: 5, outputs: 1, maxBatch: 2, hardSigmoid: false };
    const model = referenceModel(shape, 3);
    try {
      const artifacts = await artifactsOf(model);
      const weights = firstRecurrentWeights(artifacts, 3, 4, cell === 'lstm' ? 4 : 3);
      const [kernel, recurrent, bias] = model.getWeights().slice(0, 3).map((w) => w.dataSync());
      expect(weights.kernel).toEqual(kernel);
      expect(weights.recurrentKernel).toEqual(recurrent);
      expect(weights.bias).toEqual(bias);
      expect(() => firstRecurrentWeights(artifacts, 5, 4, 4)).toThrow(/no recurrent layer of 4 units over 5 features/);
    } finally {
      model.dispose();
    }
  });
});
