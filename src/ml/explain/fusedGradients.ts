/**
 * Input gradients of LSTM/GRU models by the fused engine's backwardInput (wasm SIMD, else plain
 * JS): the trained tfjs model's weights are copied into an engine once per model and kept while
 * the model lives.
 */
import type * as tf from '@tensorflow/tfjs';
import { createEngine, paramCount, type EngineShape, type FusedEngine } from '../fused';
import type { TrainedModel } from '../models/types';
import type { GradientTarget } from './layersGradients';
import { exp } from '../../core/math';

/** Rows per engine call: an IG window (64 steps + 1 path points) fits in one... */
export const FUSED_GRADIENT_BATCH = 128;
/** ...unless the engine's buffers would pass this (long windows, wide layers: fewer rows a call). */
const ENGINE_BYTES = 64 * 1024 * 1024;

/** Rows per call within ENGINE_BYTES: per row each layer keeps gates, h, c, aux and dh for every step. */
export function gradientBatch(trained: TrainedModel): number {
  const { spec, lookback, features } = trained;
  if (spec.type !== 'lstm' && spec.type !== 'gru') return FUSED_GRADIENT_BATCH;
  const gates = (spec.type === 'gru' ? 3 : 4) * spec.units;
  const floatsPerRow = spec.layers * lookback * (gates + 4 * spec.units) + 2 * lookback * features;
  return Math.max(1, Math.min(FUSED_GRADIENT_BATCH, Math.floor(ENGINE_BYTES / (4 * floatsPerRow))));
}

const engines = new WeakMap<tf.LayersModel, Promise<FusedEngine | null>>();

/** The engine shape of a trained LSTM/GRU, or null for any other model. */
export function fusedShapeOf(trained: TrainedModel, maxBatch: number): EngineShape | null {
  const { spec } = trained;
  if (spec.type !== 'lstm' && spec.type !== 'gru') return null;
  return {
    cell: spec.type,
    layers: spec.layers,
    units: spec.units,
    features: trained.features,
    lookback: trained.lookback,
    outputs: trained.outputs,
    maxBatch,
    hardSigmoid: spec.recurrentActivation === 'hardSigmoid',
  };
}

/** A fused engine holding the model's weights, or null when the model is not a plain LSTM/GRU. */
export function fusedEngineFor(trained: TrainedModel): Promise<FusedEngine | null> {
  const { built } = trained;
  if (built.kind !== 'layers') return Promise.resolve(null);
  let found = engines.get(built.model);
  if (!found) {
    found = makeEngine(trained, built.model);
    engines.set(built.model, found);
  }
  return found;
}

async function makeEngine(trained: TrainedModel, model: tf.LayersModel): Promise<FusedEngine | null> {
  const shape = fusedShapeOf(trained, gradientBatch(trained));
  if (!shape) return null;
  const weights = model.getWeights();
  const sizes = weights.reduce((n, w) => n + w.size, 0);
  // Not the layout the engine knows (a stored model of another shape): tf.grad handles it.
  if (sizes !== paramCount(shape)) return null;
  const { engine } = await createEngine(shape);
  let at = 0;
  for (const w of weights) {
    const values = (await w.data()) as Float32Array;
    engine.params().set(values, at);
    at += values.length;
  }
  return engine;
}

/** d f(x_r) / dx_r for `rows` <= maxBatch windows through the engine. */
export function fusedInputGradients(engine: FusedEngine, x: Float32Array, rows: number, target: GradientTarget): Float32Array {
  const { outputs: O, lookback, features } = engine.shape;
  engine.x().set(x.subarray(0, rows * lookback * features));
  engine.forward(rows);
  const out = engine.out();
  const seed = engine.dOut();
  seed.fill(0, 0, rows * O);
  for (let r = 0; r < rows; r++) {
    const at = r * O + target.output;
    const p = 1 / (1 + exp(-out[at]!));
    seed[at] = target.probability ? p * (1 - p) : 1;
  }
  engine.backwardInput(rows);
  return engine.dx().slice(0, rows * lookback * features);
}
