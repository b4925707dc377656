/**
 * The gates view of a run's model (runGates.ts) on the LSTM lesson: the default window is the last
 * test window, a date picks the fold that forecast it, the fold model is the walk-forward's (its
 * last hidden state through the dense head gives the run's forecast), a second request is a
 * cache hit that trains nothing, and wrong requests say what to pick.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { Executor } from '../../core/executor';
import { fitFold } from '../../core/foldData';
import { createLocalExecutor, type LocalExecutor } from '../../ml/localExecutor';
import { loadDataCell, type DataCellSpec } from '../../sources/loadSource';
import { createMemoryCache } from '../cache';
import { parseNotebookJson } from '../parse';
import { computeFeatureTable, runNotebook } from '../runner';
import { trainedOn, walkforwardFolds } from '../cells/walkforwardFolds';
import type { NotebookDoc } from '../schema';
import { runGates } from './runGates';

const root = resolve(__dirname, '../../..');
const lesson = parseNotebookJson(readFileSync(join(root, 'public/notebooks/lstm-lesson.json'), 'utf8'));
const loadData = (data: DataCellSpec) => loadDataCell(data, { readCsvText: () => Promise.reject(new Error('no CSV')) });

/** The executor, counting trainings and keeping the dense head (kernel, bias) of each model it releases. */
function counting(executor: LocalExecutor): { executor: Executor; trained: () => number; heads: number[][][] } {
  let trained = 0;
  const heads: number[][][] = [];
  return {
    executor: {
      ...executor,
      train: (...args) => (trained++, executor.train(...args)),
      release: async (handle) => {
        const model = await tf.loadLayersModel(tf.io.fromMemory((await executor.exportModel(handle)).parts[0]!));
        heads.push(model.getWeights().slice(-2).map((w) => Array.from(w.dataSync())));
        model.dispose();
        return executor.release(handle);
      },
    },
    trained: () => trained,
    heads,
  };
}

describe('the gates view of a run', () => {
  it('shows the last test window by default, from the model of the fold that forecast it, and comes from the cache the second time', async () => {
    const local = createLocalExecutor('cpu');
    const cache = createMemoryCache();
    try {
      const { report, series } = await runNotebook(lesson, { executor: local, loadData, versions: {}, cache });
      const { executor, trained, heads } = counting(local);
      const env = { executor, loadData, versions: {}, cache };
      const fractions: number[] = [];
      const view = await runGates(lesson, env, { date: null, onProgress: (f) => fractions.push(f) });
      const lastForecast = series.forecast.time[series.forecast.time.length - 1]!;
      expect(view.times[view.times.length - 1]).toBe(new Date(lastForecast).toISOString());
      expect(view.times).toHaveLength(10);
      expect(view.fold?.number).toBe(report.folds.length);
      expect(view.cell).toBe('lstm');
      expect(view.series.map((s) => s.name)).toEqual(['input gate', 'forget gate', 'candidate', 'output gate', 'cell state', 'hidden state']);
      expect(view.units).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      expect(view.note).toBeNull();
      expect(view.inputs.map((i) => i.name)).toEqual(report.features);
      for (const s of view.series.slice(0, 4)) if (s.name !== 'candidate') for (const row of s.values) for (const v of row) expect(v >= 0 && v <= 1).toBe(true);
      expect(trained()).toBe(1);
      expect(fractions[fractions.length - 1]).toBe(1);

      // The last hidden state through the model's dense head, unscaled, is the run's forecast for that date.
      const { table } = await computeFeatureTable(lesson, { loadData });
      const wf = lesson.cells.find((c) => c.kind === 'walkforward');
      if (wf?.kind !== 'walkforward') throw new Error('the lesson has a walkforward cell');
      const { folds } = walkforwardFolds(wf, table, 10);
      const fit = fitFold(table, trainedOn(folds, folds[folds.length - 1]!, wf.refitEvery), 10);
      const [kernel, bias] = heads[0]!;
      const hidden = view.series[view.series.length - 1]!.values.map((row) => row[row.length - 1]!);
      const raw = hidden.reduce((sum, h, j) => sum + h * kernel![j]!, bias![0]!);
      const forecast = series.forecast.predicted[series.forecast.predicted.length - 1]!;
      expect(Math.abs(raw * fit.targetStd + fit.targetMean - forecast)).toBeLessThan(1e-6 + 1e-4 * Math.abs(forecast));

      const again = await runGates(lesson, env, { date: null });
      expect(again).toEqual(view);
      expect(trained()).toBe(1);

      // A date inside the second fold's test period: that fold's model, its window ending there.
      const second = report.folds[1]!;
      const date = second.testStart.slice(0, 10);
      const picked = await runGates(lesson, env, { date });
      expect(picked.fold?.number).toBe(2);
      expect(picked.times[picked.times.length - 1]!.slice(0, 10)).toBe(date);
      expect(picked.range).toEqual({ first: report.folds[0]!.testStart.slice(0, 10), last: view.times[view.times.length - 1]!.slice(0, 10) });
      expect(trained()).toBe(2);
    } finally {
      local.dispose();
    }
  }, 120_000);

  it('shows a wide GRU as its update and reset gates and hidden state, 32 of its 80 units, saying so', async () => {
    const local = createLocalExecutor('cpu');
    try {
      const gru: NotebookDoc = {
        ...lesson,
        cells: lesson.cells.map((c) => (c.kind === 'model' && c.model.type === 'lstm' ? { ...c, model: { ...c.model, type: 'gru', units: 80 }, training: { ...c.training, epochs: 1 } } : c)),
      };
      const view = await runGates(gru, { executor: local, loadData, versions: {} }, { date: null });
      expect(view.cell).toBe('gru');
      expect(view.series.map((s) => s.name)).toEqual(['update gate', 'reset gate', 'candidate', 'hidden state']);
      expect(view.units).toHaveLength(32);
      expect(view.units.every((u, i) => u >= 0 && u < 80 && (i === 0 || u > view.units[i - 1]!))).toBe(true);
      expect(view.note).toBe('80 units: showing the 32 whose hidden state varies most over this window');
      for (const s of view.series) expect(s.values).toHaveLength(32);
    } finally {
      local.dispose();
    }
  }, 120_000);

  it('says which dates to pick, which models have gates, and stops when cancelled', async () => {
    const local = createLocalExecutor('cpu');
    const env = { executor: local, loadData, versions: {} };
    try {
      await expect(runGates(lesson, env, { date: '1990-01-01' })).rejects.toThrow(/1990-01-01 is before the first test period; pick a date from \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}/);
      const ridge: NotebookDoc = { ...lesson, cells: lesson.cells.map((c) => (c.kind === 'model' ? { ...c, model: { type: 'ridge', lookback: 10, lambda: 1 } } : c)) };
      await expect(runGates(ridge, env, { date: null })).rejects.toThrow(/gates are drawn for LSTM and GRU models; model cell "model" is ridge/);
      await expect(runGates(lesson, env, { date: null, modelCellId: 'nope' })).rejects.toThrow(/no model cell "nope"/);
      const controller = new AbortController();
      const call = runGates(lesson, { ...env, signal: controller.signal }, { date: null, onProgress: (_f, _m, train) => train && controller.abort() });
      await expect(call).rejects.toMatchObject({ name: 'CancelledError' });
    } finally {
      local.dispose();
    }
  }, 120_000);
});
