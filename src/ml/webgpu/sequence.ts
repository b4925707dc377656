/**
 * Stacked LSTM layers + dense head with MSE, forward and backpropagation through time on top of
 * an LstmStepOps (WGSL kernels or tf ops). The time loops are one op per step in each direction;
 * the weight gradients are one matmul each after the loop (FUSED-RNN.md). Weights in the
 * tf.layers.lstm / dense layout, so `params` is a model's getWeights() order.
 */
import * as tf from '@tensorflow/tfjs';
import { PACKED_BLOCKS, type GateActivation, type LstmLayerWeights } from './layout';
import type { LstmStepOps } from './referenceStep';

export interface LstmModelParams<T = tf.Tensor> {
  layers: LstmLayerWeights<T>[];
  /** [H, outputs] */
  denseKernel: T;
  /** [outputs] */
  denseBias: T;
}

/** getWeights() order: per layer kernel, recurrentKernel, bias; then dense kernel, bias. */
export function paramsFromList<T>(list: readonly T[]): LstmModelParams<T> {
  if (list.length < 5 || (list.length - 2) % 3 !== 0) throw new Error(`LSTM params: expected 3 per layer + 2, got ${list.length} tensors`);
  const layers: LstmLayerWeights<T>[] = [];
  for (let at = 0; at + 2 < list.length; at += 3) layers.push({ kernel: list[at]!, recurrentKernel: list[at + 1]!, bias: list[at + 2]! });
  return { layers, denseKernel: list[list.length - 2]!, denseBias: list[list.length - 1]! };
}

export function paramsToList<T>(p: LstmModelParams<T>): T[] {
  return [...p.layers.flatMap((l) => [l.kernel, l.recurrentKernel, l.bias]), p.denseKernel, p.denseBias];
}

/** The T states [B, 6H] of one layer over the sequence `x` [B, T, S]. */
export function layerForward(ops: LstmStepOps, x: tf.Tensor3D, weights: LstmLayerWeights<tf.Tensor>, activation: GateActivation): tf.Tensor2D[] {
  const [batch, timesteps] = x.shape;
  const units = weights.recurrentKernel.shape[0]!;
  const states: tf.Tensor2D[] = [];
  let prev: tf.Tensor2D = tf.zeros([batch, PACKED_BLOCKS * units]);
  const zeros = prev;
  for (let t = 0; t < timesteps; t++) {
    prev = ops.forward(x, weights, prev, t, activation);
    states.push(prev);
  }
  zeros.dispose();
  return states;
}

interface ForwardPass {
  /** Per layer: its input [B, T, S], its states and the states stacked, [B, T, 6H]. */
  inputs: tf.Tensor3D[];
  states: tf.Tensor2D[][];
  stacked: tf.Tensor3D[];
  /** h of the last step of the top layer, [B, H]. */
  last: tf.Tensor2D;
  out: tf.Tensor2D;
}

function forwardPass(ops: LstmStepOps, p: LstmModelParams, x: tf.Tensor3D, activation: GateActivation): ForwardPass {
  const inputs: tf.Tensor3D[] = [];
  const states: tf.Tensor2D[][] = [];
  const stacked: tf.Tensor3D[] = [];
  let input = x;
  for (const weights of p.layers) {
    inputs.push(input);
    const layerStates = layerForward(ops, input, weights, activation);
    states.push(layerStates);
    // The stacked states feed the next layer as they are: its kernel reads block 0 (h).
    input = tf.stack(layerStates, 1) as tf.Tensor3D;
    stacked.push(input);
  }
  const top = states[states.length - 1]!;
  const units = p.layers[p.layers.length - 1]!.recurrentKernel.shape[0]!;
  const lastState = top[top.length - 1]!;
  const last = tf.slice(lastState, [0, 0], [lastState.shape[0], units]);
  const out = tf.add(tf.matMul(last, p.denseKernel as tf.Tensor2D), p.denseBias) as tf.Tensor2D;
  return { inputs, states, stacked, last, out };
}

/** Model outputs [B, outputs]. */
export function lstmModelForward(ops: LstmStepOps, p: LstmModelParams, x: tf.Tensor3D, activation: GateActivation): tf.Tensor2D {
  return tf.tidy(() => forwardPass(ops, p, x, activation).out);
}

/** Gradients of one layer's weights and of its input sequence (the dhAbove of the layer below). */
function layerBackward(
  ops: LstmStepOps,
  input: tf.Tensor3D,
  states: tf.Tensor2D[],
  stacked: tf.Tensor3D,
  weights: LstmLayerWeights<tf.Tensor>,
  dhAbove: tf.Tensor3D,
  activation: GateActivation,
  needInputGrad: boolean,
): { grads: LstmLayerWeights<tf.Tensor>; dInput: tf.Tensor3D | null } {
  const [batch, timesteps] = input.shape;
  const features = weights.kernel.shape[0]!;
  const units = weights.recurrentKernel.shape[0]!;
  const zeros: tf.Tensor2D = tf.zeros([batch, PACKED_BLOCKS * units]);
  const carries: tf.Tensor2D[] = new Array<tf.Tensor2D>(timesteps);
  let carry = zeros;
  for (let t = timesteps - 1; t >= 0; t--) {
    carry = ops.backward(dhAbove, carry, states[t]!, t > 0 ? states[t - 1]! : zeros, weights.recurrentKernel, t, activation);
    carries[t] = carry;
  }
  const rows = batch * timesteps;
  const dz = tf.reshape(tf.slice(tf.stack(carries, 1), [0, 0, 0], [batch, timesteps, 4 * units]), [rows, 4 * units]) as tf.Tensor2D;
  const h = tf.slice(stacked, [0, 0, 0], [batch, timesteps, units]);
  const hPrev = tf.reshape(tf.pad(tf.slice(h, [0, 0, 0], [batch, timesteps - 1, units]), [[0, 0], [1, 0], [0, 0]]), [rows, units]) as tf.Tensor2D;
  const xIn = tf.reshape(tf.slice(input, [0, 0, 0], [batch, timesteps, features]), [rows, features]) as tf.Tensor2D;
  const grads = {
    kernel: tf.matMul(xIn, dz, true, false),
    recurrentKernel: tf.matMul(hPrev, dz, true, false),
    bias: tf.sum(dz, 0),
  };
  const dInput = needInputGrad ? (tf.reshape(tf.matMul(dz, weights.kernel as tf.Tensor2D, false, true), [batch, timesteps, features]) as tf.Tensor3D) : null;
  return { grads, dInput };
}

export interface LossAndGrads {
  loss: tf.Scalar;
  grads: LstmModelParams;
}

/** MSE loss of the model on (x, y) and the gradient of every weight. Caller disposes all. */
export function lstmModelGradients(ops: LstmStepOps, p: LstmModelParams, x: tf.Tensor3D, y: tf.Tensor2D, activation: GateActivation): LossAndGrads {
  const [loss, ...grads] = tf.tidy(() => {
    const pass = forwardPass(ops, p, x, activation);
    const diff = tf.sub(pass.out, y);
    const value = tf.mean(tf.square(diff));
    const dOut = tf.mul(diff, 2 / diff.size);
    const denseKernel = tf.matMul(pass.last, dOut, true, false);
    const denseBias = tf.sum(dOut, 0);
    const [batch, timesteps, units] = [x.shape[0], x.shape[1], pass.last.shape[1]];
    const dLast = tf.matMul(dOut, p.denseKernel as tf.Tensor2D, false, true);
    // Only the last step's h reaches the head.
    let dhAbove = tf.pad(tf.reshape(dLast, [batch, 1, units]), [[0, 0], [timesteps - 1, 0], [0, 0]]) as tf.Tensor3D;
    const layers: LstmLayerWeights<tf.Tensor>[] = new Array<LstmLayerWeights<tf.Tensor>>(p.layers.length);
    for (let l = p.layers.length - 1; l >= 0; l--) {
      const { grads, dInput } = layerBackward(ops, pass.inputs[l]!, pass.states[l]!, pass.stacked[l]!, p.layers[l]!, dhAbove, activation, l > 0);
      layers[l] = grads;
      if (dInput) dhAbove = dInput;
    }
    return [value, ...paramsToList({ layers, denseKernel, denseBias })];
  });
  return { loss: loss as tf.Scalar, grads: paramsFromList(grads) };
}
