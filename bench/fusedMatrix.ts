/**
 * The fused-engine comparison, portable (Node and a Chromium worker): one training epoch's
 * batches of LSTM/GRU at 32 and 128 units (lookback 60, 8 features, batch 64, 2048 samples) on
 * tfjs layers (the active tfjs backend, wasm here), the fused plain-JS engine and the fused wasm
 * SIMD engine, timed after two warm-up batches; and the rows with their ratios.
 */
import { CancelledError } from '../src/core/executor';
import type { GruSpec, LstmSpec, TrainingSpec, WindowedData } from '../src/core/executor';
import { gruSchema, lstmSchema } from '../src/spec';
import { createRng } from '../src/core/rng';
import { trainFused } from '../src/ml/fused';
import { disposeModel, trainModel, type TrainHooks, type TrainedModel } from '../src/ml/train';

export const FUSED_WORKLOAD = { samples: 2048, lookback: 60, features: 8, batchSize: 64 } as const;
export const BATCHES_PER_EPOCH = Math.ceil(FUSED_WORKLOAD.samples / FUSED_WORKLOAD.batchSize);

/** Keep in sync with bench/node.ts BenchResult (this file must not import Node-only modules). */
export interface MatrixResult {
  name: string;
  value: number;
  unit: string;
  detail: Record<string, unknown>;
}

export type EngineName = 'tfjs-wasm' | 'fused-js' | 'fused-wasm' | 'pytorch';

export interface MatrixRun {
  cell: 'lstm' | 'gru';
  units: number;
  engine: EngineName;
  msPerBatch: number;
  measuredBatches: number;
  note?: string;
}

export interface MatrixOptions {
  units?: number[];
  cells?: ('lstm' | 'gru')[];
  /** Batches timed per engine after 2 warm-up batches (default 32 = one epoch). */
  batches?: number;
  /** Batches timed for tfjs layers at more than 32 units (default 8). */
  tfjsLargeBatches?: number;
}

export const MATRIX_TRAINING: TrainingSpec = { epochs: 3, batchSize: FUSED_WORKLOAD.batchSize, learningRate: 1e-3, seed: 1, validationFraction: 0 };

export function workloadData(seed = 1): WindowedData {
  const rng = createRng(seed);
  const { samples, lookback, features } = FUSED_WORKLOAD;
  const x = Float32Array.from({ length: samples * lookback * features }, () => rng.normal());
  const y = Float32Array.from({ length: samples }, () => rng.normal());
  return { x, y, n: samples, lookback, features, horizon: 1 };
}

/** ms per batch between the end of batch `warm` and the end of batch `warm + count`. */
export async function timeBatches(train: (hooks: TrainHooks) => Promise<TrainedModel>, count: number, warm = 2): Promise<number> {
  const ends: number[] = [];
  const hooks: TrainHooks = {
    onProgress: () => void ends.push(performance.now()),
    shouldStop: () => ends.length >= warm + count,
  };
  try {
    disposeModel(await train(hooks));
  } catch (err) {
    if (!(err instanceof CancelledError)) throw err;
  }
  const first = ends[warm - 1];
  const last = ends[warm + count - 1];
  if (first === undefined || last === undefined) throw new Error(`bench: only ${ends.length} batches ran, wanted ${warm + count}`);
  return (last - first) / count;
}

export function recurrentSpec(cell: 'lstm' | 'gru', units: number): LstmSpec | GruSpec {
  const spec = { units, lookback: FUSED_WORKLOAD.lookback, recurrentActivation: 'sigmoid' } as const;
  return cell === 'lstm' ? lstmSchema.parse({ type: cell, ...spec }) : gruSchema.parse({ type: cell, ...spec });
}

/** tfjs layers, fused JS and fused wasm for every cell and size; tfjs runs on the active backend. */
export async function fusedMatrix(log: (line: string) => void, options: MatrixOptions = {}): Promise<MatrixRun[]> {
  const { units: unitList = [32, 128], cells = ['lstm', 'gru'], batches = 32, tfjsLargeBatches = 8 } = options;
  const data = workloadData();
  const runs: MatrixRun[] = [];
  for (const cell of cells) {
    for (const units of unitList) {
      const spec = recurrentSpec(cell, units);
      const timed = async (engine: EngineName, count: number, train: (h: TrainHooks) => Promise<TrainedModel>): Promise<void> => {
        const msPerBatch = await timeBatches(train, count);
        runs.push({ cell, units, engine, msPerBatch, measuredBatches: count });
        log(`fused matrix: ${cell}${units} ${engine}: ${(msPerBatch * BATCHES_PER_EPOCH).toFixed(0)} ms/epoch`);
      };
      await timed('tfjs-wasm', units > 32 ? Math.min(batches, tfjsLargeBatches) : batches, (h) =>
        trainModel({ ...spec, engine: 'tfjs' }, MATRIX_TRAINING, data, h),
      );
      await timed('fused-js', batches, (h) => trainFused(spec, MATRIX_TRAINING, data, h, { engine: 'js' }));
      await timed('fused-wasm', batches, (h) => trainFused(spec, MATRIX_TRAINING, data, h, { engine: 'wasm' }));
    }
  }
  return runs;
}

/**
 * One row per run, named `${prefix}.${cell}${units}.${engine}`, with samples/s and the ratio to
 * tfjs layers and to PyTorch of the same cell and size (`reference` runs may come from elsewhere,
 * e.g. the Node PyTorch runs for the Chromium rows: same machine, same workload).
 */
export function matrixResults(prefix: string, runs: readonly MatrixRun[], extraDetail: Record<string, unknown> = {}, reference: readonly MatrixRun[] = runs): MatrixResult[] {
  const rate = (r: MatrixRun) => FUSED_WORKLOAD.batchSize / (r.msPerBatch / 1000);
  const rateOf = (cell: string, units: number, engine: EngineName, from: readonly MatrixRun[]) => {
    const r = from.find((x) => x.cell === cell && x.units === units && x.engine === engine);
    return r ? rate(r) : undefined;
  };
  return runs.map((r) => {
    const tfjs = rateOf(r.cell, r.units, 'tfjs-wasm', runs);
    const torch = rateOf(r.cell, r.units, 'pytorch', reference);
    return {
      name: `${prefix}.${r.cell}${r.units}.${r.engine}`,
      value: rate(r),
      unit: 'samples/s',
      detail: {
        msPerEpoch: r.msPerBatch * BATCHES_PER_EPOCH,
        measuredBatches: r.measuredBatches,
        vsTfjsWasm: tfjs ? rate(r) / tfjs : null,
        vsPytorch: torch ? rate(r) / torch : null,
        ...(r.note ? { note: r.note } : {}),
        ...extraDetail,
        cell: r.cell,
        units: r.units,
        ...FUSED_WORKLOAD,
      },
    };
  });
}
