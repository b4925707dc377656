/**
 * The LSTM step and its backward in plain tf ops, with the packed layouts of layout.ts: the
 * specification the WGSL kernels are tested against, and a working engine on any backend.
 * Math as tf.layers.lstm: z = x·Wx + h·Wh + b; i, f, o = act(z); g = tanh(z); c = f c' + i g;
 * h = o tanh(c); hardSigmoid = clip(0.2 z + 0.5, 0, 1), whose gradient passes inside the clip.
 */
import * as tf from '@tensorflow/tfjs';
import type { GateActivation, LstmLayerWeights } from './layout';

/** One LSTM timestep forward and backward; the same contract for the WGSL kernels and tf ops. */
export interface LstmStepOps {
  readonly name: string;
  /**
   * State of step t, [B, 6H]. `x` is [B, T, S] with S >= F: the step reads x[:, t, 0:F], so the
   * stacked states [B, T, 6H] of the layer below feed this one as they are (its h is block 0).
   */
  forward(x: tf.Tensor3D, weights: LstmLayerWeights<tf.Tensor>, prev: tf.Tensor2D, t: number, activation: GateActivation): tf.Tensor2D;
  /**
   * Carry of step t, [B, 6H], from the gradient into h_t from above (`dhAbove` [B, T, H], row t),
   * the carry of step t + 1 (zeros at the last step), the states of steps t and t - 1.
   */
  backward(
    dhAbove: tf.Tensor3D,
    carryNext: tf.Tensor2D,
    state: tf.Tensor2D,
    prevState: tf.Tensor2D,
    recurrentKernel: tf.Tensor,
    t: number,
    activation: GateActivation,
  ): tf.Tensor2D;
}

const block = (packed: tf.Tensor2D, index: number, units: number): tf.Tensor2D =>
  tf.slice(packed, [0, index * units], [packed.shape[0], units]);

function gate(z: tf.Tensor, activation: GateActivation): tf.Tensor {
  // The same op sequence as tfjs-layers' hardSigmoid (add(0.5, mul(0.2, x)), then clip).
  return activation === 'sigmoid' ? tf.sigmoid(z) : tf.clipByValue(tf.add(0.5, tf.mul(0.2, z)), 0, 1);
}

/** d act / d z expressed with the activation a (a pre-activation exactly on a clip edge is measure zero). */
function gateSlope(a: tf.Tensor, activation: GateActivation): tf.Tensor {
  if (activation === 'sigmoid') return tf.mul(a, tf.sub(1, a));
  return tf.where(tf.logicalAnd(tf.greater(a, 0), tf.less(a, 1)), tf.fill(a.shape, 0.2), tf.zerosLike(a));
}

export const referenceStepOps: LstmStepOps = {
  name: 'tf ops',
  forward(x, weights, prev, t, activation) {
    return tf.tidy(() => {
      const [batch] = x.shape;
      const features = weights.kernel.shape[0]!;
      const units = weights.recurrentKernel.shape[0]!;
      const xt = tf.reshape(tf.slice(x, [0, t, 0], [batch, 1, features]), [batch, features]);
      const z = tf.add(tf.add(tf.matMul(xt, weights.kernel as tf.Tensor2D), tf.matMul(block(prev, 0, units), weights.recurrentKernel as tf.Tensor2D)), weights.bias);
      const [zi, zf, zg, zo] = tf.split(z, 4, 1) as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
      const i = gate(zi, activation);
      const f = gate(zf, activation);
      const g = tf.tanh(zg);
      const o = gate(zo, activation);
      const c = tf.add(tf.mul(f, block(prev, 1, units)), tf.mul(i, g));
      const h = tf.mul(o, tf.tanh(c));
      return tf.concat([h, c, i, f, g, o], 1) as tf.Tensor2D;
    });
  },
  backward(dhAbove, carryNext, state, prevState, recurrentKernel, t, activation) {
    return tf.tidy(() => {
      const [batch, , units] = dhAbove.shape;
      const dh = tf.add(tf.reshape(tf.slice(dhAbove, [0, t, 0], [batch, 1, units]), [batch, units]), block(carryNext, 5, units));
      const [c, i, f, g, o] = [1, 2, 3, 4, 5].map((k) => block(state, k, units)) as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
      const tanhC = tf.tanh(c);
      const dc = tf.add(block(carryNext, 4, units), tf.mul(tf.mul(dh, o), tf.sub(1, tf.square(tanhC))));
      const dzI = tf.mul(tf.mul(dc, g), gateSlope(i, activation));
      const dzF = tf.mul(tf.mul(dc, block(prevState, 1, units)), gateSlope(f, activation));
      const dzG = tf.mul(tf.mul(dc, i), tf.sub(1, tf.square(g)));
      const dzO = tf.mul(tf.mul(dh, tanhC), gateSlope(o, activation));
      const dz = tf.concat([dzI, dzF, dzG, dzO], 1) as tf.Tensor2D;
      const dhPrev = tf.matMul(dz, recurrentKernel as tf.Tensor2D, false, true);
      return tf.concat([dz, tf.mul(dc, f), dhPrev], 1) as tf.Tensor2D;
    });
  },
};
