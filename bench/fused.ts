/**
 * Fused recurrent training vs tfjs layers (FUSED-RNN.md, issue 6), in Node: training samples/s
 * for tfjs layers on the wasm backend, the fused plain-JS engine and the fused wasm SIMD engine,
 * LSTM and GRU at 32 and 128 units (lookback 60, 8 features, batch 64, 2048 samples, Adam), and
 * PyTorch CPU on the same shapes when /usr/bin/python3 has torch (bench/fused_torch.py).
 * Every engine is timed through its real training entry (trainModel / trainFused) over batches
 * after the first two (warm-up); ms/epoch = 32 batches at the measured rate. tfjs at 128 units
 * is timed over fewer batches (it is slow) and extrapolated; `measuredBatches` says so.
 * Then the fused wasm engine on the 32-unit LSTM per target (direction: logistic head; quantile:
 * pinball head over 3 quantiles) against its own regression rate (`vsRegression`).
 * Exported for bench/run.ts: `fusedBenchmarks(log)`.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { buildWasm } from '../scripts/build-wasm.mjs';
import { CancelledError } from '../src/core/executor';
import type { GruSpec, LstmSpec, TargetSpec, TrainingSpec, WindowedData } from '../src/core/executor';
import { createRng } from '../src/core/rng';
import { selectBackend } from '../src/ml/backend';
import { trainFused } from '../src/ml/fused';
import { disposeModel, trainModel, type TrainHooks, type TrainedModel } from '../src/ml/train';
import type { BenchResult } from './node';

export const FUSED_WORKLOAD = { samples: 2048, lookback: 60, features: 8, batchSize: 64 } as const;
const PYTHON = '/usr/bin/python3';

export interface FusedBenchOptions {
  units?: number[];
  cells?: ('lstm' | 'gru')[];
  /** Batches timed per engine after 2 warm-up batches (default 32 = one epoch). */
  batches?: number;
  /** Batches timed for tfjs layers at more than 32 units (default 8). */
  tfjsLargeBatches?: number;
}

type EngineName = 'tfjs-wasm' | 'fused-js' | 'fused-wasm' | 'pytorch';

function workloadData(seed = 1): WindowedData {
  const rng = createRng(seed);
  const { samples, lookback, features } = FUSED_WORKLOAD;
  const x = Float32Array.from({ length: samples * lookback * features }, () => rng.normal());
  const y = Float32Array.from({ length: samples }, () => rng.normal());
  return { x, y, n: samples, lookback, features, horizon: 1 };
}

/** ms per batch between the end of batch `warm` and the end of batch `warm + count`. */
async function timeBatches(
  train: (hooks: TrainHooks) => Promise<TrainedModel>,
  count: number,
  warm = 2,
): Promise<number> {
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

function torchAvailable(): string | null {
  const probe = spawnSync(PYTHON, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' });
  return probe.status === 0 ? probe.stdout.trim() : null;
}

function torchMsPerBatch(cell: 'lstm' | 'gru', units: number, batches: number): { msPerBatch: number; threads: number } {
  const script = resolve(import.meta.dirname, 'fused_torch.py');
  const { lookback, features, batchSize, samples } = FUSED_WORKLOAD;
  const args = [script, cell, String(units), String(lookback), String(features), String(batchSize), String(samples), String(batches)];
  const run = spawnSync(PYTHON, args, { encoding: 'utf8', timeout: 600_000 });
  if (run.status !== 0) throw new Error(`bench: ${PYTHON} fused_torch.py failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as { msPerBatch: number; threads: number };
}

export async function fusedBenchmarks(log: (line: string) => void = () => {}, options: FusedBenchOptions = {}): Promise<BenchResult[]> {
  const { units: unitList = [32, 128], cells = ['lstm', 'gru'], batches = 32, tfjsLargeBatches = 8 } = options;
  await buildWasm({ quiet: true });
  const backend = await selectBackend('wasm');
  const torch = torchAvailable();
  if (!torch) log(`bench fused: PyTorch skipped (${PYTHON} cannot import torch; apt-get install python3-torch)`);
  const data = workloadData();
  const batchesPerEpoch = Math.ceil(FUSED_WORKLOAD.samples / FUSED_WORKLOAD.batchSize);
  const training: TrainingSpec = { epochs: 3, batchSize: FUSED_WORKLOAD.batchSize, learningRate: 1e-3, seed: 1, validationFraction: 0 };
  const results: BenchResult[] = [];
  for (const cell of cells) {
    for (const units of unitList) {
      const spec: LstmSpec | GruSpec =
        cell === 'lstm'
          ? { type: 'lstm', units, lookback: FUSED_WORKLOAD.lookback, recurrentActivation: 'sigmoid' }
          : { type: 'gru', units, lookback: FUSED_WORKLOAD.lookback, recurrentActivation: 'sigmoid' };
      const runs: { engine: EngineName; msPerBatch: number; measuredBatches: number; note?: string }[] = [];
      const tfjsCount = units > 32 ? Math.min(batches, tfjsLargeBatches) : batches;
      const timed = async (engine: EngineName, count: number, train: (h: TrainHooks) => Promise<TrainedModel>): Promise<void> => {
        const msPerBatch = await timeBatches(train, count);
        runs.push({ engine, msPerBatch, measuredBatches: count });
        log(`bench fused: ${cell}${units} ${engine}: ${(msPerBatch * batchesPerEpoch).toFixed(0)} ms/epoch`);
      };
      await timed('tfjs-wasm', tfjsCount, (h) => trainModel({ ...spec, engine: 'tfjs' }, training, data, h));
      await timed('fused-js', batches, (h) => trainFused(spec, training, data, h, { engine: 'js' }));
      await timed('fused-wasm', batches, (h) => trainFused(spec, training, data, h, { engine: 'wasm' }));
      if (torch) {
        const { msPerBatch, threads } = torchMsPerBatch(cell, units, batches);
        runs.push({ engine: 'pytorch', msPerBatch, measuredBatches: batches, note: `torch ${torch}, ${threads} threads` });
        log(`bench fused: ${cell}${units} pytorch: ${(msPerBatch * batchesPerEpoch).toFixed(0)} ms/epoch`);
      }
      const rate = (engine: EngineName): number | undefined => {
        const r = runs.find((x) => x.engine === engine);
        return r ? FUSED_WORKLOAD.batchSize / (r.msPerBatch / 1000) : undefined;
      };
      const tfjsRate = rate('tfjs-wasm');
      const torchRate = rate('pytorch');
      for (const r of runs) {
        const samplesPerSecond = FUSED_WORKLOAD.batchSize / (r.msPerBatch / 1000);
        results.push({
          name: `node.train.fused.${cell}${units}.${r.engine}`,
          value: samplesPerSecond,
          unit: 'samples/s',
          detail: {
            msPerEpoch: r.msPerBatch * batchesPerEpoch,
            measuredBatches: r.measuredBatches,
            vsTfjsWasm: tfjsRate ? samplesPerSecond / tfjsRate : null,
            vsPytorch: torchRate ? samplesPerSecond / torchRate : null,
            ...(r.engine === 'tfjs-wasm' ? { backend: backend.backend, reason: backend.reason } : {}),
            ...(r.note ? { note: r.note } : {}),
            ...(torch ? {} : { pytorch: `skipped: ${PYTHON} has no torch` }),
            cell,
            units,
            ...FUSED_WORKLOAD,
          },
        });
      }
    }
  }
  if (cells.includes('lstm')) results.push(...(await targetBenchmarks(data, training, batches, log)));
  return results;
}

/** Fused wasm samples/s of the 32-unit LSTM per target, with the ratio to regression. */
async function targetBenchmarks(data: WindowedData, training: TrainingSpec, batches: number, log: (line: string) => void): Promise<BenchResult[]> {
  const spec: LstmSpec = { type: 'lstm', units: 32, lookback: FUSED_WORKLOAD.lookback, recurrentActivation: 'sigmoid' };
  const targets: TargetSpec[] = [{ type: 'regression' }, { type: 'direction' }, { type: 'quantile', quantiles: [0.1, 0.5, 0.9] }];
  const rates: number[] = [];
  for (const target of targets) {
    const msPerBatch = await timeBatches((h) => trainFused(spec, { ...training, target }, data, h, { engine: 'wasm' }), batches);
    rates.push(FUSED_WORKLOAD.batchSize / (msPerBatch / 1000));
    log(`bench fused: lstm32 fused-wasm ${target.type}: ${rates[rates.length - 1]!.toFixed(0)} samples/s`);
  }
  return targets.map((target, i) => ({
    name: `node.train.fused.lstm32.fused-wasm.target.${target.type}`,
    value: rates[i]!,
    unit: 'samples/s',
    detail: { vsRegression: rates[i]! / rates[0]!, target, cell: 'lstm', units: 32, ...FUSED_WORKLOAD },
  }));
}
