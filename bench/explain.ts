/**
 * Explanation benchmarks (issue #10): one window's exact group Shapley (8 groups = 256 coalitions,
 * background 64) through the fused wasm LSTM forward, for the demo's shape (lookback 30) and the
 * reference LSTM(32, lookback 60, 8 features); and the demo's last-fold global explanation
 * through the runner (the explain cell: retraining the fold's model, then every test window).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { attributionGroups, backgroundBase, groupOfCell, windowShapley, type BatchPredict } from '../src/core/explain';
import { createRng } from '../src/core/rng';
import { createWasmEngine } from '../src/ml/fused';
import { createLocalExecutor } from '../src/ml/localExecutor';
import { createMemoryCache } from '../src/notebook/cache';
import { parseNotebookJson } from '../src/notebook/parse';
import { runNotebook } from '../src/notebook/runner';
import type { DataRequest } from '../src/notebook/runState';
import { loadDataCell } from '../src/sources/loadSource';
import type { BenchResult } from './node';

const MAX_BATCH = 2048;

/** A seeded LSTM(units) on the fused wasm engine, as a batched predict; counts the rows it evaluates. */
async function fusedLstm(lookback: number, features: number, units: number): Promise<{ predict: BatchPredict; rows: () => number }> {
  const engine = await createWasmEngine({ cell: 'lstm', layers: 1, units, features, lookback, outputs: 1, maxBatch: MAX_BATCH, hardSigmoid: false });
  const rng = createRng(5);
  const params = engine.params();
  for (let i = 0; i < params.length; i++) params[i] = 0.2 * rng.normal();
  let evaluated = 0;
  const width = lookback * features;
  const predict: BatchPredict = async (x, rows) => {
    const out = new Float64Array(rows);
    for (let start = 0; start < rows; start += MAX_BATCH) {
      const b = Math.min(MAX_BATCH, rows - start);
      engine.x().set(x.subarray(start * width, (start + b) * width));
      engine.forward(b);
      const result = engine.out();
      for (let r = 0; r < b; r++) out[start + r] = result[r]!;
    }
    evaluated += rows;
    return out;
  };
  return { predict, rows: () => evaluated };
}

async function exactWindowShapley(lookback: number): Promise<BenchResult> {
  const features = 8;
  const width = lookback * features;
  const { predict, rows } = await fusedLstm(lookback, features, 32);
  const rng = createRng(7);
  const background = { x: Float32Array.from({ length: 64 * width }, () => rng.normal()), n: 64 };
  const window = Float32Array.from({ length: width }, () => rng.normal());
  const names = Array.from({ length: features }, (_, f) => `f${f}`);
  const groups = attributionGroups(names, lookback, 'feature');
  const owner = groupOfCell(groups, width);
  const base = await backgroundBase(predict, background);
  await windowShapley(predict, window, background, owner, groups.length, base, { coalitions: 0, seed: 1 }); // warm-up
  const times: number[] = [];
  const cpu: number[] = [];
  const before = rows();
  for (let repeat = 0; repeat < 3; repeat++) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    const result = await windowShapley(predict, window, background, owner, groups.length, base, { coalitions: 0, seed: 1 });
    times.push(performance.now() - started);
    const used = process.cpuUsage(cpuStarted);
    cpu.push((used.user + used.system) / 1000);
    if (result.method !== 'exact') throw new Error('expected exact enumeration');
  }
  const ms = [...times].sort((a, b) => a - b)[1]!;
  const perWindow = (rows() - before) / times.length;
  return {
    name: `node.explain.exactShapley.lstm32.lookback${lookback}`,
    value: ms,
    unit: 'ms',
    detail: { engine: 'fused wasm SIMD forward', groups: 8, coalitions: 256, background: 64, features, lookback, units: 32, modelEvaluations: perWindow, evaluationsPerSecond: perWindow / (ms / 1000), timesMs: times, cpuMs: cpu, note: 'wall time on a shared machine; cpuMs is this process alone' },
  };
}

/** The demo notebook with an explain cell (defaults: the last fold's every test window, feature groups). */
async function demoLastFold(): Promise<BenchResult> {
  const json = JSON.parse(readFileSync(resolve(import.meta.dirname, '../public/notebooks/demo.json'), 'utf8')) as { cells: unknown[] };
  const doc = parseNotebookJson(JSON.stringify({ ...json, cells: [...json.cells, { id: 'explain', kind: 'explain' }] }));
  const { report } = await runNotebook(doc, {
    executor: createLocalExecutor('wasm'),
    versions: {},
    cache: createMemoryCache(),
    loadData: (data: DataRequest) => loadDataCell(data, { readCsvText: () => Promise.reject(new Error('the demo has no CSV')) }),
  });
  const explain = report.explain!;
  return {
    name: 'node.explain.demo.lastFold',
    value: (report.timings['explainMs'] ?? NaN) / 1000,
    unit: 's',
    detail: {
      includes: "retraining the last fold's model, then every test window through tfjs layers' predict",
      windows: explain.windows.length,
      groups: explain.groups.length,
      estimator: explain.estimator,
      background: explain.backgroundSize,
      additivityError: explain.additivityError,
      top: explain.global[0]?.group,
      backend: report.backend.name,
    },
  };
}

export async function explainBenchmarks(log: (line: string) => void): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const step of [() => exactWindowShapley(30), () => exactWindowShapley(60), () => demoLastFold()]) {
    const result = await step();
    log(`${result.name}: ${result.value.toFixed(3)} ${result.unit}`);
    results.push(result);
  }
  return results;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const results = await explainBenchmarks((line) => process.stderr.write(`${line}\n`));
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}
