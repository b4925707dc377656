/**
 * Numerical checks of the WGSL LSTM kernels on the webgpu backend: one step forward and backward
 * against the tf-ops reference on the same backend and on cpu, a 2-layer model's loss gradients
 * over T steps, and a few Adam steps of the WGSL training path vs the tf-ops one. Inputs are
 * Float32Arrays from a seeded RNG so every backend sees the same numbers.
 */
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../core/rng';
import {
  createTrainState,
  lstmModelGradients,
  paramsFromList,
  paramsToList,
  referenceStepOps,
  trainStep,
  trainWgsl,
  wgslStepOps,
  type GateActivation,
  type LstmStepOps,
} from '../ml/webgpu';
import { disposeModel, predict } from '../ml/train';
import { lstmSchema } from '../spec';

export interface CheckRow {
  id: string;
  label: string;
  value: number;
  /** The check passes when value <= limit; null: reported only. */
  limit: number | null;
  unit?: string;
}

export interface CheckDims {
  batch: number;
  timesteps: number;
  features: number;
  units: number;
}

type Shaped = { shape: number[]; values: Float32Array };

function random(shape: number[], rng: { normal(): number }, scale = 0.7): Shaped {
  const size = shape.reduce((a, b) => a * b, 1);
  return { shape, values: Float32Array.from({ length: size }, () => rng.normal() * scale) };
}

const toTensor = (s: Shaped): tf.Tensor => tf.tensor(s.values, s.shape);

export function maxAbs(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`compare: ${a.length} vs ${b.length} values`);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

/** max |a - b| / max |b|. */
export function rel(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let scale = 0;
  for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i]!));
  return maxAbs(a, b) / Math.max(scale, 1e-12);
}

async function onBackend<T>(backend: string, run: () => Promise<T>): Promise<T> {
  const previous = tf.getBackend();
  if (previous !== backend) await tf.setBackend(backend);
  try {
    return await run();
  } finally {
    if (previous !== backend) await tf.setBackend(previous);
  }
}

async function read(t: tf.Tensor): Promise<Float32Array> {
  try {
    return Float32Array.from(await t.data());
  } finally {
    t.dispose();
  }
}

interface StepInputs {
  x: Shaped;
  kernel: Shaped;
  recurrent: Shaped;
  bias: Shaped;
  prev: Shaped;
  dhAbove: Shaped;
  carryNext: Shaped;
}

function stepInputs(d: CheckDims, seed: number): StepInputs {
  const rng = createRng(seed);
  const g = 4 * d.units;
  return {
    x: random([d.batch, d.timesteps, d.features], rng),
    kernel: random([d.features, g], rng),
    recurrent: random([d.units, g], rng),
    bias: random([g], rng),
    prev: random([d.batch, 6 * d.units], rng),
    dhAbove: random([d.batch, d.timesteps, d.units], rng),
    carryNext: random([d.batch, 6 * d.units], rng),
  };
}

/** Forward of step t from `prev`, then backward of that step; both read back. */
async function runStep(ops: LstmStepOps, s: StepInputs, t: number, activation: GateActivation): Promise<{ forward: Float32Array; backward: Float32Array }> {
  const [x, kernel, recurrentKernel, bias, prev, dhAbove, carryNext] = [s.x, s.kernel, s.recurrent, s.bias, s.prev, s.dhAbove, s.carryNext].map(toTensor);
  const state = ops.forward(x as tf.Tensor3D, { kernel: kernel!, recurrentKernel: recurrentKernel!, bias: bias! }, prev as tf.Tensor2D, t, activation);
  const grad = ops.backward(dhAbove as tf.Tensor3D, carryNext as tf.Tensor2D, state, prev as tf.Tensor2D, recurrentKernel!, t, activation);
  const result = { forward: await read(state), backward: await read(grad) };
  tf.dispose([x!, kernel!, recurrentKernel!, bias!, prev!, dhAbove!, carryNext!]);
  return result;
}

export async function stepChecks(d: CheckDims, activation: GateActivation): Promise<CheckRow[]> {
  const inputs = stepInputs(d, activation === 'sigmoid' ? 101 : 202);
  const t = d.timesteps - 2;
  const wgsl = await runStep(wgslStepOps, inputs, t, activation);
  const reference = await runStep(referenceStepOps, inputs, t, activation);
  const cpu = await onBackend('cpu', () => runStep(referenceStepOps, inputs, t, activation));
  const key = `step.${activation}`;
  return [
    { id: `${key}.forward.vsReference`, label: `step forward (${activation}): WGSL vs tf ops, webgpu, max abs`, value: maxAbs(wgsl.forward, reference.forward), limit: 1e-5 },
    { id: `${key}.forward.vsCpu`, label: `step forward (${activation}): WGSL vs tf ops on cpu, max abs`, value: maxAbs(wgsl.forward, cpu.forward), limit: 1e-5 },
    { id: `${key}.backward.vsReference`, label: `step backward (${activation}): WGSL vs tf ops, webgpu, max abs`, value: maxAbs(wgsl.backward, reference.backward), limit: 1e-5 },
    { id: `${key}.backward.vsCpu`, label: `step backward (${activation}): WGSL vs tf ops on cpu, relative`, value: rel(wgsl.backward, cpu.backward), limit: 1e-4 },
  ];
}

function modelWeights(d: CheckDims, layers: number, seed: number): Shaped[] {
  const rng = createRng(seed);
  const out: Shaped[] = [];
  for (let l = 0; l < layers; l++) {
    out.push(random([l === 0 ? d.features : d.units, 4 * d.units], rng, 0.4), random([d.units, 4 * d.units], rng, 0.4), random([4 * d.units], rng, 0.4));
  }
  out.push(random([d.units, 2], rng, 0.4), random([2], rng, 0.4));
  return out;
}

async function modelGradients(ops: LstmStepOps, weights: Shaped[], x: Shaped, y: Shaped, activation: GateActivation): Promise<Float32Array[]> {
  const tensors = weights.map(toTensor);
  const [xt, yt] = [toTensor(x) as tf.Tensor3D, toTensor(y) as tf.Tensor2D];
  const { loss, grads } = lstmModelGradients(ops, paramsFromList(tensors), xt, yt, activation);
  const out = [await read(loss)];
  for (const g of paramsToList(grads)) out.push(await read(g));
  tf.dispose([...tensors, xt, yt]);
  return out;
}

/** Loss and all weight gradients of a 2-layer LSTM + dense over T steps (BPTT through the kernels). */
export async function modelChecks(d: CheckDims, activation: GateActivation): Promise<CheckRow[]> {
  const rng = createRng(303);
  const weights = modelWeights(d, 2, 304);
  const x = random([d.batch, d.timesteps, d.features], rng);
  const y = random([d.batch, 2], rng);
  const wgsl = await modelGradients(wgslStepOps, weights, x, y, activation);
  const reference = await modelGradients(referenceStepOps, weights, x, y, activation);
  const cpu = await onBackend('cpu', () => modelGradients(referenceStepOps, weights, x, y, activation));
  const worst = (other: Float32Array[]): number => Math.max(...wgsl.slice(1).map((g, i) => rel(g, other[i + 1]!)));
  const key = `model.${activation}`;
  return [
    { id: `${key}.loss.vsCpu`, label: `2-layer model loss (${activation}): WGSL vs tf ops on cpu, abs`, value: maxAbs(wgsl[0]!, cpu[0]!), limit: 1e-5 },
    { id: `${key}.grads.vsReference`, label: `2-layer model gradients (${activation}): WGSL vs tf ops, webgpu, worst relative`, value: worst(reference), limit: 1e-4 },
    { id: `${key}.grads.vsCpu`, label: `2-layer model gradients (${activation}): WGSL vs tf ops on cpu, worst relative`, value: worst(cpu), limit: 1e-4 },
  ];
}

async function adamWeights(ops: LstmStepOps, weights: Shaped[], x: Shaped, y: Shaped, steps: number, activation: GateActivation): Promise<Float32Array[]> {
  const initial = weights.map(toTensor);
  const state = createTrainState(initial, 0.01);
  const [xt, yt] = [toTensor(x) as tf.Tensor3D, toTensor(y) as tf.Tensor2D];
  try {
    for (let s = 0; s < steps; s++) await trainStep(ops, state, xt, yt, activation);
    const out: Float32Array[] = [];
    for (const v of paramsToList(state.params)) out.push(Float32Array.from(await v.data()));
    return out;
  } finally {
    state.dispose();
    tf.dispose([...initial, xt, yt]);
  }
}

/** Weights after `steps` Adam steps of the WGSL training path vs the tf-ops path (same backend). */
export async function adamChecks(d: CheckDims, activation: GateActivation, steps: number): Promise<CheckRow[]> {
  const rng = createRng(405);
  const weights = modelWeights(d, 2, 406);
  const x = random([d.batch, d.timesteps, d.features], rng);
  const y = random([d.batch, 2], rng);
  const wgsl = await adamWeights(wgslStepOps, weights, x, y, steps, activation);
  const reference = await adamWeights(referenceStepOps, weights, x, y, steps, activation);
  const value = Math.max(...wgsl.map((w, i) => maxAbs(w, reference[i]!)));
  return [{ id: `adam.${activation}`, label: `weights after ${steps} Adam steps (${activation}): WGSL vs tf-ops training, max abs`, value, limit: 1e-5 }];
}

/** The whole WGSL trainer (shuffle, Adam, validation tail) vs the same loop over tf ops: predictions after 2 epochs. */
export async function trainerChecks(activation: GateActivation): Promise<CheckRow[]> {
  const rng = createRng(507);
  const [n, lookback, features] = [40, 5, 3];
  const data = {
    n,
    lookback,
    features,
    horizon: 1,
    x: Float32Array.from({ length: n * lookback * features }, () => rng.normal()),
    y: Float32Array.from({ length: n }, () => rng.normal()),
  };
  const spec = lstmSchema.parse({ type: 'lstm', units: 6, layers: 2, lookback, recurrentActivation: activation });
  const training = { epochs: 2, batchSize: 16, learningRate: 0.01, seed: 3, validationFraction: 0.2, clipNorm: 1 };
  const predictions: Float32Array[] = [];
  for (const ops of [wgslStepOps, referenceStepOps]) {
    const trained = await trainWgsl(spec, training, data, {}, ops);
    predictions.push(await predict(trained, data));
    disposeModel(trained);
  }
  return [{ id: `trainer.${activation}`, label: `trainWgsl, 2 epochs, 2 layers (${activation}): predictions WGSL vs tf ops, max abs`, value: maxAbs(predictions[0]!, predictions[1]!), limit: 1e-4 }];
}
