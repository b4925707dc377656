/** Benchmarks that run in Node: training throughput per backend, CSV parsing, hashing, the demo notebook. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BackendName, Executor, ModelSpecInput } from '../src/core/executor';
import { hashFrame } from '../src/core/hash';

import { benchCsvText, lstmTrainingFlopsPerSample, REFERENCE, referenceData } from './reference';
import { createLocalExecutor } from '../src/ml/localExecutor';
import { createMemoryCache } from '../src/notebook/cache';
import { parseNotebookJson } from '../src/notebook/parse';
import { runNotebook } from '../src/notebook/runner';
import type { DataRequest } from '../src/notebook/runState';
import type { NotebookDoc } from '../src/notebook/schema';
import { parseCsvSeries } from '../src/sources/csv';
import { generateDemoMarket } from '../src/sources/demo';
import { loadDataCell } from '../src/sources/loadSource';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  detail?: Record<string, unknown>;
}

export { REFERENCE, referenceData, lstmTrainingFlopsPerSample };

async function trainingThroughput(backend: BackendName): Promise<BenchResult> {
  const executor = createLocalExecutor(backend);
  const info = await executor.backend();
  const spec: ModelSpecInput = { type: 'lstm', units: REFERENCE.units, lookback: REFERENCE.lookback, recurrentActivation: 'sigmoid', engine: 'tfjs' };
  const epochEnds: number[] = [];
  const started = performance.now();
  const handle = await executor.train(spec, { epochs: 2, batchSize: REFERENCE.batchSize, learningRate: 0.001, seed: 1 }, referenceData(), {
    onProgress: (p) => {
      if (p.batch === p.batches) epochEnds.push(performance.now());
    },
  });
  await executor.release(handle);
  // The first epoch includes kernel compilation and warm-up; report the second.
  const epochMs = epochEnds.length >= 2 ? epochEnds[1]! - epochEnds[0]! : performance.now() - started;
  const samplesPerSecond = REFERENCE.samples / (epochMs / 1000);
  const gflops = (samplesPerSecond * lstmTrainingFlopsPerSample(REFERENCE.units, REFERENCE.features, REFERENCE.lookback)) / 1e9;
  return {
    name: `node.train.lstm32.${info.backend}`,
    value: samplesPerSecond,
    unit: 'samples/s',
    detail: { backend: info.backend, reason: info.reason, epochMs, gflops, ...REFERENCE },
  };
}

function csvThroughput(rows: number): BenchResult {
  const text = benchCsvText(rows);
  const started = performance.now();
  parseCsvSeries(text, { name: 'bench.csv' });
  const seconds = (performance.now() - started) / 1000;
  return { name: 'node.csv.parse', value: rows / seconds, unit: 'rows/s', detail: { rows, megabytes: text.length / 1e6, seconds } };
}

function hashThroughput(): BenchResult {
  const frame = generateDemoMarket({ seed: 1, bars: 200_000 });
  const bytes = frame.time.byteLength * (1 + Object.keys(frame.columns).length);
  const started = performance.now();
  hashFrame(frame);
  const seconds = (performance.now() - started) / 1000;
  return { name: 'node.hash.frame', value: bytes / 1e6 / seconds, unit: 'MB/s', detail: { rows: 200_000, seconds } };
}

/** Trainings an executor starts. */
function countingExecutor(backend: BackendName): { executor: Executor; trains: () => number } {
  const local = createLocalExecutor(backend);
  let trains = 0;
  return { executor: { ...local, train: (...args) => ((trains += 1), local.train(...args)) }, trains: () => trains };
}

/** The demo notebook: a full run, then reruns from the run cache after a fee edit and after 30 more bars (one more test fold). */
export async function demoWallTimes(): Promise<BenchResult[]> {
  const doc = parseNotebookJson(readFileSync(resolve(import.meta.dirname, '../public/notebooks/demo.json'), 'utf8'));
  const counting = countingExecutor('wasm');
  const env = {
    executor: counting.executor,
    versions: {},
    cache: createMemoryCache(),
    loadData: (data: DataRequest) => loadDataCell(data, { readCsvText: () => Promise.reject(new Error('the demo has no CSV')) }),
  };
  const timed = async (name: string, notebook: NotebookDoc, fullSeconds?: number): Promise<BenchResult> => {
    const trainsBefore = counting.trains();
    const started = performance.now();
    const { report } = await runNotebook(notebook, env);
    const seconds = (performance.now() - started) / 1000;
    const detail = { backend: report.backend.name, folds: report.folds.length, trainings: counting.trains() - trainsBefore };
    return { name, value: seconds, unit: 's', detail: fullSeconds === undefined ? detail : { ...detail, speedup: fullSeconds / seconds } };
  };
  const full = await timed('node.demo.walkforward', doc);
  const fee = { ...doc, cells: doc.cells.map((c) => (c.kind === 'backtest' ? { ...c, feeBps: c.feeBps + 5 } : c)) };
  const moreBars = {
    ...fee,
    cells: fee.cells.map((c) => (c.kind === 'data' && c.source.type === 'demo' ? { ...c, source: { ...c.source, bars: c.source.bars + 30 } } : c)),
  };
  return [full, await timed('node.demo.rerunAfterFeeEdit', fee, full.value), await timed('node.demo.rerunAfterOneMoreFold', moreBars, full.value)];
}

export async function nodeBenchmarks(log: (line: string) => void): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const step of [
    () => csvThroughput(1_000_000),
    () => hashThroughput(),
    () => trainingThroughput('wasm'),
    () => trainingThroughput('cpu'),
    () => demoWallTimes(),
  ]) {
    for (const result of [await step()].flat()) {
      log(`${result.name}: ${result.value.toFixed(result.unit === 's' ? 3 : 1)} ${result.unit}`);
      results.push(result);
    }
  }
  return results;
}
