/**
 * The fused engines' input gradient (backwardInput) against tf.grad through the tfjs layers
 * model on the cpu backend: d(sum_k seed[r, k] out[r, k]) / dx for a random seed, LSTM and GRU,
 * 1 and 2 layers (the second with dropout between them, which inference must ignore), sigmoid
 * and hardSigmoid gates. Units 6 and batch 5 exercise the kernels' tail paths, units 16 the tiles.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/rng';
import type { CellKind, EngineShape } from './engine';
import { loadEngine, randomBatch, randomizeBiases, referenceModel, relDiff } from './fusedFixtures.testkit';
import { makeEngine, parityHarness } from './parityHarness.testkit';

const note = parityHarness('fused input gradient');

const cases: { cell: CellKind; hard: boolean; layers: number; units: number; dropout: number }[] = [];
for (const cell of ['lstm', 'gru'] as const) {
  for (const hard of [false, true]) {
    cases.push({ cell, hard, layers: 1, units: 6, dropout: 0 }, { cell, hard, layers: 2, units: 16, dropout: 0.3 });
  }
}

describe.each(['wasm', 'js'] as const)('fused %s engine: dOut/dx vs tf.grad', (kind) => {
  it.each(cases)('$cell, hardSigmoid $hard, $layers layer(s) of $units units', async ({ cell, hard, layers, units, dropout }) => {
    const shape: EngineShape = { cell, layers, units, features: 3, lookback: 7, outputs: 2, maxBatch: 5, hardSigmoid: hard, dropout };
    const model = referenceModel(shape, 21);
    randomizeBiases(model, 22);
    const engine = await makeEngine(kind, shape);
    loadEngine(engine, model);
    const b = shape.maxBatch;
    const { x } = randomBatch(shape, b, 23);
    const rng = createRng(24);
    const seed = Float32Array.from({ length: b * shape.outputs }, () => rng.normal());
    const before = tf.memory().numTensors;
    try {
      engine.x().set(x);
      // Stale masks and gradients must not leak into the inference-mode pass.
      engine.mask().fill(0);
      engine.forward(b);
      engine.dOut().set(seed);
      const gradsBefore = engine.grads().slice();
      engine.backwardInput(b);
      const want = tf.tidy(() => {
        const seedT = tf.tensor2d(seed, [b, shape.outputs]);
        const f = (xin: tf.Tensor): tf.Scalar => (model.apply(xin, { training: false }) as tf.Tensor).mul(seedT).sum();
        return tf.grad(f)(tf.tensor3d(x, [b, shape.lookback, shape.features]));
      });
      const ref = want.dataSync();
      want.dispose();
      expect(tf.memory().numTensors).toBe(before);
      const rel = relDiff(engine.dx().subarray(0, ref.length), ref);
      note(`${kind}.dx.rel`, rel);
      expect(rel).toBeLessThan(1e-5);
      expect(engine.grads()).toEqual(gradsBefore);
      // A one-hot seed gives one output's gradient; rows are independent.
      engine.forward(2);
      engine.dOut().fill(0);
      engine.dOut()[shape.outputs] = 1;
      engine.backwardInput(2);
      const stride = shape.lookback * shape.features;
      expect(engine.dx().subarray(0, stride).every((v) => v === 0)).toBe(true);
      expect(engine.dx().subarray(stride, 2 * stride).some((v) => v !== 0)).toBe(true);
    } finally {
      model.dispose();
    }
  });
});
