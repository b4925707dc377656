/**
 * The gate activations the fused JS engine computes, against a recomputation of the LSTM and GRU
 * equations with tfjs ops (tf.matMul, tf.sigmoid, tf.tanh on the cpu backend), step by step.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/rng';
import { recurrentStates, type GateShape, type RecurrentWeights } from './gates';

function randomWeights(shape: GateShape, seed: number): { weights: RecurrentWeights; window: Float32Array } {
  const rng = createRng(seed);
  const G = (shape.cell === 'lstm' ? 4 : 3) * shape.units;
  const values = (n: number, scale: number) => Float32Array.from({ length: n }, () => scale * rng.normal());
  return {
    weights: { kernel: values(shape.features * G, 0.5), recurrentKernel: values(shape.units * G, 0.5), bias: values(G, 0.3) },
    window: values(shape.lookback * shape.features, 1),
  };
}

/** The tfjs-layers equations (kernel gate order LSTM i, f, c, o; GRU z, r, h with the reset applied before the recurrent product). */
function reference(shape: GateShape, { weights, window }: ReturnType<typeof randomWeights>): Record<string, number[][]> {
  const { units: H, features: F, lookback: T } = shape;
  const G = (shape.cell === 'lstm' ? 4 : 3) * H;
  return tf.tidy(() => {
    const gate = (x: tf.Tensor) => (shape.hardSigmoid ? tf.clipByValue(tf.add(tf.mul(x, 0.2), 0.5), 0, 1) : tf.sigmoid(x));
    const k = tf.tensor2d(weights.kernel, [F, G]);
    const r = tf.tensor2d(weights.recurrentKernel, [H, G]);
    const b = tf.tensor1d(weights.bias);
    const out: Record<string, number[][]> = {};
    const push = (name: string, t: tf.Tensor) => (out[name] ??= []).push(Array.from(t.dataSync()));
    let h: tf.Tensor = tf.zeros([1, H]);
    let c: tf.Tensor = tf.zeros([1, H]);
    for (let t = 0; t < T; t++) {
      const x = tf.tensor2d(window.subarray(t * F, (t + 1) * F), [1, F]);
      const xz = tf.add(tf.matMul(x, k), b);
      const slice = (z: tf.Tensor, n: number) => tf.slice(z, [0, n * H], [1, H]);
      if (shape.cell === 'lstm') {
        const z = tf.add(xz, tf.matMul(h, r));
        const [i, f, g, o] = [gate(slice(z, 0)), gate(slice(z, 1)), tf.tanh(slice(z, 2)), gate(slice(z, 3))];
        c = tf.add(tf.mul(f, c), tf.mul(i, g));
        h = tf.mul(o, tf.tanh(c));
        for (const [name, value] of [['input gate', i], ['forget gate', f], ['candidate', g], ['output gate', o], ['cell state', c], ['hidden state', h]] as const) push(name, value);
      } else {
        const zr = tf.add(slice(xz, 0), tf.matMul(h, tf.slice(r, [0, 0], [H, H])));
        const rr = tf.add(slice(xz, 1), tf.matMul(h, tf.slice(r, [0, H], [H, H])));
        const z = gate(zr);
        const rg = gate(rr);
        const hh = tf.tanh(tf.add(slice(xz, 2), tf.matMul(tf.mul(rg, h), tf.slice(r, [0, 2 * H], [H, H]))));
        h = tf.add(tf.mul(z, h), tf.mul(tf.sub(1, z), hh));
        for (const [name, value] of [['update gate', z], ['reset gate', rg], ['candidate', hh], ['hidden state', h]] as const) push(name, value);
      }
    }
    return out;
  });
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
    const want = reference(shape, input);
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
