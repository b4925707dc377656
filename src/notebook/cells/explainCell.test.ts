import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../core/executor';
import { createLocalExecutor } from '../../ml/localExecutor';
import { loadDataCell, type DataCellSpec } from '../../sources/loadSource';
import { createMemoryCache } from '../cache';
import { parseNotebookJson } from '../parse';
import { runReportSchema } from '../report';
import { runNotebook } from '../runner';
import type { NotebookDoc } from '../schema';

const root = resolve(__dirname, '../../..');
const tinyJson = JSON.parse(readFileSync(join(root, 'public/notebooks/tiny.json'), 'utf8')) as { cells: unknown[] };

function withExplain(explain: Record<string, unknown>): NotebookDoc {
  return parseNotebookJson(JSON.stringify({ ...tinyJson, cells: [...tinyJson.cells, { id: 'explain', kind: 'explain', ...explain }] }));
}

function environment(extra: { signal?: AbortSignal; cache?: ReturnType<typeof createMemoryCache> } = {}) {
  return {
    executor: createLocalExecutor('cpu'),
    loadData: (data: DataCellSpec) => loadDataCell(data, { readCsvText: () => Promise.reject(new Error('no CSV here')) }),
    versions: { test: '1' },
    ...extra,
  };
}

describe('the explain cell', () => {
  it('accepts { id, kind } alone, explains every test window of the last fold, adds up, and comes from the cache on a rerun', async () => {
    const doc = withExplain({});
    const cache = createMemoryCache();
    const { report, series } = await runNotebook(doc, environment({ cache }));
    expect(runReportSchema.safeParse(report).success).toBe(true);
    const explain = report.explain!;
    expect(explain.method).toBe('shapley');
    expect(explain.estimator).toBe('exact');
    expect(explain.groups).toEqual(['logReturn', 'rsi_14']);
    expect(explain.backgroundSize).toBe(64);
    expect(explain.windows).toHaveLength(report.folds[0]!.testSamples);
    expect(explain.global.map((g) => g.meanAbs)).toEqual([...explain.global.map((g) => g.meanAbs)].sort((a, b) => b - a));
    for (const w of explain.windows) {
      const sum = w.values.reduce((s, v) => s + v, 0);
      expect(Math.abs(sum - (w.prediction - w.base))).toBeLessThanOrEqual(1e-5 * Math.max(1e-6, Math.abs(w.prediction - w.base)) + 1e-12);
    }
    expect(explain.additivityError).toBeLessThan(1e-9);
    // The retrained model is the walk-forward's: its forecasts are the same numbers.
    expect(explain.notes).toEqual([]);
    const last = explain.windows.length - 1;
    expect(explain.windows[last]!.prediction).toBeCloseTo(series.forecast.predicted[series.forecast.predicted.length - 1]!, 6);
    expect(series.explain?.time).toHaveLength(explain.windows.length);

    const again = await runNotebook(doc, environment({ cache }));
    expect(again.report.cache?.cells['explain']).toBe('hit');
    expect(again.report.explain).toEqual(explain);
  });

  it('uses Kernel SHAP beyond 12 groups, states its coalitions and standard errors, and still adds up', async () => {
    const { report, series } = await runNotebook(withExplain({ grouping: 'featureLag', recentLags: 8, coalitions: 64, backgroundSize: 4, windows: 'last', windowCount: 2 }), environment());
    const explain = report.explain!;
    expect(explain.groups).toHaveLength(16);
    expect(explain.estimator).toBe('kernel');
    expect(explain.coalitions).toBe(64);
    expect(explain.windows).toHaveLength(2);
    expect(explain.windows.every((w) => w.standardError?.length === 16)).toBe(true);
    expect(explain.standardError).toBeGreaterThan(0);
    expect(explain.additivityError).toBeLessThan(1e-9);
    expect(explain.notes.some((n) => n.startsWith('Kernel SHAP with 64 coalitions'))).toBe(true);
    expect(series.explain!.spans[0]).toEqual({ feature: 'logReturn', lagFrom: 0, lagTo: 0 });
  });

  it.each([
    ['direction', {}, 'probability'],
    ['quantile', { quantiles: [0.1, 0.5, 0.9] }, 'quantile'],
  ] as const)('explains the %s objective through predictOutput: the walk-forward\'s own forecasts, adding up', async (objective, extra, kind) => {
    const json = { ...tinyJson, cells: [...tinyJson.cells, { id: 'explain', kind: 'explain', windows: 'last', windowCount: 4, backgroundSize: 8 }] };
    const cells = json.cells.map((c) => {
      const cell = c as { kind: string; training?: Record<string, unknown> };
      return cell.kind === 'model' ? { ...cell, training: { ...cell.training, objective, ...extra } } : c;
    });
    const { report, series } = await runNotebook(parseNotebookJson(JSON.stringify({ ...json, cells })), environment());
    const explain = report.explain!;
    expect(explain.output.kind).toBe(kind);
    expect(explain.additivityError).toBeLessThan(1e-9);
    const forecast = series.forecast;
    // The quantile model's forecast line is its median, the level explained by default.
    const walked = kind === 'probability' ? forecast.probability! : forecast.predicted;
    if (kind === 'quantile') expect(explain.output).toEqual({ kind: 'quantile', level: 0.5 });
    const at = new Map(forecast.time.map((t, i) => [t, walked[i]!]));
    explain.windows.forEach((w, i) => expect(Math.abs(w.prediction - at.get(series.explain!.time[i]!)!)).toBeLessThan(1e-5 * Math.max(1e-3, Math.abs(w.prediction))));
  });

  it('leaves no tensors behind', async () => {
    await tf.setBackend('cpu');
    const doc = withExplain({ windows: 'last', windowCount: 3 });
    await runNotebook(doc, environment());
    const before = tf.memory().numTensors;
    await runNotebook(doc, environment());
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reports permutation importance with its spread over the repeats', async () => {
    const { report } = await runNotebook(withExplain({ method: 'permutation', repeats: 3 }), environment());
    const explain = report.explain!;
    expect(explain.estimator).toBe('permutation');
    expect(explain.windows).toEqual([]);
    expect(explain.additivityError).toBeNull();
    expect(explain.permutation).toMatchObject({ loss: 'mean squared error', repeats: 3 });
    expect(explain.global.map((g) => g.group).sort()).toEqual(['logReturn', 'rsi_14']);
    expect(explain.global.every((g) => g.spread > 0)).toBe(true);
  });

  it.each(['shapley', 'integratedGradients'])('stops with CancelledError when cancelled while explaining (%s)', async (method) => {
    const controller = new AbortController();
    let explained = 0;
    const doc = withExplain({ grouping: 'lag', backgroundSize: 8, method });
    const run = runNotebook(doc, {
      ...environment({ signal: controller.signal }),
      onProgress: (p) => {
        if (p.cellId !== 'explain' || !p.message.startsWith('explained')) return;
        explained++;
        controller.abort(new CancelledError());
      },
    });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(explained).toBe(1);
  });
});
