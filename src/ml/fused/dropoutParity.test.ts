/**
 * Dropout between stacked layers in the fused engines: with a fixed mask, the loss and every
 * gradient equal a tfjs reference that multiplies each recurrent layer's output sequence by the
 * same mask tensor; forward (inference) ignores the mask. b < maxBatch checks that each layer
 * reads its own [maxBatch, T, H] slab of mask().
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/rng';
import type { ResolvedTarget } from '../models/types';
import { lossFor } from '../optimization';
import { fillDropoutMasks } from './dropout';
import { type CellKind, type EngineShape } from './engine';
import { headLossOf } from './fusedTrainer';
import { loadEngine, maxAbsDiff, randomBatch, randomizeBiases, referenceGradients, referenceModel, worstGradient } from './fusedFixtures.testkit';
import { makeEngine, parityHarness } from './parityHarness.testkit';

const note = parityHarness('fused dropout');

const RATE = 0.3;
const regression: ResolvedTarget = { type: 'regression' };
const quantile: ResolvedTarget = { type: 'quantile', quantiles: [0.2, 0.5, 0.8] };
const cases: { cell: CellKind; hard: boolean; layers: number; units: number; target: ResolvedTarget }[] = [];
for (const cell of ['lstm', 'gru'] as const) {
  for (const hard of [false, true]) cases.push({ cell, hard, layers: 2, units: 16, target: regression });
  cases.push({ cell, hard: false, layers: 3, units: 6, target: regression }, { cell, hard: true, layers: 2, units: 8, target: quantile });
}

describe.each(['wasm', 'js'] as const)('fused %s engine dropout vs tfjs with the same mask', (kind) => {
  it.each(cases)('$cell, hardSigmoid $hard, $layers layers of $units units, $target.type', async ({ cell, hard, layers, units, target }) => {
    const horizon = 2;
    const outputs = horizon * (target.type === 'quantile' ? target.quantiles.length : 1);
    const shape: EngineShape = {
      cell, layers, units, features: 3, lookback: 7, outputs, maxBatch: 5, hardSigmoid: hard, loss: headLossOf(target), dropout: RATE,
    };
    const model = referenceModel(shape, 41);
    randomizeBiases(model, 42);
    const engine = await makeEngine(kind, shape);
    loadEngine(engine, model);
    const b = shape.maxBatch - 1;
    const { x, y } = randomBatch(shape, b, 43);
    const seq = b * shape.lookback * units;
    const slab = shape.maxBatch * shape.lookback * units;
    expect(engine.mask()).toHaveLength((layers - 1) * slab);
    fillDropoutMasks(engine, b, createRng(44));
    const mask = engine.mask();
    const dropped = mask.filter((v, i) => i % slab < seq && v === 0).length;
    expect(dropped / ((layers - 1) * seq)).toBeCloseTo(RATE, 1);
    const xt = tf.tensor3d(x, [b, shape.lookback, shape.features]);
    const yt = tf.tensor2d(y, [b, horizon]);
    const masks = Array.from({ length: layers - 1 }, (_, l) => tf.tensor3d(mask.slice(l * slab, l * slab + seq), [b, shape.lookback, units]));
    try {
      engine.x().set(x);
      engine.y().set(y);
      engine.forward(b);
      const predicted = tf.tidy(() => model.predict(xt) as tf.Tensor).dataSync();
      expect(maxAbsDiff(engine.out().subarray(0, predicted.length), predicted)).toBeLessThan(1e-5);
      const value = engine.gradients(b);
      const ref = referenceGradients(model, xt, yt, lossFor(target, horizon), masks);
      note(`${kind}.loss.abs`, Math.abs(value - ref.value));
      expect(Math.abs(value - ref.value)).toBeLessThan(1e-5);
      const rel = worstGradient(engine, ref.grads);
      note(`${kind}.grad.rel`, rel);
      expect(rel).toBeLessThan(1e-4);
      // The mask matters: without it the reference differs.
      const unmasked = referenceGradients(model, xt, yt, lossFor(target, horizon));
      expect(worstGradient(engine, unmasked.grads)).toBeGreaterThan(1e-2);
    } finally {
      tf.dispose([xt, yt, ...masks]);
      model.dispose();
    }
  });
});
