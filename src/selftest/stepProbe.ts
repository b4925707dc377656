/**
 * Dispatches and time per LSTM timestep on the current (webgpu) backend: the WGSL step vs
 * tf.layers.lstm's cell. Per-step figures are differences between two sequence lengths, so the
 * one-off ops around the loop (zeros, transposes, stacking) cancel out. Used by selftest.html and
 * the browser bench.
 */
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../core/rng';
import { layerForward, lstmModelGradients, paramsFromList, referenceStepOps, wgslStepOps, type LstmStepOps } from '../ml/webgpu';
import { countDispatches } from './dispatchCounter';

export interface ProbeDims {
  batch: number;
  features: number;
  units: number;
}

export interface StepProbe {
  dims: ProbeDims;
  /** Forward dispatches per timestep. */
  wgslForward: number;
  referenceForward: number;
  tfjsLayersForward: number;
  /** Forward + backward dispatches per timestep of one gradient computation. */
  wgslTraining: number;
  tfjsLayersTraining: number;
  /** Forward ms per timestep (GPU work awaited). */
  wgslForwardMs: number;
  tfjsLayersForwardMs: number;
}

const SHORT = 3;
const LONG = 6;

function randomTensor(shape: number[], rng: { normal(): number }, scale = 0.5): tf.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Float32Array.from({ length: size }, () => rng.normal() * scale), shape);
}

/** The weights of one LSTM(units) + Dense(1), getWeights() order. */
function randomWeights(d: ProbeDims, seed: number): tf.Tensor[] {
  const rng = createRng(seed);
  const g = 4 * d.units;
  return [randomTensor([d.features, g], rng), randomTensor([d.units, g], rng), randomTensor([g], rng), randomTensor([d.units, 1], rng), randomTensor([1], rng)];
}

async function settle(): Promise<void> {
  // A tiny read waits for everything queued before it.
  const probe = tf.zeros([1]);
  await tf.add(probe, 1).data();
  probe.dispose();
}

/** dispatches(T) for two lengths → per-step count; GPU-resident inputs so CPU handoff cannot hide ops. */
function perStep(run: (x: tf.Tensor3D) => void, d: ProbeDims, seed: number): number {
  const rng = createRng(seed);
  const counts = [SHORT, LONG].map((t) => {
    const x = tf.tidy(() => tf.add(randomTensor([d.batch, t, d.features], rng), 0)) as tf.Tensor3D;
    run(x); // warm-up: shader compilation is not a dispatch, but keep the counted run steady
    const n = countDispatches(() => run(x));
    x.dispose();
    return n;
  });
  return (counts[1]! - counts[0]!) / (LONG - SHORT);
}

const TIMED_SHORT = 2;
const TIMED_LONG = 12;
const REPEATS = 3;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** (median time of TIMED_LONG steps - median of TIMED_SHORT) / the step difference; GPU work awaited. */
async function msPerStep(run: (x: tf.Tensor3D) => tf.Tensor, d: ProbeDims, seed: number): Promise<number> {
  const rng = createRng(seed);
  const medians: number[] = [];
  for (const t of [TIMED_SHORT, TIMED_LONG]) {
    const x = tf.tidy(() => tf.add(randomTensor([d.batch, t, d.features], rng), 0)) as tf.Tensor3D;
    await read(tf.tidy(() => run(x))); // warm-up: shader compilation
    const times: number[] = [];
    for (let r = 0; r < REPEATS; r++) {
      await settle();
      const started = performance.now();
      await read(tf.tidy(() => run(x)));
      times.push(performance.now() - started);
    }
    medians.push(median(times));
    x.dispose();
  }
  return (medians[1]! - medians[0]!) / (TIMED_LONG - TIMED_SHORT);
}

async function read(t: tf.Tensor): Promise<void> {
  await t.data();
  t.dispose();
}

export async function probeSteps(d: ProbeDims, activation: 'sigmoid' | 'hardSigmoid' = 'sigmoid'): Promise<StepProbe> {
  if (tf.getBackend() !== 'webgpu') throw new Error(`probeSteps: needs the webgpu backend, the active one is ${tf.getBackend()}`);
  const weights = randomWeights(d, 5);
  const params = paramsFromList(weights);
  const layer = tf.layers.lstm({ units: d.units, recurrentActivation: activation, returnSequences: false });
  const dense = tf.layers.dense({ units: 1 });
  const y = tf.zeros([d.batch, 1]);
  const forwardOf = (ops: LstmStepOps) => (x: tf.Tensor3D) => void tf.tidy(() => layerForward(ops, x, params.layers[0]!, activation));
  const layersForward = (x: tf.Tensor3D): tf.Tensor => layer.apply(x) as tf.Tensor;
  // The CPU handoff of tiny ops would hide dispatches that real sizes always make.
  const cpuForward = tf.env().getBool('WEBGPU_CPU_FORWARD');
  tf.env().set('WEBGPU_CPU_FORWARD', false);
  try {
    tf.tidy(() => layersForward(tf.zeros([d.batch, 1, d.features]))); // builds the layer's weights
    dense.apply(tf.zeros([d.batch, d.units]));
    const layerVars = [...layer.trainableWeights, ...dense.trainableWeights].map((w) => w.read() as tf.Variable);
    const probe: StepProbe = {
      dims: d,
      wgslForward: perStep(forwardOf(wgslStepOps), d, 6),
      referenceForward: perStep(forwardOf(referenceStepOps), d, 7),
      tfjsLayersForward: perStep((x) => void tf.tidy(() => layersForward(x)), d, 8),
      wgslTraining: perStep((x) => {
        const { loss, grads } = lstmModelGradients(wgslStepOps, params, x, y as tf.Tensor2D, activation);
        tf.dispose([loss, ...grads.layers.flatMap((l) => [l.kernel, l.recurrentKernel, l.bias]), grads.denseKernel, grads.denseBias]);
      }, d, 9),
      tfjsLayersTraining: perStep((x) => {
        const { value, grads } = tf.variableGrads(() => tf.mean(tf.square(tf.sub(dense.apply(layersForward(x)) as tf.Tensor, y))), layerVars);
        tf.dispose([value, ...Object.values(grads)]);
      }, d, 10),
      wgslForwardMs: await msPerStep((x) => {
        const states = layerForward(wgslStepOps, x, params.layers[0]!, activation);
        return states[states.length - 1]!;
      }, d, 11),
      tfjsLayersForwardMs: await msPerStep(layersForward, d, 12),
    };
    return probe;
  } finally {
    tf.env().set('WEBGPU_CPU_FORWARD', cpuForward);
    layer.dispose();
    dense.dispose();
    tf.dispose([...weights, y]);
  }
}
