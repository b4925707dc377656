/**
 * Explanation benchmarks (issue #10): one window's exact group Shapley (8 groups = 256
 * coalitions, background 64) through the executor the explain cell uses, with its batched
 * forward as the explain cell sends it (Executor.predictOutput: the fused wasm forward for
 * LSTM/GRU) and as it sent it before (Executor.predict: tfjs layers), for an LSTM(32) with the
 * demo's lookback 30 and the reference LSTM(32, lookback 60, 8 features); and the demo's
 * last-fold global explanation through the runner (the explain cell: retraining the fold's
 * model, then every test window), with Shapley values and with integrated gradients.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Executor, ModelHandle, WindowedData } from '../src/core/executor';
import { attributionGroups, backgroundBase, groupOfCell, windowShapley, type BatchPredict } from '../src/core/explain';
import { createRng } from '../src/core/rng';
import { createLocalExecutor } from '../src/ml/localExecutor';
import { createMemoryCache, type RunCache } from '../src/notebook/cache';
import { parseNotebookJson } from '../src/notebook/parse';
import { runNotebook } from '../src/notebook/runner';
import type { DataRequest } from '../src/notebook/runState';
import { loadDataCell } from '../src/sources/loadSource';
import type { BenchResult } from './node';
import { REFERENCE, referenceData } from './reference';

type Forward = 'predictOutput' | 'predict';

/** The model on `rows` windows, one number each, through one of the executor's calls; counts the rows. */
function forward(executor: Executor, handle: ModelHandle, lookback: number, features: number, call: Forward): { predict: BatchPredict; rows: () => number } {
  let evaluated = 0;
  const predict: BatchPredict = async (x, rows) => {
    const data: WindowedData = { x, y: new Float32Array(rows), n: rows, lookback, features, horizon: 1 };
    const out = call === 'predictOutput' ? await executor.predictOutput(handle, data) : await executor.predict(handle, data);
    evaluated += rows;
    return out;
  };
  return { predict, rows: () => evaluated };
}

async function exactWindowShapley(executor: Executor, lookback: number): Promise<BenchResult[]> {
  const features = REFERENCE.features;
  const width = lookback * features;
  const train = referenceData(1);
  const data: WindowedData = { ...train, n: 512, lookback, features, x: Float32Array.from({ length: 512 * width }, (_, i) => train.x[i % train.x.length]!), y: train.y.slice(0, 512) };
  const handle = await executor.train({ type: 'lstm', units: 32, lookback, recurrentActivation: 'sigmoid' }, { epochs: 1, batchSize: 64, learningRate: 0.001, seed: 1 }, data);
  const results: BenchResult[] = [];
  try {
    const rng = createRng(7);
    const background = { x: Float32Array.from({ length: 64 * width }, () => rng.normal()), n: 64 };
    const window = Float32Array.from({ length: width }, () => rng.normal());
    const groups = attributionGroups(Array.from({ length: features }, (_, f) => `f${f}`), lookback, 'feature');
    const owner = groupOfCell(groups, width);
    for (const call of ['predictOutput', 'predict'] as const) {
      const { predict, rows } = forward(executor, handle, lookback, features, call);
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
      results.push({
        name: `node.explain.exactShapley.lstm32.lookback${lookback}.${call === 'predictOutput' ? 'fusedWasm' : 'tfjsLayers'}`,
        value: ms,
        unit: 'ms',
        detail: {
          forward: call === 'predictOutput' ? 'Executor.predictOutput: fused wasm SIMD forward (what the explain cell sends)' : 'Executor.predict: tfjs layers on the wasm backend (what it sent before)',
          groups: groups.length,
          coalitions: 2 ** groups.length,
          background: background.n,
          features,
          lookback,
          units: 32,
          modelEvaluations: perWindow,
          evaluationsPerSecond: perWindow / (ms / 1000),
          timesMs: times,
          cpuMs: cpu,
          note: 'median of 3, wall time in this Node process on a shared machine; cpuMs is this process alone',
        },
      });
    }
  } finally {
    await executor.release(handle);
  }
  return results;
}

/** The executor as the explain cell used it before predictOutput: predict (tfjs layers) and its column. */
function throughLayersPredict(executor: Executor): Executor {
  return {
    ...executor,
    async predictOutput(handle, data, options = {}) {
      const all = await executor.predict(handle, data, options.signal ? { signal: options.signal } : {});
      const width = all.length / data.n;
      return Float32Array.from({ length: data.n }, (_, r) => all[r * width + (options.output ?? 0)]!);
    },
  };
}

/**
 * The demo notebook with an explain cell (the last fold's every test window, feature groups) and
 * `method`. `layers`: the forward through tfjs layers (as before predictOutput); its explain cell
 * has another seed, so the shared cache does not answer it (the same work on another background).
 */
async function demoLastFold(method: 'shapley' | 'integratedGradients', cache: RunCache, layers = false): Promise<BenchResult> {
  const json = JSON.parse(readFileSync(resolve(import.meta.dirname, '../public/notebooks/demo.json'), 'utf8')) as { cells: unknown[] };
  const doc = parseNotebookJson(JSON.stringify({ ...json, cells: [...json.cells, { id: 'explain', kind: 'explain', method, ...(layers ? { seed: 1 } : {}) }] }));
  const executor = createLocalExecutor('wasm');
  const { report } = await runNotebook(doc, {
    executor: layers ? throughLayersPredict(executor) : executor,
    versions: {},
    // Shared by both runs: the second reads the walk-forward's folds from it and runs only the explain cell.
    cache,
    loadData: (data: DataRequest) => loadDataCell(data, { readCsvText: () => Promise.reject(new Error('the demo has no CSV')) }),
  });
  const explain = report.explain!;
  return {
    name: `node.explain.demo.lastFold.${method}${layers ? '.tfjsLayers' : ''}`,
    value: (report.timings['explainMs'] ?? NaN) / 1000,
    unit: 's',
    detail: {
      includes: `retraining the last fold's model, then every test window through ${layers ? 'Executor.predict (tfjs layers, as before)' : "Executor.predictOutput (the fused wasm forward for the demo's LSTM)"}`,
      windows: explain.windows.length,
      groups: explain.groups.length,
      estimator: explain.estimator,
      background: explain.backgroundSize,
      additivityError: explain.additivityError,
      ...(explain.integratedGradients ? { integratedGradients: explain.integratedGradients } : {}),
      top: explain.global[0]?.group,
      backend: report.backend.name,
    },
  };
}

export async function explainBenchmarks(log: (line: string) => void): Promise<BenchResult[]> {
  const executor = createLocalExecutor('wasm');
  const cache = createMemoryCache();
  const results: BenchResult[] = [];
  const steps = [
    () => exactWindowShapley(executor, 30),
    () => exactWindowShapley(executor, REFERENCE.lookback),
    async () => [await demoLastFold('shapley', cache)],
    async () => [await demoLastFold('shapley', cache, true)],
    async () => [await demoLastFold('integratedGradients', cache)],
  ];
  try {
    for (const step of steps) {
      for (const result of await step()) {
        log(`${result.name}: ${result.value.toFixed(3)} ${result.unit}`);
        results.push(result);
      }
    }
  } finally {
    executor.dispose();
  }
  return results;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const results = await explainBenchmarks((line) => process.stderr.write(`${line}\n`));
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}
