/**
 * The LSTM and GRU equations of tfjs-layers recomputed with tfjs ops (tf.matMul, tf.sigmoid,
 * tf.tanh), step by step: the reference the fused engine's gate activations are checked against.
 */
import * as tf from '@tensorflow/tfjs';
import type { GateShape, RecurrentWeights } from './gates';

/** The tfjs-layers equations (kernel gate order LSTM i, f, c, o; GRU z, r, h with the reset applied before the recurrent product). */
export function gatesReference(shape: GateShape, { weights, window }: { weights: RecurrentWeights; window: Float32Array }): Record<string, number[][]> {
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
