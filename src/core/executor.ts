/**
 * The executor contract: how the runner asks for model work without knowing where it runs
 * (a Web Worker in the page, in-process in Node). Plain data only, so it crosses postMessage.
 */

export type BackendName = 'webgpu' | 'wasm' | 'cpu';
export type BackendPreference = BackendName | 'auto';

export interface LstmSpec {
  type: 'lstm';
  units: number;
  lookback: number;
  /** 'sigmoid' (PyTorch/Keras) or 'hardSigmoid' (tfjs default); recorded in the run. */
  recurrentActivation: 'sigmoid' | 'hardSigmoid';
}
export interface NaiveSpec {
  type: 'naive';
  lookback: number;
}
export type ModelSpec = LstmSpec | NaiveSpec;

export interface TrainingSpec {
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
}

/** Windows as built by core/windows: x is [n, lookback, features], y is [n, horizon]. */
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
  loss: number;
  samplesPerSecond: number;
}

export interface ModelHandle {
  id: string;
  backend: BackendName;
}

export interface BackendInfo {
  backend: BackendName;
  /** Why this backend was chosen, in words for the UI and the run record. */
  reason: string;
  adapter?: string;
}

export interface CallOptions {
  signal?: AbortSignal;
  onProgress?: (p: TrainProgress) => void;
}

export interface Executor {
  backend(): Promise<BackendInfo>;
  train(model: ModelSpec, training: TrainingSpec, data: WindowedData, options?: CallOptions): Promise<ModelHandle>;
  /** Returns [n, horizon] predictions for the windows in x. */
  predict(handle: ModelHandle, data: WindowedData, options?: CallOptions): Promise<Float32Array>;
  release(handle: ModelHandle): Promise<void>;
}

export class CancelledError extends Error {
  constructor(message = 'cancelled by the user') {
    super(message);
    this.name = 'CancelledError';
  }
}
