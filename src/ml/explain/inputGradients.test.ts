/**
 * Executor input gradients for every registered model: the fused engine (LSTM, GRU) and tf.grad
 * (MLP, CNN-LSTM, attention) agree with tf.grad through the same tfjs model, ridge with its
 * weights, the baselines are flat, an ensemble is its members' weighted sum, and every one is the
 * slope of predict itself (a central difference along a random direction). predictOutput is
 * predict's column.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildWasm } from '../../../scripts/build-wasm.mjs';
import { CancelledError, type ModelSpecInput, type TargetSpec, type WindowedData } from '../../core/executor';
import { createRng } from '../../core/rng';
import { relDiff } from '../fused/fusedFixtures.testkit';
import { FAST_TRAINING, plantedWindows, SMALL_SPECS } from '../testFixtures.testkit';
import { disposeModel, predict, trainModel, type TrainedModel } from '../train';
import { FUSED_GRADIENT_BATCH, gradientBatch } from './fusedGradients';
import { inputGradients } from './inputGradients';
import { layersInputGradients } from './layersGradients';
import { predictOutput } from './predictOutput';

beforeAll(async () => {
  await buildWasm({ quiet: true });
  await tf.setBackend('cpu');
});

const train = plantedWindows(96, 1);
const probe = plantedWindows(7, 2);

/** The reference: tf.grad through the tfjs model, the closed forms, the members' weighted sum. */
async function reference(trained: TrainedModel, data: WindowedData, output: number): Promise<Float32Array> {
  const { built } = trained;
  const probability = trained.target.type === 'direction';
  if (built.kind === 'layers') return layersInputGradients(built.model, data.x, data.n, data.lookback, data.features, { output, probability });
  if (built.kind === 'array') {
    const type = trained.spec.type;
    if (type === 'naive' || type === 'drift') return new Float32Array(data.x.length);
    if (type !== 'ridge') throw new Error(`no reference for ${type}`);
    // Linear: the slope along each input is the change of predict for a unit step.
    const base = built.model.predict(data);
    const out = new Float32Array(data.x.length);
    for (let j = 0; j < data.x.length; j++) {
      const x = Float64Array.from(data.x);
      x[j]! += 1;
      const moved = built.model.predict({ ...data, x: Float32Array.from(x) });
      const r = Math.floor(j / (data.lookback * data.features));
      out[j] = moved[r * trained.outputs + output]! - base[r * trained.outputs + output]!;
    }
    return out;
  }
  const out = new Float32Array(data.x.length);
  const m = built.members.length;
  for (let k = 0; k < m; k++) {
    const g = await reference(built.members[k]!, data, output);
    const w = built.stack ? built.stack.weights[k * trained.horizon]! : 1 / m;
    g.forEach((v, i) => (out[i]! += w * v));
  }
  return out;
}

/**
 * (f(x + e v) - f(x - e v)) / 2e per window, against g . v, at e = 1e-2 and 1e-3 (the better of
 * the two: a ReLU kink inside one interval spoils that difference only).
 */
async function directionalCheck(trained: TrainedModel, data: WindowedData, grad: Float32Array, output: number): Promise<number> {
  const rng = createRng(5);
  const v = Float32Array.from({ length: data.x.length }, () => rng.normal());
  const at = (step: number): Promise<Float32Array> => predict(trained, { ...data, x: data.x.map((x, i) => x + step * v[i]!) });
  const diffs = await Promise.all([1e-2, 1e-3].map(async (e) => ({ e, up: await at(e), down: await at(-e) })));
  const stride = data.lookback * data.features;
  let worst = 0;
  for (let r = 0; r < data.n; r++) {
    let dot = 0;
    let scale = 0;
    for (let j = 0; j < stride; j++) {
      dot += grad[r * stride + j]! * v[r * stride + j]!;
      scale += Math.abs(grad[r * stride + j]! * v[r * stride + j]!);
    }
    const col = r * trained.outputs + output;
    const errors = diffs.map(({ e, up, down }) => Math.abs((up[col]! - down[col]!) / (2 * e) - dot));
    worst = Math.max(worst, Math.min(...errors) / Math.max(scale, 1e-3));
  }
  return worst;
}

const cases: { spec: ModelSpecInput; target: TargetSpec; output: number }[] = [
  ...SMALL_SPECS.map((spec) => ({ spec, target: { type: 'regression' as const }, output: 0 })),
  { spec: { type: 'lstm', lookback: 6, units: 8 }, target: { type: 'direction' }, output: 0 },
  { spec: { type: 'gru', lookback: 6, units: 8 }, target: { type: 'quantile', quantiles: [0.1, 0.5, 0.9] }, output: 2 },
  { spec: { type: 'mlp', lookback: 6, hidden: [8] }, target: { type: 'direction' }, output: 0 },
  { spec: { type: 'ridge', lookback: 6, lambda: 0.1 }, target: { type: 'quantile', quantiles: [0.2, 0.8] }, output: 1 },
  { spec: { type: 'ensemble', lookback: 6, combine: 'stacked', members: [{ type: 'lstm', lookback: 6, units: 4 }, { type: 'mlp', lookback: 6, hidden: [8] }] }, target: { type: 'direction' }, output: 0 },
  { spec: { type: 'ensemble', lookback: 6, combine: 'mean', members: [{ type: 'gru', lookback: 6, units: 4 }, { type: 'ridge', lookback: 6, lambda: 0.1 }] }, target: { type: 'regression' }, output: 0 },
];

describe('inputGradients', () => {
  it.each(cases)('$spec.type, $target.type target, output $output', async ({ spec, target, output }) => {
    const trained = await trainModel(spec, { ...FAST_TRAINING, target }, train);
    try {
      const before = tf.memory().numTensors;
      const progress: number[] = [];
      const grad = await inputGradients(trained, probe, { output, onProgress: (p) => progress.push(p.done / p.total) });
      expect(tf.memory().numTensors).toBe(before);
      expect(progress.at(-1)).toBe(1);
      expect(grad.length).toBe(probe.x.length);
      const want = await reference(trained, probe, output);
      expect(relDiff(grad, want), 'against the reference').toBeLessThan(1e-5);
      expect(await directionalCheck(trained, probe, grad, output), 'against predict').toBeLessThan(2e-2);
      if (spec.type !== 'naive' && spec.type !== 'drift') expect(grad.some((g) => g !== 0)).toBe(true);
      // The value differentiated: predict's column, through the fused forward for LSTM/GRU.
      const all = await predict(trained, probe);
      const column = Float32Array.from({ length: probe.n }, (_, r) => all[r * trained.outputs + output]!);
      expect(relDiff(await predictOutput(trained, probe, { output }), column), 'predictOutput').toBeLessThan(1e-5);
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      disposeModel(trained);
    }
  });

  it('rejects an output the model does not have, and stops when cancelled', async () => {
    const trained = await trainModel({ type: 'mlp', lookback: 6, hidden: [4] }, FAST_TRAINING, train);
    try {
      await expect(inputGradients(trained, probe, { output: 1 })).rejects.toThrow(/output 1 is not a column of the model's 1 outputs/);
      const controller = new AbortController();
      controller.abort();
      await expect(inputGradients(trained, probe, { signal: controller.signal })).rejects.toBeInstanceOf(CancelledError);
    } finally {
      disposeModel(trained);
    }
  });
});

describe('the fused engine kept for gradients', () => {
  it('takes fewer rows a call when long windows and wide layers would make its buffers large', async () => {
    const small = await trainModel({ type: 'lstm', lookback: 6, units: 8 }, FAST_TRAINING, train);
    try {
      expect(gradientBatch(small)).toBe(FUSED_GRADIENT_BATCH);
      // 2 layers of 128 units over 365 steps: about 3 MB a row.
      const wide = { ...small, spec: { ...small.spec, units: 128, layers: 2 }, lookback: 365 } as TrainedModel;
      expect(gradientBatch(wide)).toBe(22);
    } finally {
      disposeModel(small);
    }
  });
});
