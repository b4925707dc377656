import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLocalExecutor } from '../ml/localExecutor';
import { parseNotebook, parseNotebookJson } from '../notebook/parse';
import { runReportSchema } from '../notebook/report';
import { runNotebook } from '../notebook/runner';
import type { NotebookDoc } from '../notebook/schema';
import { loadDataCell, type DataCellSpec } from '../sources/loadSource';

const root = resolve(__dirname, '../..');
const tinyJson = JSON.parse(readFileSync(join(root, 'public/notebooks/tiny.json'), 'utf8')) as { cells: Record<string, unknown>[] };

/** The tiny notebook with some cells' fields replaced, validated like a user's file. */
function tinyWith(patch: Record<string, Record<string, unknown>>, bars = 290): NotebookDoc {
  const cells = tinyJson.cells.map((c) => {
    const merged = { ...c, ...(patch[c.kind as string] ?? {}) };
    return c.kind === 'data' ? { ...merged, source: { type: 'demo', seed: 3, bars } } : merged;
  });
  return parseNotebook({ ...tinyJson, cells });
}

function env(parallelism = 1) {
  const executor = createLocalExecutor('cpu');
  return {
    executor: Object.assign(executor, { parallelism }),
    loadData: (d: DataCellSpec) => loadDataCell(d, { readCsvText: () => Promise.reject(new Error('no csv')) }),
    versions: {},
  };
}

const fourFolds = { walkforward: { mode: 'rolling', trainSize: 150, testSize: 30, step: 30 } };

describe('walk-forward options', () => {
  it('refits every k folds: later folds of a group reuse its model', async () => {
    const doc = tinyWith({ ...fourFolds, walkforward: { ...fourFolds.walkforward, refitEvery: 2 } });
    const { report } = await runNotebook(doc, env());
    expect(report.folds.map((f) => f.refit)).toEqual([true, false, true, false]);
    expect(report.folds[1]!.trainMs).toBe(0);
  });

  it('gives identical numbers when folds run in parallel', async () => {
    const doc = tinyWith(fourFolds);
    const sequential = await runNotebook(doc, env(1));
    const parallel = await runNotebook(doc, env(3));
    expect(parallel.series.forecast.predicted).toEqual(sequential.series.forecast.predicted);
    expect(parallel.report.folds.map((f) => f.metrics)).toEqual(sequential.report.folds.map((f) => f.metrics));
    expect(parallel.report.timings.parallelism).toBe(3);
  });
});

describe('objectives', () => {
  it('direction: scores the hit rate only and says why it is not compared with naive', async () => {
    const doc = tinyWith({ model: { model: { type: 'mlp', lookback: 8, hidden: [8] }, training: { epochs: 2, batchSize: 32, learningRate: 0.01, objective: 'direction' } } });
    const { report, series } = await runNotebook(doc, env());
    expect(runReportSchema.safeParse(report).success).toBe(true);
    expect(report.metrics.rmse).toBeNull();
    expect(report.metrics.directionalAccuracy).toBeGreaterThanOrEqual(0);
    expect(report.tests.dieboldMariano.sentence).toMatch(/direction model/);
    expect(series.forecast.probability!.every((p) => p >= 0 && p <= 1)).toBe(true);
  });

  it('quantile: forecasts the median with an ordered band and reports its coverage', async () => {
    const doc = tinyWith({ model: { model: { type: 'mlp', lookback: 8, hidden: [8] }, training: { epochs: 3, batchSize: 32, learningRate: 0.01, objective: 'quantile' } } });
    const { report, series } = await runNotebook(doc, env());
    const { lower, upper, predicted } = { ...series.forecast, lower: series.forecast.lower!, upper: series.forecast.upper! };
    expect(lower).toHaveLength(predicted.length);
    const ordered = predicted.filter((p, i) => lower[i]! <= p && p <= upper[i]!).length / predicted.length;
    expect(ordered).toBeGreaterThan(0.8);
    expect(report.tests.quantileCoverage).toMatchObject({ quantiles: [0.1, 0.5, 0.9], n: predicted.length });
  });
});

describe('every model type runs through the notebook', () => {
  const specs: Record<string, unknown>[] = [
    { type: 'naive', lookback: 8 },
    { type: 'drift', lookback: 8 },
    { type: 'ridge', lookback: 8 },
    { type: 'mlp', lookback: 8, hidden: [8] },
    { type: 'lstm', lookback: 8, units: 4 },
    { type: 'gru', lookback: 8, units: 4 },
    { type: 'cnnLstm', lookback: 8, filters: 4, units: 4 },
    { type: 'attention', lookback: 8, dModel: 8, heads: 2, ffDim: 8 },
    { type: 'ensemble', lookback: 8, members: [{ type: 'ridge', lookback: 8 }, { type: 'mlp', lookback: 8, hidden: [4] }] },
  ];
  it.each(specs.map((s) => [s.type, s] as const))('%s', async (_type, spec) => {
    const doc = tinyWith({ model: { model: spec, training: { epochs: 1, batchSize: 64, learningRate: 0.01 } } });
    const { report } = await runNotebook(doc, env());
    expect(report.model.type).toBe(spec.type);
    expect(report.metrics.n).toBeGreaterThan(0);
    expect(report.metrics.rmse).not.toBeNull();
  });

  it('rejects an ensemble member with another lookback, with the path', () => {
    expect(() =>
      tinyWith({ model: { model: { type: 'ensemble', lookback: 8, members: [{ type: 'ridge', lookback: 5 }] }, training: { epochs: 1, batchSize: 8, learningRate: 0.1 } } }),
    ).toThrow(/cells\[3\]\.model\.members\[0\]\.lookback: must equal the ensemble's lookback 8/);
  });
});

it('the demo notebook parses with every model default filled', () => {
  const demo = parseNotebookJson(readFileSync(join(root, 'public/notebooks/demo.json'), 'utf8'));
  const model = demo.cells.find((c) => c.kind === 'model');
  expect(model).toMatchObject({ model: { type: 'lstm', layers: 1, dropout: 0 }, training: { objective: 'regression', validationFraction: 0.1 } });
});

it('records the backend a run ended on when folds moved to another one mid-run', async () => {
  const base = env();
  let calls = 0;
  const executor = {
    ...base.executor,
    backend: async () => ({ backend: 'webgpu' as const, reason: 'forced: webgpu' }),
    train: async (...args: Parameters<typeof base.executor.train>) => {
      const handle = await base.executor.train(...args);
      return { ...handle, backend: calls++ === 0 ? ('webgpu' as const) : ('wasm' as const) };
    },
    predict: base.executor.predict,
    release: base.executor.release,
  };
  const { report } = await runNotebook(tinyWith(fourFolds), { ...base, executor });
  expect(report.folds.map((f) => f.backend)).toEqual(['webgpu', 'wasm', 'wasm', 'wasm']);
  expect(report.backend.name).toBe('wasm');
  expect(report.backend.reason).toBe('forced: webgpu; from fold 2 on the run continued on wasm (the webgpu backend failed)');
});
