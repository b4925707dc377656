/**
 * The tf-ops LSTM step (forward and backward, explicit BPTT) against tf.layers.lstm on the cpu
 * backend: outputs, every gradient and the weights after 5 Adam steps, 1 and 2 layers, sigmoid
 * and hardSigmoid gates. The WGSL kernels are checked against this reference in the browser
 * (selftest.html, e2e/webgpu-kernels.spec.ts).
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lossFor } from '../optimization';
import type { EngineShape } from '../fused/engine';
import { maxAbsDiff, randomBatch, randomizeBiases, referenceModel, relDiff } from '../fused/fusedFixtures.testkit';
import { createTrainState, trainStep } from './lstmTraining';
import { referenceStepOps } from './referenceStep';
import { lstmModelForward, lstmModelGradients, paramsFromList, paramsToList } from './sequence';

const worst: Record<string, number> = {};
const note = (key: string, value: number): void => void (worst[key] = Math.max(worst[key] ?? 0, value));

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => console.log(`tf-ops LSTM step vs tf.layers.lstm, worst errors: ${JSON.stringify(worst)}`));

const cases = [false, true].flatMap((hard) => [
  { hard, layers: 1, units: 6 },
  { hard, layers: 2, units: 5 },
]);

describe('tf-ops LSTM step (BPTT) vs tf.layers.lstm', () => {
  it.each(cases)('hardSigmoid $hard, $layers layer(s) of $units units', async ({ hard, layers, units }) => {
    const shape: EngineShape = { cell: 'lstm', layers, units, features: 3, lookback: 7, outputs: 2, maxBatch: 5, hardSigmoid: hard };
    const activation = hard ? 'hardSigmoid' : 'sigmoid';
    const model = referenceModel(shape, 21);
    randomizeBiases(model, 22);
    const b = shape.maxBatch;
    const batch = randomBatch(shape, b, 23);
    const x = tf.tensor3d(batch.x, [b, shape.lookback, shape.features]);
    const y = tf.tensor2d(batch.y, [b, shape.outputs]);
    const loss = lossFor({ type: 'regression' }, shape.outputs);
    const before = tf.memory().numTensors;
    try {
      const weights = model.getWeights();
      const params = paramsFromList(weights);
      const ours = lstmModelForward(referenceStepOps, params, x, activation);
      const theirs = tf.tidy(() => model.predict(x) as tf.Tensor);
      const forward = maxAbsDiff(ours.dataSync(), theirs.dataSync());
      note('forward.maxAbs', forward);
      expect(forward).toBeLessThan(1e-5);
      tf.dispose([ours, theirs]);

      const mine = lstmModelGradients(referenceStepOps, params, x, y, activation);
      const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
      const reference = tf.variableGrads(() => loss(model.apply(x) as tf.Tensor, y), variables);
      expect(mine.loss.dataSync()[0]).toBeCloseTo(reference.value.dataSync()[0]!, 6);
      paramsToList(mine.grads).forEach((g, i) => {
        const err = relDiff(g.dataSync(), reference.grads[variables[i]!.name]!.dataSync());
        note('grad.rel', err);
        expect(err, `gradient of ${variables[i]!.name}`).toBeLessThan(1e-4);
      });
      tf.dispose([mine.loss, ...paramsToList(mine.grads), reference.value, ...Object.values(reference.grads)]);
      expect(tf.memory().numTensors, 'forward and gradients leave no tensors').toBe(before);

      // 5 Adam steps: ours vs the tfjs model trained with the same optimizer.
      const state = createTrainState(weights, 0.01);
      const optimizer = tf.train.adam(0.01);
      for (let step = 0; step < 5; step++) {
        await trainStep(referenceStepOps, state, x, y, activation);
        optimizer.minimize(() => loss(model.apply(x) as tf.Tensor, y), false, variables);
      }
      paramsToList(state.params).forEach((v, i) => {
        const err = maxAbsDiff(v.dataSync(), variables[i]!.dataSync());
        note('adam5.maxAbs', err);
        expect(err, `weights of ${variables[i]!.name} after 5 Adam steps`).toBeLessThan(1e-5);
      });
      state.dispose();
      optimizer.dispose();
    } finally {
      tf.dispose([x, y]);
      model.dispose();
    }
  });
});
