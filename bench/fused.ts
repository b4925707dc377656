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
 * The matrix itself is bench/fusedMatrix.ts (it runs in a Chromium worker too); exported for
 * bench/run.ts: `fusedBenchmarks(log)`, which also returns the runs (PyTorch's are the reference
 * of the Chromium rows).
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { buildWasm } from '../scripts/build-wasm.mjs';
import type { TargetSpec } from '../src/core/executor';
import { selectBackend } from '../src/ml/backend';
import { trainFused } from '../src/ml/fused';
import { BATCHES_PER_EPOCH, FUSED_WORKLOAD, fusedMatrix, MATRIX_TRAINING, matrixResults, recurrentSpec, timeBatches, workloadData, type MatrixOptions, type MatrixRun } from './fusedMatrix';
import type { BenchResult } from './node';

const PYTHON = '/usr/bin/python3';

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

export async function fusedBenchmarks(log: (line: string) => void = () => {}, options: MatrixOptions = {}): Promise<{ results: BenchResult[]; runs: MatrixRun[] }> {
  await buildWasm({ quiet: true });
  const backend = await selectBackend('wasm');
  const torch = torchAvailable();
  if (!torch) log(`bench fused: PyTorch skipped (${PYTHON} cannot import torch; apt-get install python3-torch)`);
  const runs = await fusedMatrix((line) => log(`bench ${line}`), options);
  if (torch) {
    for (const { cell, units } of runs.filter((r) => r.engine === 'fused-wasm')) {
      const { msPerBatch, threads } = torchMsPerBatch(cell, units, options.batches ?? BATCHES_PER_EPOCH);
      runs.push({ cell, units, engine: 'pytorch', msPerBatch, measuredBatches: options.batches ?? BATCHES_PER_EPOCH, note: `torch ${torch}, ${threads} threads` });
      log(`bench fused: ${cell}${units} pytorch: ${(msPerBatch * BATCHES_PER_EPOCH).toFixed(0)} ms/epoch`);
    }
  }
  const extra = { tfjsBackend: backend.backend, tfjsReason: backend.reason, ...(torch ? {} : { pytorch: `skipped: ${PYTHON} has no torch` }) };
  const results: BenchResult[] = matrixResults('node.train.fused', runs, extra);
  if ((options.cells ?? ['lstm']).includes('lstm')) results.push(...(await targetBenchmarks(options.batches ?? BATCHES_PER_EPOCH, log)));
  return { results, runs };
}

/** Fused wasm samples/s of the 32-unit LSTM per target, with the ratio to regression. */
async function targetBenchmarks(batches: number, log: (line: string) => void): Promise<BenchResult[]> {
  const data = workloadData();
  const training = MATRIX_TRAINING;
  const spec = recurrentSpec('lstm', 32);
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
