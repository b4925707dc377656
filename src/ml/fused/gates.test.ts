/**
 * The gate activations the fused JS engine computes, against a recomputation of the LSTM and GRU
 * equations with tfjs ops (tf.matMul, tf.sigmoid, tf.tanh on the cpu backend), step by step.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/rng';
import { recurrentStates, type GateShape, type RecurrentWeights } from './gates';
import { gatesReference } from './gatesReference.testkit';

function randomWeights(shape: GateShape, seed: number): { weights: RecurrentWeights; window: Float32Array } {
  const rng = createRng(seed);
  const G = (shape.cell === 'lstm' ? 4 : 3) * shape.units;
  const values = (n: number, scale: number) => Float32Array.from({ length: n }, () => scale * rng.normal());
  return {
    weights: { kernel: values(shape.features * G, 0.5), recurrentKernel: values(shape.units * G, 0.5), bias: values(G, 0.3) },
    window: values(shape.lookback * shape.features, 1),
  };
}

describe('gate activations of the fused JS engine', () => {
  const cases: GateShape[] = [
    { cell: 'lstm', units: 5, features: 3, lookback: 6, hardSigmoid: false },
    { cell: 'lstm', units: 4, features: 2, lookback: 5, hardSigmoid: true },
    { cell: 'gru', units: 5, features: 3, lookback: 6, hardSigmoid: false },
    { cell: 'gru', units: 4, features: 2, lookback: 5, hardSigmoid: true },
  ];
  it.each(cases)('$cell (hardSigmoid $hardSigmoid) equal a tf-ops recomputation within 1e-6', async (shape) => {
    await tf.setBackend('cpu');
    const before = tf.memory().numTensors;
    const input = randomWeights(shape, 42);
    const want = gatesReference(shape, input);
    const got = recurrentStates(shape, input.weights, input.window);
    expect(got.map((s) => s.name)).toEqual(Object.keys(want));
    let worst = 0;
    for (const series of got) {
      const rows = want[series.name]!;
      rows.forEach((row, t) => row.forEach((v, j) => (worst = Math.max(worst, Math.abs(series.values[t * shape.units + j]! - v)))));
    }
    expect(worst).toBeLessThan(1e-6);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('names a weight of the wrong size', () => {
    const shape: GateShape = { cell: 'lstm', units: 2, features: 1, lookback: 3, hardSigmoid: false };
    const { weights, window } = randomWeights(shape, 1);
    expect(() => recurrentStates(shape, { ...weights, bias: new Float32Array(3) }, window)).toThrow(/the bias has 3 values, expected 8/);
  });
});
