/**
 * The fused engines' direction (logistic on logits) and quantile (pinball) heads against tfjs:
 * the same weights, loss values and every gradient equal tfjs variableGrads of
 * optimization.ts lossFor, for LSTM and GRU, 1 and 2 layers, sigmoid and hardSigmoid gates.
 * Plus the tie of the pinball loss (y exactly equal to a predicted quantile), where tfjs's
 * maximum picks its first argument.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { ResolvedTarget } from '../models/types';
import { lossFor } from '../optimization';
import { yWidth, type CellKind, type EngineShape } from './engine';
import { headLossOf } from './fusedTrainer';
import { loadEngine, randomBatch, randomizeBiases, referenceGradients, referenceModel, worstGradient } from './fusedFixtures.testkit';
import { makeEngine, parityHarness } from './parityHarness.testkit';

const note = parityHarness('fused heads');

const HORIZON = 2;
const targets: Record<'direction' | 'quantile', ResolvedTarget> = {
  direction: { type: 'direction' },
  quantile: { type: 'quantile', quantiles: [0.1, 0.5, 0.9] },
};
const widthOf = (target: ResolvedTarget): number => HORIZON * (target.type === 'quantile' ? target.quantiles.length : 1);

const cases: { cell: CellKind; hard: boolean; layers: number; units: number; target: 'direction' | 'quantile' }[] = [];
for (const target of ['direction', 'quantile'] as const) {
  for (const cell of ['lstm', 'gru'] as const) {
    for (const hard of [false, true]) cases.push({ cell, hard, layers: 1, units: 6, target }, { cell, hard, layers: 2, units: 16, target });
  }
}

function shapeOf(cell: CellKind, hard: boolean, layers: number, units: number, target: ResolvedTarget): EngineShape {
  return { cell, layers, units, features: 3, lookback: 7, outputs: widthOf(target), maxBatch: 5, hardSigmoid: hard, loss: headLossOf(target) };
}

describe.each(['wasm', 'js'] as const)('fused %s engine heads vs tfjs lossFor', (kind) => {
  it.each(cases)('$target: $cell, hardSigmoid $hard, $layers layer(s) of $units units', async ({ cell, hard, layers, units, target }) => {
    const resolved = targets[target];
    const shape = shapeOf(cell, hard, layers, units, resolved);
    const model = referenceModel(shape, 21);
    randomizeBiases(model, 22);
    const engine = await makeEngine(kind, shape);
    loadEngine(engine, model);
    const b = shape.maxBatch;
    const { x, y } = randomBatch(shape, b, 23);
    y[0] = 0; // label 0, as y > 0 says
    const xt = tf.tensor3d(x, [b, shape.lookback, shape.features]);
    const yt = tf.tensor2d(y, [b, HORIZON]);
    try {
      engine.x().set(x);
      engine.y().set(y);
      const value = engine.gradients(b);
      const ref = referenceGradients(model, xt, yt, lossFor(resolved, HORIZON));
      note(`${kind}.${target}.loss.abs`, Math.abs(value - ref.value));
      expect(Math.abs(value - ref.value)).toBeLessThan(1e-5);
      const rel = worstGradient(engine, ref.grads);
      note(`${kind}.${target}.grad.rel`, rel);
      expect(rel).toBeLessThan(1e-4);
    } finally {
      tf.dispose([xt, yt]);
      model.dispose();
    }
  });

  it('quantile ties (y equal to a predicted quantile) take the gradient tfjs gives them', async () => {
    const resolved = targets.quantile;
    const shape = shapeOf('lstm', false, 1, 4, resolved);
    const model = referenceModel(shape, 31);
    // A zero dense kernel makes every output exactly its bias, so y can hit it exactly.
    const bias = Float32Array.from({ length: shape.outputs }, (_, i) => 0.25 * i - 0.6);
    const weights = model.getWeights();
    const next = weights.map((w, i) => (i === weights.length - 2 ? tf.zerosLike(w) : i === weights.length - 1 ? tf.tensor1d(bias) : w));
    model.setWeights(next);
    tf.dispose(next.filter((w, i) => w !== weights[i]));
    const engine = await makeEngine(kind, shape);
    loadEngine(engine, model);
    const b = shape.maxBatch;
    const { x, y } = randomBatch(shape, b, 33);
    const nq = resolved.type === 'quantile' ? resolved.quantiles.length : 1;
    for (let s = 0; s < b; s++) for (let h = 0; h < yWidth(shape); h++) y[s * HORIZON + h] = bias[h * nq + (s % nq)]!;
    const xt = tf.tensor3d(x, [b, shape.lookback, shape.features]);
    const yt = tf.tensor2d(y, [b, HORIZON]);
    try {
      engine.x().set(x);
      engine.y().set(y);
      const value = engine.gradients(b);
      const ref = referenceGradients(model, xt, yt, lossFor(resolved, HORIZON));
      expect(Math.abs(value - ref.value)).toBeLessThan(1e-6);
      // The bias gradient is the column sum of dLoss/dq: a tie sent the other way moves it by 1/n.
      const biasGrad = engine.grads().subarray(engine.paramCount - shape.outputs);
      expect(Array.from(biasGrad)).toEqual(Array.from(ref.grads[ref.grads.length - 1]!).map((v) => expect.closeTo(v, 6)));
      expect(worstGradient(engine, ref.grads)).toBeLessThan(1e-4);
    } finally {
      tf.dispose([xt, yt]);
      model.dispose();
    }
  });
});
