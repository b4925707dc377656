/**
 * The executor contract: how the runner asks for model work without knowing where it runs
 * (a Web Worker in the page, in-process in Node). Plain data only, so it crosses postMessage.
 */

export type BackendName = 'webgpu' | 'wasm' | 'cpu';
export type BackendPreference = BackendName | 'auto';

/*
 * Model and training specs are declared once in src/spec (zod, with defaults, ranges and help).
 * A caller sends a model spec with any defaulted field left out (`ModelSpecInput`); the executor
 * checks it with the same schema and fills the defaults (`ModelSpec`).
 */
import type { ModelSpecInput, ModelSpecOf, ObjectiveTarget, TrainingSpec } from '../spec';

export type { ModelSpec, ModelSpecInput, ModelType, ResolvedTraining, TrainingSpec } from '../spec';
export type NaiveSpec = ModelSpecOf<'naive'>;
export type DriftSpec = ModelSpecOf<'drift'>;
export type RidgeSpec = ModelSpecOf<'ridge'>;
export type MlpSpec = ModelSpecOf<'mlp'>;
export type LstmSpec = ModelSpecOf<'lstm'>;
export type GruSpec = ModelSpecOf<'gru'>;
export type CnnLstmSpec = ModelSpecOf<'cnnLstm'>;
export type AttentionSpec = ModelSpecOf<'attention'>;
export type EnsembleSpec = ModelSpecOf<'ensemble'>;

/**
 * What the model predicts from y (`WindowedData.y`, [n, horizon]):
 * - regression: y itself, MSE loss; predict gives [n, horizon].
 * - direction: P(y > 0), logistic loss; predict gives probabilities in [0, 1], [n, horizon].
 * - quantile: pinball loss per quantile; predict gives [n, horizon, quantiles.length]
 *   (quantile index fastest).
 * Direction labels come from the sign of y as given: do not centre y before asking for direction.
 */
export type TargetSpec = ObjectiveTarget;
export type LrSchedule = NonNullable<TrainingSpec['lrSchedule']>;

/**
 * Windows as built by core/windows: x is [n, lookback, features], y is [n, horizon]. horizon > 1
 * means direct multi-output forecasting: one output per step ahead (k = 1..horizon).
 */
export interface WindowedData {
  x: Float32Array;
  y: Float32Array;
  n: number;
  lookback: number;
  features: number;
  horizon: number;
}

export interface TrainProgress {
  epoch: number;
  epochs: number;
  batch: number;
  batches: number;
  /** This batch's loss. */
  loss: number;
  /** Mean training loss of the epoch's batches so far (at the last batch: the epoch's loss). */
  epochLoss?: number;
  samplesPerSecond: number;
  /** Validation-tail loss, on the last batch event of each epoch when there is a validation tail. */
  valLoss?: number;
  /** Learning rate used for this batch. */
  learningRate?: number;
  /** Set for ensembles: which member (0-based) of how many is training. */
  member?: number;
  members?: number;
}

export interface ModelHandle {
  id: string;
  backend: BackendName;
  /** What trained it, e.g. "fused wasm SIMD" or "tfjs layers (wasm)"; recorded in the run. */
  engine?: string;
}

/** One backend's time for one training batch of the probe model; null when it failed or hit the cap. */
export interface BackendTiming {
  backend: BackendName;
  ms: number | null;
  /** e.g. "software adapter SwiftShader", "over the 10000 ms cap", the init error. */
  note?: string;
}

export interface BackendInfo {
  backend: BackendName;
  /** Why this backend was chosen, in words for the UI and the run record. */
  reason: string;
  adapter?: string;
  /** Set when 'auto' measured the backends just now (the page caches them per device). */
  measurements?: BackendTiming[];
}

/**
 * Error names (comlink keeps `name` across the worker boundary) of failures after which the
 * call is worth retrying on the next backend: webgpu -> wasm -> cpu.
 */
export const DEVICE_LOST_ERROR = 'DeviceLostError';
export const OUT_OF_MEMORY_ERROR = 'OutOfMemoryError';

export interface CallOptions {
  signal?: AbortSignal;
  onProgress?: (p: TrainProgress) => void;
}

export interface GradientProgress {
  /** Windows whose gradient is done, of `total`. */
  done: number;
  total: number;
}

export interface GradientOptions {
  signal?: AbortSignal;
  /**
   * Which value of a window's prediction row to differentiate, as predict lays it out:
   * h * quantiles + q for a quantile target, else h (default 0: the first horizon step; the first
   * quantile). A direction target differentiates the probability predict returns, not the logit.
   */
  output?: number;
  onProgress?: (p: GradientProgress) => void;
}

export interface Executor {
  /** How many train calls may run at once (a worker pool's size; 1 when one worker owns the GPU). */
  parallelism?: number;
  backend(): Promise<BackendInfo>;
  train(model: ModelSpecInput, training: TrainingSpec, data: WindowedData, options?: CallOptions): Promise<ModelHandle>;
  /** Returns [n, horizon] predictions for the windows in x ([n, horizon, quantiles] for a quantile target). */
  predict(handle: ModelHandle, data: WindowedData, options?: CallOptions): Promise<Float32Array>;
  /**
   * d prediction[output] / dx for every window, [n, lookback, features] like data.x (its y is not
   * read): the fused engine's backward pass for LSTM/GRU, tf.grad for the other tfjs models, the
   * closed form for ridge and the baselines; an ensemble's is its members' weighted sum.
   */
  inputGradients(handle: ModelHandle, data: WindowedData, options?: GradientOptions): Promise<Float32Array>;
  /**
   * predict's column `options.output` for every window, [n]: the value inputGradients
   * differentiates, through the fused engine's forward for LSTM/GRU (the batched forward of the
   * explainers, many times faster than tfjs layers there), predict itself for the other models.
   */
  predictOutput(handle: ModelHandle, data: WindowedData, options?: GradientOptions): Promise<Float32Array>;
  /**
   * The attention model's attention weights, [n, lookback]: per window step (the last is the
   * latest bar), averaged over blocks, heads and query steps; each row sums to 1. Rejects for
   * any other model.
   */
  attentionWeights(handle: ModelHandle, data: WindowedData, options?: CallOptions): Promise<Float32Array>;
  /**
   * An LSTM or GRU's first recurrent layer inside each window, [n, series, lookback, units]: its
   * gate activations, cell state (LSTM) and hidden state at every step, in RECURRENT_SERIES order
   * (core/diagnostics/recurrentSeries.ts), from the fused engine's forward on the model's
   * weights. Rejects for any other model.
   */
  recurrentStates(handle: ModelHandle, data: WindowedData, options?: CallOptions): Promise<Float32Array>;
  release(handle: ModelHandle): Promise<void>;
}

export class CancelledError extends Error {
  constructor(message = 'cancelled by the user') {
    super(message);
    this.name = 'CancelledError';
  }
}
