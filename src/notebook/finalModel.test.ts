import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeatureTable } from '../core/featureTable';
import { createLocalExecutor, type LocalExecutor } from '../ml/localExecutor';
import { loadDataCell, type DataCellSpec } from '../sources/loadSource';
import { openDb } from '../storage/db';
import { loadDeployedModel, saveDeployedModel } from '../storage/deployedModelWeights';
import type { ModelHandle } from '../core/executor';
import { forecastWithSaved, trainDeployable } from './deploy';
import { foldFitOf } from './deployedModel';
import { finalModelCells, finalTrainingRows, fitFinal, latestWindow, trainFinalModel } from './finalModel';
import { predictNextBar } from './nextBar';
import { parseNotebook, parseNotebookJson } from './parse';
import { computeFeatureTable } from './runner';
import type { NotebookDoc } from './schema';

const root = resolve(__dirname, '../..');
const tiny = parseNotebookJson(readFileSync(join(root, 'public/notebooks/tiny.json'), 'utf8'));
const loadData = (data: DataCellSpec) => loadDataCell(data, { readCsvText: () => Promise.reject(new Error('no CSV here')) });

let executor: LocalExecutor;
let table: FeatureTable;
let intervalMs: number;
let close: Float64Array | undefined;
beforeAll(async () => {
  await tf.setBackend('cpu');
  executor = createLocalExecutor('cpu');
  const computed = await computeFeatureTable(tiny, { loadData });
  table = computed.table;
  intervalMs = computed.data.frame.meta.intervalMs;
  close = computed.data.frame.columns.close;
});
afterAll(() => executor.dispose());

const { model, training, walkforward } = finalModelCells(tiny);
const bits = (a: Float32Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));

/** A copy of the table with every feature value and target outside [from, to) replaced by noise. */
function perturbedOutside(t: FeatureTable, from: number, to: number): FeatureTable {
  const noisy = (values: Float64Array) => values.map((v, i) => (i >= from && i < to ? v : Number.isFinite(v) ? v * 3 + 7 : v));
  return { ...t, features: t.features.map(noisy), target: noisy(t.target) };
}

describe('the deployable model', () => {
  it('trains on the walk-forward trainSize rows ending at the last row whose target is known', () => {
    const rows = finalTrainingRows(table, model.lookback, walkforward.trainSize);
    const n = table.time.length;
    expect(rows.trainEnd).toBe(n - table.horizon);
    expect(Number.isFinite(table.target[rows.trainEnd - 1]!)).toBe(true);
    expect(Number.isNaN(table.target[rows.trainEnd]!)).toBe(true);
    expect(rows.trainEnd - rows.trainStart).toBe(walkforward.trainSize);
    // Never before the first complete window, however large trainSize is.
    expect(finalTrainingRows(table, model.lookback, 100_000).trainStart).toBe(table.firstComplete + model.lookback - 1);
    expect(() => finalTrainingRows(table, 400, 100)).toThrow(/not enough data to train/);
  });

  it('fits its scaler and target statistics on the training window only: data outside it changes nothing', async () => {
    const rows = finalTrainingRows(table, model.lookback, walkforward.trainSize);
    const inputsFrom = rows.trainStart - model.lookback + 1;
    const other = perturbedOutside(table, inputsFrom, rows.trainEnd);
    expect(other.features[0]![inputsFrom - 1]).not.toBe(table.features[0]![inputsFrom - 1]);
    const fit = fitFinal(table, rows, model.lookback, training);
    expect(fitFinal(other, rows, model.lookback, training)).toEqual(fit);

    // Same seed, same windows: the same weights, so the same outputs on any input.
    const a = await trainFinalModel(tiny, table, executor);
    const b = await trainFinalModel(tiny, other, executor);
    const probe = latestWindow(table, model.lookback, a.fit);
    expect(bits(await executor.predict(b.handle, probe))).toEqual(bits(await executor.predict(a.handle, probe)));
    await executor.release(a.handle);
    await executor.release(b.handle);

    // Perturbing a row inside the fit range does change the fit (the test can fail).
    const inside = { ...table, features: table.features.map((f) => f.map((v, i) => (i === rows.trainEnd - 1 ? v + 5 : v))) };
    expect(fitFinal(inside, rows, model.lookback, training).featureScaler.mean).not.toEqual(fit.featureScaler.mean);
  });

  it('forecasts from the window ending at the last bar, scaled with the STORED statistics', () => {
    const rows = finalTrainingRows(table, model.lookback, walkforward.trainSize);
    const fit = fitFinal(table, rows, model.lookback, training);
    const w = latestWindow(table, model.lookback, fit);
    const n = table.time.length;
    expect(w.n).toBe(1);
    const f = table.features.length;
    for (let r = 0; r < model.lookback; r++) {
      for (let c = 0; c < f; c++) {
        const raw = table.features[c]![n - model.lookback + r]!;
        expect(w.x[r * f + c]).toBeCloseTo((raw - fit.featureScaler.mean[c]!) / fit.featureScaler.std[c]!, 5);
      }
    }
    // The forecast window is not refit on itself: other statistics give other inputs.
    const shifted = { featureScaler: { mean: fit.featureScaler.mean.map((m) => m + 1), std: fit.featureScaler.std } };
    expect(Array.from(latestWindow(table, model.lookback, shifted).x)).not.toEqual(Array.from(w.x));
  });

  it('saved to IndexedDB and reloaded, predicts exactly what it predicted before saving; no tensor leaks', async () => {
    const db = openDb('final-model-roundtrip');
    const before = tf.memory().numTensors;
    // Keep the freshly trained model alive past trainDeployable, to forecast with it before it is saved.
    let live: ModelHandle | null = null;
    const keeping = { ...executor, release: async (h: ModelHandle) => void (live = h) };
    const { meta, bundle } = await trainDeployable('tiny', tiny, { executor: keeping, loadData, clock: () => 1_700_000_000_000 });
    if (!live) throw new Error('trainDeployable released no model');
    const request = { modelId: meta.id, lookback: model.lookback, training, fit: foldFitOf(meta.fit), intervalMs, dataHash: meta.data.hash, close };
    const expected = await predictNextBar(executor, live, table, request);
    await executor.release(live);

    await saveDeployedModel(db, meta, bundle);
    const reloaded = await loadDeployedModel(db, meta.id);
    if (!reloaded) throw new Error('not stored');
    expect(reloaded.meta).toEqual(meta);
    const got = await forecastWithSaved(reloaded.meta, reloaded.model, reloaded.meta.notebook.doc, { executor, loadData });
    expect(got).toEqual(expected);
    expect(got.forTime).toBe(new Date(table.time[table.time.length - 1]! + intervalMs).toISOString());
    expect(got.objective).toBe('regression');
    expect(Number.isFinite(got.value)).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
    db.close();
    await db.delete();
  });

  it('an expanding walk-forward deploys on all the history, a rolling one on its last trainSize rows', async () => {
    const expanding = parseNotebook({
      ...tiny,
      cells: tiny.cells.map((c) => (c.kind === 'walkforward' ? { ...c, mode: 'expanding' } : c)),
    });
    const trained = await trainFinalModel(expanding, table, executor);
    await executor.release(trained.handle);
    expect(trained.rows.trainStart).toBe(table.firstComplete + model.lookback - 1);
    const rolling = await trainFinalModel(tiny, table, executor);
    await executor.release(rolling.handle);
    expect(rolling.rows.trainEnd - rolling.rows.trainStart).toBe(walkforward.trainSize);
  });

  it('a path target deploys with one forecast per step ahead, the first for the next bar', async () => {
    const path = parseNotebook({
      ...tiny,
      cells: tiny.cells.map((c) => (c.kind === 'features' ? { ...c, target: { type: 'logReturn', horizon: 3, output: 'path' } } : c)),
    });
    const { meta, bundle } = await trainDeployable('tiny-path', path, { executor, loadData });
    const got = await forecastWithSaved(meta, bundle, path, { executor, loadData });
    expect(got.path).toHaveLength(3);
    expect(got.value).toBe(got.path![0]);
    expect(new Set(got.path).size).toBe(3);
    expect(got.forTime).toBe(new Date(table.time[table.time.length - 1]! + intervalMs).toISOString());
    await expect(forecastWithSaved(meta, bundle, tiny, { executor, loadData })).rejects.toThrow(/forecasts 3 bars ahead, the notebook's target 1/);
  });

  it('refuses a notebook whose features differ from the model', async () => {
    const { meta, bundle } = await trainDeployable('tiny', tiny, { executor, loadData });
    const other: NotebookDoc = parseNotebook({
      ...tiny,
      cells: tiny.cells.map((c) => (c.kind === 'features' ? { ...c, features: [{ name: 'logReturn' }] } : c)),
    });
    await expect(forecastWithSaved(meta, bundle, other, { executor, loadData })).rejects.toThrow(/trained on the features \[logReturn, rsi_14\], the notebook computes \[logReturn\]/);
  });
});
