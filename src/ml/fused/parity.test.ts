/**
 * The fused engines (wasm SIMD and plain JS) against tfjs layers on the cpu backend: forward
 * outputs, every gradient, and weights after 5 Adam steps, for LSTM and GRU, 1 and 2 layers,
 * sigmoid and hardSigmoid gates. Units 6 and batch 5 exercise the kernels' tail paths (odd rows,
 * columns not a multiple of 16 or 4); units 16 the full SIMD tiles.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { lossFor } from '../train';
import { ADAM_DEFAULTS, type CellKind, type EngineShape } from './engine';
import { loadEngine, maxAbsDiff, randomBatch, randomizeBiases, referenceModel, relDiff } from './fusedFixtures.testkit';
import { makeEngine, parityHarness } from './parityHarness.testkit';

const note = parityHarness('fused parity');

const cases: { cell: CellKind; hard: boolean; layers: number; units: number }[] = [];
for (const cell of ['lstm', 'gru'] as const) {
  for (const hard of [false, true]) {
    cases.push({ cell, hard, layers: 1, units: 6 }, { cell, hard, layers: 2, units: 16 });
  }
}

describe.each(['wasm', 'js'] as const)('fused %s engine vs tfjs layers', (kind) => {
  it.each(cases)('$cell, hardSigmoid $hard, $layers layer(s) of $units units', async ({ cell, hard, layers, units }) => {
    const shape: EngineShape = { cell, layers, units, features: 3, lookback: 7, outputs: 2, maxBatch: 5, hardSigmoid: hard };
    const model = referenceModel(shape, 11);
    randomizeBiases(model, 12);
    const engine = await makeEngine(kind, shape);
    loadEngine(engine, model);
    const b = shape.maxBatch;
    const { x, y } = randomBatch(shape, b, 13);
    const xt = tf.tensor3d(x, [b, shape.lookback, shape.features]);
    const yt = tf.tensor2d(y, [b, shape.outputs]);
    const loss = lossFor({ type: 'regression' }, shape.outputs);
    try {
      engine.x().set(x);
      engine.y().set(y);
      // Forward.
      engine.forward(b);
      const ref = tf.tidy(() => model.predict(xt) as tf.Tensor).dataSync();
      const fwd = maxAbsDiff(engine.out().subarray(0, ref.length), ref);
      note(`${kind}.forward.maxAbs`, fwd);
      expect(fwd).toBeLessThan(1e-5);
      // Gradients of the same loss, every weight tensor.
      const lossValue = engine.gradients(b);
      const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
      const { value, grads } = tf.variableGrads(() => loss(model.apply(xt, { training: true }) as tf.Tensor, yt), variables);
      expect(Math.abs(lossValue - value.dataSync()[0]!)).toBeLessThan(1e-5);
      let at = 0;
      for (const v of variables) {
        const want = grads[v.name]!.dataSync();
        const got = engine.grads().subarray(at, at + want.length);
        at += want.length;
        const rel = relDiff(got, want);
        note(`${kind}.grad.rel`, rel);
        expect(rel, `gradient of ${v.name}`).toBeLessThan(1e-4);
      }
      expect(at).toBe(engine.paramCount);
      tf.dispose([value, ...Object.values(grads)]);
      // 5 Adam steps on 5 different batches, both sides, at the product's default rate 1e-3. Adam
      // divides by sqrt(v) + 1e-7: a gradient element near 1e-7 (a bias whose terms cancel) moves
      // by about lr whatever its float32 summation noise, so the bound scales with lr (at 1e-2 the
      // worst element differs by 4.4e-5, all of it summation order in one such bias element).
      const lr = 1e-3;
      const optimizer = tf.train.adam(lr);
      engine.resetOptimizer(ADAM_DEFAULTS.beta1, ADAM_DEFAULTS.beta2);
      for (let step = 0; step < 5; step++) {
        const batch = randomBatch(shape, b, 100 + step);
        engine.x().set(batch.x);
        engine.y().set(batch.y);
        engine.step(b, { optimizer: 'adam', learningRate: lr, ...ADAM_DEFAULTS });
        const bx = tf.tensor3d(batch.x, [b, shape.lookback, shape.features]);
        const by = tf.tensor2d(batch.y, [b, shape.outputs]);
        const cost = optimizer.minimize(() => loss(model.apply(bx, { training: true }) as tf.Tensor, by), true, variables);
        tf.dispose([bx, by, ...(cost ? [cost] : [])]);
      }
      optimizer.dispose();
      at = 0;
      for (const w of model.getWeights()) {
        const want = w.dataSync();
        const diff = maxAbsDiff(engine.params().subarray(at, at + want.length), want);
        at += want.length;
        note(`${kind}.adam5.maxAbs`, diff);
        expect(diff).toBeLessThan(1e-5);
      }
    } finally {
      tf.dispose([xt, yt]);
      model.dispose();
    }
  });
});
