/**
 * The executor contract: how the runner asks for model work without knowing where it runs
 * (a Web Worker in the page, in-process in Node). Plain data only, so it crosses postMessage.
 */

export type BackendName = 'webgpu' | 'wasm' | 'cpu';
export type BackendPreference = BackendName | 'auto';

/** Every model reads `lookback` rows of `features` columns per window. */
interface WindowSpec {
  lookback: number;
}

/** Predicts a zero return (direction: 0.5; quantile: 0 for every quantile). */
export interface NaiveSpec extends WindowSpec {
  type: 'naive';
}
/** Predicts the mean training target (direction: the up-move rate; quantile: empirical quantiles). */
export interface DriftSpec extends WindowSpec {
  type: 'drift';
}
/** Closed-form ridge regression on the flattened window: (X'X + lambda I)^-1 X'y, intercept unpenalised. */
export interface RidgeSpec extends WindowSpec {
  type: 'ridge';
  lambda: number;
}
export interface MlpSpec extends WindowSpec {
  type: 'mlp';
  /** Units of each hidden Dense(relu) layer, in order; [] is a linear model. */
  hidden: number[];
  /** Dropout rate after each hidden layer (0 = none). */
  dropout: number;
}
/** Shared by LSTM and GRU. Optional fields keep older specs valid; defaults in the registry. */
interface RecurrentFields extends WindowSpec {
  units: number;
  /** Stacked recurrent layers (default 1). */
  layers?: number;
  /** Dropout between stacked layers (default 0). */
  dropout?: number;
  /** Recurrent dropout inside each cell (default 0; trains on tfjs layers, masks seeded from the training seed). */
  recurrentDropout?: number;
  /**
   * 'fused' (default): the whole training step in one wasm SIMD call per batch (FUSED-RNN.md),
   * falling back to tfjs layers for what it does not cover (the reason is recorded); 'tfjs': layers.
   */
  engine?: 'fused' | 'tfjs';
}
export interface LstmSpec extends RecurrentFields {
  type: 'lstm';
  /** 'sigmoid' (PyTorch/Keras) or 'hardSigmoid' (tfjs default); recorded in the run. */
  recurrentActivation: 'sigmoid' | 'hardSigmoid';
}
export interface GruSpec extends RecurrentFields {
  type: 'gru';
  /** Default 'sigmoid' (PyTorch/Keras); tfjs would default to hardSigmoid. */
  recurrentActivation?: 'sigmoid' | 'hardSigmoid';
}
/** Conv1D(filters, kernelSize, relu, causal padding) over time, then LSTM(units). */
export interface CnnLstmSpec extends WindowSpec {
  type: 'cnnLstm';
  filters: number;
  kernelSize: number;
  units: number;
  /** Default 'sigmoid'. */
  recurrentActivation?: 'sigmoid' | 'hardSigmoid';
}
/** Transformer encoder: projection to dModel, sinusoidal positions, `blocks` pre-norm blocks, mean pool. */
export interface AttentionSpec extends WindowSpec {
  type: 'attention';
  dModel: number;
  /** Must divide dModel. */
  heads: number;
  ffDim: number;
  /** Encoder blocks (default 1). */
  blocks?: number;
  dropout: number;
}
export interface EnsembleSpec extends WindowSpec {
  type: 'ensemble';
  /** Every member must have the ensemble's lookback; members may not be ensembles themselves. */
  members: ModelSpec[];
  /** 'mean' averages members; 'stacked' fits a ridge on members' predictions over the validation tail. */
  combine: 'mean' | 'stacked';
}
export type ModelSpec =
  | NaiveSpec
  | DriftSpec
  | RidgeSpec
  | MlpSpec
  | LstmSpec
  | GruSpec
  | CnnLstmSpec
  | AttentionSpec
  | EnsembleSpec;
export type ModelType = ModelSpec['type'];

/**
 * What the model predicts from y (`WindowedData.y`, [n, horizon]):
 * - regression: y itself, MSE loss; predict gives [n, horizon].
 * - direction: P(y > 0), logistic loss; predict gives probabilities in [0, 1], [n, horizon].
 * - quantile: pinball loss per quantile; predict gives [n, horizon, quantiles.length]
 *   (quantile index fastest). Quantiles are strictly increasing in (0, 1); default [0.1, 0.5, 0.9].
 * Direction labels come from the sign of y as given: do not centre y before asking for direction.
 */
export type TargetSpec =
  | { type: 'regression' }
  | { type: 'direction' }
  | { type: 'quantile'; quantiles?: number[] };

export type LrSchedule = 'constant' | 'cosine' | 'step';

export interface TrainingSpec {
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  /**
   * Fraction of the training windows, taken from the END (the most recent), held out for early
   * stopping and stacking. Never the test fold. Default 0.1; 0 disables early stopping.
   */
  validationFraction?: number;
  /**
   * Windows dropped between the training part and the validation tail, so no training target
   * overlaps a validation window: the walk-forward purge, lookback + target bars - 1. Default
   * lookback + horizon - 1 (horizon = outputs per sample; pass it for a multi-bar cumulative target).
   */
  validationPurge?: number;
  /** Epochs without a validation improvement before stopping (best weights restored). Default 5. */
  patience?: number;
  /** Clip gradients to this global L2 norm before each step. Default: no clipping. */
  clipNorm?: number;
  /** 'constant' (default), 'cosine' (per batch, to 0 at the end), 'step' (halve every third of the epochs). */
  lrSchedule?: LrSchedule;
  /** Default { type: 'regression' }. */
  target?: TargetSpec;
}

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

export interface Executor {
  /** How many train calls may run at once (a worker pool's size; 1 when one worker owns the GPU). */
  parallelism?: number;
  backend(): Promise<BackendInfo>;
  train(model: ModelSpec, training: TrainingSpec, data: WindowedData, options?: CallOptions): Promise<ModelHandle>;
  /** Returns [n, horizon] predictions for the windows in x ([n, horizon, quantiles] for a quantile target). */
  predict(handle: ModelHandle, data: WindowedData, options?: CallOptions): Promise<Float32Array>;
  release(handle: ModelHandle): Promise<void>;
}

export class CancelledError extends Error {
  constructor(message = 'cancelled by the user') {
    super(message);
    this.name = 'CancelledError';
  }
}
