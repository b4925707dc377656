/**
 * The browser benchmark page: training samples/s per model per backend (one dedicated worker
 * each), IndexedDB columnar chunks vs one row per candle, CSV parsing in a worker. Driven by
 * bench/browser.ts, which exposes `benchProgress` and reads `benchResult`.
 */
import { Dexie } from 'dexie';
import type { Frame } from '../../src/core/frame';
import { openDb } from '../../src/storage/db';
import { loadFrame, saveFrame } from '../../src/storage/datasets';
import { lstmStepBench } from './lstmStep';
import type { MatrixRun } from '../fusedMatrix';
import type { BenchBackend, BenchModel, BrowserBenchOutput, TrainMeasurement, TrainReply, TrainRequest } from './protocol';

interface BenchWindow {
  benchProgress?: (message: string) => void;
  benchResult?: BrowserBenchOutput | { error: string };
}
const page = window as unknown as BenchWindow;
const log = (message: string) => page.benchProgress?.(message);
const MODELS: BenchModel[] = ['lstm', 'gru', 'attention'];
/** Software WebGPU runs ~2.5 s a batch here (PITFALLS.md): measure a few and extrapolate. */
const WEBGPU_CAP_BATCHES = 3;

function trainOn(backend: BenchBackend, timeoutMs: number, capBatches?: number, matrixOnly = false) {
  return new Promise<{ detail: Record<string, unknown>; measurements: TrainMeasurement[]; matrix?: MatrixRun[] }>((resolve) => {
    const worker = new Worker(new URL('./train.worker.ts', import.meta.url), { type: 'module' });
    const measurements: TrainMeasurement[] = [];
    let matrix: MatrixRun[] | undefined;
    let detail: Record<string, unknown> = {};
    const finish = (extra: Record<string, unknown> = {}) => {
      clearTimeout(timer);
      worker.terminate();
      resolve({ detail: { ...detail, ...extra }, measurements, ...(matrix ? { matrix } : {}) });
    };
    // Threaded wasm can hang silently (PITFALLS.md): never wait forever.
    const timer = setTimeout(() => finish({ error: `timed out after ${timeoutMs / 1000} s` }), timeoutMs);
    worker.onerror = (e) => finish({ error: `worker error: ${e.message}` });
    worker.onmessage = (event: MessageEvent<TrainReply>) => {
      const reply = event.data;
      if (reply.type === 'started') {
        detail = reply.detail;
        log(`${backend}: started ${JSON.stringify(reply.detail)}`);
      } else if (reply.type === 'progress') log(reply.message);
      else if (reply.type === 'result') {
        measurements.push(reply.measurement);
        const m = reply.measurement;
        log(`${backend} ${m.model}: ${m.samplesPerSecond === null ? m.error : `${m.samplesPerSecond.toFixed(1)} samples/s`}${m.extrapolated ? ` (extrapolated from ${m.batchesMeasured} batches)` : ''}`);
      } else if (reply.type === 'matrix') matrix = reply.runs;
      else if (reply.type === 'error') finish({ error: reply.message });
      else finish();
    };
    // The fused engine does not use the tfjs backend: measure it once, in the wasm worker.
    const models: BenchModel[] = matrixOnly ? [] : backend === 'wasm' ? [...MODELS, 'fusedLstm', 'fusedGru'] : MODELS;
    const request: TrainRequest = { backend, models, ...(capBatches !== undefined ? { capBatches } : {}), ...(matrixOnly ? { fusedMatrix: true } : {}) };
    worker.postMessage(request);
  });
}

function candles(rows: number): Frame {
  const time = new Float64Array(rows);
  const names = ['open', 'high', 'low', 'close', 'volume'] as const;
  const columns = Object.fromEntries(names.map((n) => [n, new Float64Array(rows)])) as Record<(typeof names)[number], Float64Array>;
  let price = 30_000;
  for (let i = 0; i < rows; i++) {
    price *= 1 + 0.001 * Math.sin(i * 0.37);
    time[i] = 1_600_000_000_000 + i * 60_000;
    columns.open[i] = price;
    columns.high[i] = price * 1.001;
    columns.low[i] = price * 0.999;
    columns.close[i] = price;
    columns.volume[i] = (i % 97) / 7;
  }
  return { time, columns, meta: { name: 'bench candles', intervalMs: 60_000, synthetic: true, source: 'bench' } };
}

async function indexedDbBench(rows: number): Promise<Record<string, number>> {
  const frame = candles(rows);
  const dbName = 'cfl-bench-columnar';
  await Dexie.delete(dbName);
  const db = openDb(dbName);
  let t = performance.now();
  const meta = await saveFrame(db, frame, { type: 'bench' });
  const columnarWriteMs = performance.now() - t;
  t = performance.now();
  const loaded = await loadFrame(db, meta.id);
  const columnarReadMs = performance.now() - t;
  if (loaded.time.length !== rows) throw new Error(`columnar read gave ${loaded.time.length} rows, expected ${rows}`);
  db.close();
  await Dexie.delete(dbName);
  log(`indexeddb columnar: write ${Math.round(columnarWriteMs)} ms, read ${Math.round(columnarReadMs)} ms`);

  const rowsName = 'cfl-bench-rows';
  await Dexie.delete(rowsName);
  const rowDb = new Dexie(rowsName);
  rowDb.version(1).stores({ candles: '++id' });
  const table = rowDb.table('candles');
  const c = frame.columns;
  const objects = Array.from({ length: rows }, (_, i) => ({ time: frame.time[i], open: c.open![i], high: c.high![i], low: c.low![i], close: c.close![i], volume: c.volume![i] }));
  t = performance.now();
  await table.bulkAdd(objects);
  const rowWriteMs = performance.now() - t;
  log(`indexeddb one row per candle: write ${Math.round(rowWriteMs)} ms`);
  t = performance.now();
  const read = await table.toArray();
  const rowReadMs = performance.now() - t;
  if (read.length !== rows) throw new Error(`row read gave ${read.length} rows, expected ${rows}`);
  rowDb.close();
  await Dexie.delete(rowsName);
  log(`indexeddb one row per candle: read ${Math.round(rowReadMs)} ms`);
  return { rows, columnarWriteMs, columnarReadMs, rowWriteMs, rowReadMs };
}

function csvBench(rows: number): Promise<BrowserBenchOutput['csv']> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./csv.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<BrowserBenchOutput['csv']>) => {
      worker.terminate();
      resolve(e.data);
    };
    worker.onerror = (e) => resolve({ error: e.message });
    worker.postMessage({ rows });
  });
}

async function main(): Promise<BrowserBenchOutput> {
  const output: BrowserBenchOutput = {
    userAgent: navigator.userAgent,
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    hardwareConcurrency: navigator.hardwareConcurrency,
    backends: {},
    training: [],
    indexedDb: {},
    csv: { error: 'not run' },
  };
  const plan: [BenchBackend, number, number | undefined][] = [
    ['wasm', 180_000, undefined],
    ...(output.crossOriginIsolated ? [['wasm-threads', 180_000, undefined] as [BenchBackend, number, undefined]] : []),
    ['cpu', 240_000, undefined],
    ['webgpu', 240_000, WEBGPU_CAP_BATCHES],
  ];
  if (!output.crossOriginIsolated) output.backends['wasm-threads'] = { skipped: 'the page is not cross-origin isolated' };
  for (const [backend, timeoutMs, cap] of plan) {
    const { detail, measurements } = await trainOn(backend, timeoutMs, cap);
    output.backends[backend] = cap === undefined ? detail : { ...detail, capBatches: cap };
    output.training.push(...measurements);
  }
  log('wasm: fused matrix (tfjs layers vs fused JS vs fused wasm SIMD, LSTM/GRU 32 and 128 units)');
  const matrix = await trainOn('wasm', 420_000, undefined, true);
  output.fusedMatrix = matrix.matrix ?? { error: String(matrix.detail.error ?? 'no result') };
  log('webgpu: dispatches per LSTM timestep, WGSL step vs tf.layers.lstm');
  output.lstmStep = await lstmStepBench();
  log(`webgpu lstm step: ${JSON.stringify(output.lstmStep)}`);
  log('csv: parsing 1,000,000 rows in a worker');
  output.csv = await csvBench(1_000_000);
  log('indexeddb: 1,000,000 candles');
  output.indexedDb = await indexedDbBench(1_000_000);
  return output;
}

main().then(
  (result) => (page.benchResult = result),
  (err: unknown) => (page.benchResult = { error: err instanceof Error ? err.stack ?? err.message : String(err) }),
);
