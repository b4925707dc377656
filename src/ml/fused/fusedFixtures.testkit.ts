/**
 * Shared by the fused-engine tests and the benchmark: the tfjs reference model of an engine
 * shape (built by the registry's own recurrent builder, so the same initial weights), seeded
 * random batches, and weight copies between the two.
 */
import * as tf from '@tensorflow/tfjs';
import type { GruSpec, LstmSpec } from '../../core/executor';
import { gruSchema, lstmSchema } from '../../spec';
import { createRng } from '../../core/rng';
import { buildRecurrent } from '../models/recurrent';
import { yWidth, type EngineShape, type FusedEngine } from './engine';

export function specOf(shape: EngineShape): LstmSpec | GruSpec {
  const common = {
    lookback: shape.lookback,
    units: shape.units,
    layers: shape.layers,
    recurrentActivation: shape.hardSigmoid ? ('hardSigmoid' as const) : ('sigmoid' as const),
  };
  return shape.cell === 'lstm' ? lstmSchema.parse({ type: 'lstm', ...common }) : gruSchema.parse({ type: 'gru', ...common });
}

export function referenceModel(shape: EngineShape, seed: number): tf.LayersModel {
  return buildRecurrent(shape.cell, specOf(shape), {
    lookback: shape.lookback,
    features: shape.features,
    horizon: shape.outputs,
    target: { type: 'regression' },
    outputs: shape.outputs,
  }, seed);
}

/** Uniform biases in [-0.5, 0.5] (tfjs starts them at 0, which would leave the bias paths untested). */
export function randomizeBiases(model: tf.LayersModel, seed: number): void {
  const rng = createRng(seed);
  const weights = model.getWeights();
  const next = weights.map((w) => (w.shape.length === 1 ? tf.tensor1d(Float32Array.from({ length: w.size }, () => rng.next() - 0.5)) : w));
  model.setWeights(next);
  tf.dispose(next.filter((w, i) => w !== weights[i]));
}

export function flatWeights(model: tf.LayersModel): Float32Array {
  const parts = model.getWeights().map((w) => w.dataSync() as Float32Array);
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function loadEngine(engine: FusedEngine, model: tf.LayersModel): void {
  const flat = flatWeights(model);
  if (flat.length !== engine.paramCount) throw new Error(`weights: model has ${flat.length} values, engine ${engine.paramCount}`);
  engine.params().set(flat);
}

export function randomBatch(shape: EngineShape, n: number, seed: number): { x: Float32Array; y: Float32Array } {
  const rng = createRng(seed);
  const x = Float32Array.from({ length: n * shape.lookback * shape.features }, () => rng.normal());
  const y = Float32Array.from({ length: n * yWidth(shape) }, () => rng.normal());
  return { x, y };
}

/**
 * The loss of `model` on (x, y) and its gradient for every trainable weight (tfjs
 * variableGrads), in getWeights() order. masks[l] (when given) multiplies the output sequence of
 * recurrent layer l, as the fused engines' dropout does: the reference for a fixed mask.
 */
export function referenceGradients(
  model: tf.LayersModel,
  x: tf.Tensor,
  y: tf.Tensor,
  loss: (pred: tf.Tensor, y: tf.Tensor) => tf.Scalar,
  masks: tf.Tensor[] = [],
): { value: number; grads: Float32Array[] } {
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const { value, grads } = tf.variableGrads(() => {
    let h = x;
    model.layers.forEach((layer, i) => {
      h = layer.apply(h, { training: true }) as tf.Tensor;
      const mask = masks[i];
      if (mask) h = h.mul(mask);
    });
    return loss(h, y);
  }, variables);
  const out = { value: value.dataSync()[0]!, grads: variables.map((v) => grads[v.name]!.dataSync() as Float32Array) };
  tf.dispose([value, ...Object.values(grads)]);
  return out;
}

/** Worst relative error over the gradient tensors of `engine` against `want` (getWeights() order). */
export function worstGradient(engine: FusedEngine, want: Float32Array[]): number {
  let at = 0;
  let worst = 0;
  for (const w of want) {
    worst = Math.max(worst, relDiff(engine.grads().subarray(at, at + w.length), w));
    at += w.length;
  }
  if (at !== engine.paramCount) throw new Error(`gradients: reference has ${at} values, engine ${engine.paramCount}`);
  return worst;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

/** max |a - b| / max |b|: relative to the tensor's scale, so near-zero elements do not dominate. */
export function relDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let scale = 0;
  for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i]!));
  return maxAbsDiff(a, b) / Math.max(scale, 1e-12);
}
