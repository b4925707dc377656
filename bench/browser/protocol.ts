/** Messages between the bench page, its workers and bench/browser.ts. Plain data only. */
import type { StepProbe } from '../../src/selftest/stepProbe';
import type { MatrixRun } from '../fusedMatrix';
export type BenchBackend = 'webgpu' | 'wasm' | 'wasm-threads' | 'cpu';
/** lstm/gru: tfjs layers on the backend; fusedLstm/fusedGru: the fused wasm SIMD engine (backend-independent). */
export type BenchModel = 'lstm' | 'gru' | 'attention' | 'fusedLstm' | 'fusedGru';

export interface TrainRequest {
  backend: BenchBackend;
  models: BenchModel[];
  /** Measure only this many batches and extrapolate to the epoch (the software WebGPU adapter). */
  capBatches?: number;
  /** Also run bench/fusedMatrix.ts (tfjs layers vs fused JS vs fused wasm, 32 and 128 units). */
  fusedMatrix?: boolean;
}

export interface TrainMeasurement {
  model: BenchModel;
  backend: BenchBackend;
  samplesPerSecond: number | null;
  epochMs: number | null;
  batchesMeasured: number;
  batches: number;
  extrapolated: boolean;
  warmupMs: number;
  error?: string;
}

export type TrainReply =
  | { type: 'started'; backend: string; detail: Record<string, unknown> }
  | { type: 'progress'; message: string }
  | { type: 'result'; measurement: TrainMeasurement }
  | { type: 'matrix'; runs: MatrixRun[] }
  | { type: 'done' }
  | { type: 'error'; message: string };

export interface BrowserBenchOutput {
  userAgent: string;
  crossOriginIsolated: boolean;
  hardwareConcurrency: number;
  backends: Record<string, Record<string, unknown>>;
  training: TrainMeasurement[];
  /** The fused matrix in a wasm worker. */
  fusedMatrix?: MatrixRun[] | { error: string };
  indexedDb: Record<string, number>;
  csv: { rows: number; megabytes: number; seconds: number; rowsPerSecond: number } | { error: string };
  /** WGSL LSTM step vs tf.layers.lstm cell on WebGPU (bench/browser/lstmStep.ts). */
  lstmStep?: LstmStepBench;
}

export type LstmStepBench = (StepProbe & { adapter: string; software: boolean }) | { error: string };
