/**
 * The explain cell's integrated gradients on the tiny notebook (an LSTM through the fused
 * engine): feature x lag cells whose groups sum to them, completeness within 1% at the declared
 * 64 steps, the walk-forward's own predictions, the heatmap of every cell; a clear refusal for a
 * model without a useful input gradient.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildWasm } from '../../../scripts/build-wasm.mjs';
import { createLocalExecutor } from '../../ml/localExecutor';
import { loadDataCell, type DataCellSpec } from '../../sources/loadSource';
import { windowView } from '../../state/explainView';
import { parseNotebookJson } from '../parse';
import { runReportSchema } from '../report';
import { runNotebook } from '../runner';
import type { NotebookDoc } from '../schema';
import { explainCellDeclaration } from './explain.decl';

const root = resolve(__dirname, '../../..');
const tinyJson = JSON.parse(readFileSync(join(root, 'public/notebooks/tiny.json'), 'utf8')) as { cells: { kind: string }[] };

function notebook(explain: Record<string, unknown>, model?: Record<string, unknown>): NotebookDoc {
  const cells = tinyJson.cells.map((c) => (model && c.kind === 'model' ? { ...c, model } : c));
  return parseNotebookJson(JSON.stringify({ ...tinyJson, cells: [...cells, { id: 'explain', kind: 'explain', ...explain }] }));
}

const environment = () => ({
  executor: createLocalExecutor('wasm'),
  loadData: (data: DataCellSpec) => loadDataCell(data, { readCsvText: () => Promise.reject(new Error('no CSV here')) }),
  versions: { test: '1' },
});

describe('the explain cell with integrated gradients', () => {
  it('attributes every cell of the window, adds up within 1% at 64 steps, and fills the feature x lag grid', async () => {
    await buildWasm({ quiet: true });
    expect(explainCellDeclaration.schema.parse({ id: 'e', kind: 'explain' }).steps).toBe(64);
    const { report, series } = await runNotebook(notebook({ method: 'integratedGradients', windows: 'last', windowCount: 6, grouping: 'lag' }), environment());
    expect(runReportSchema.safeParse(report).success).toBe(true);
    const e = report.explain!;
    expect(e.method).toBe('integratedGradients');
    expect(e.estimator).toBe('integratedGradients');
    expect(e.windows).toHaveLength(6);
    expect(e.integratedGradients).toMatchObject({ steps: 64 });
    // The smooth (sigmoid) LSTM needs no refinement: 64 steps a window.
    expect(e.windows.every((w) => w.steps === 64)).toBe(true);
    expect(e.integratedGradients!.relativeError).toBeLessThan(0.01);
    const cells = series.explain!.cells!;
    expect(cells.lookback).toBe(8);
    expect(cells.features).toEqual(['logReturn', 'rsi_14']);
    for (const [i, w] of e.windows.entries()) {
      const gap = Math.abs(w.values.reduce((s, v) => s + v, 0) - (w.prediction - w.base));
      expect(gap).toBeLessThanOrEqual(0.01 * Math.abs(w.prediction - w.base));
      expect(gap).toBeLessThanOrEqual(e.additivityError! + 1e-15);
      // Group "lag k" is the sum of the cells at lag k.
      const row = cells.values[i]!;
      expect(row).toHaveLength(16);
      e.groups.forEach((_, lag) => expect(w.values[lag]).toBeCloseTo(row[(7 - lag) * 2]! + row[(7 - lag) * 2 + 1]!, 12));
    }
    // The same predictions as the walk-forward (the fused forward equals the tfjs layers).
    expect(e.notes).toEqual([]);
    const forecastAt = new Map(series.forecast.time.map((t, i) => [t, series.forecast.predicted[i]!]));
    e.windows.forEach((w, i) => expect(Math.abs(w.prediction - forecastAt.get(series.explain!.time[i]!)!)).toBeLessThan(1e-5 * Math.max(1e-3, Math.abs(w.prediction))));
    const view = windowView(e, series.explain!, 5);
    expect(view.heatmap).toHaveLength(16);
    expect(view.heatmapColumns).toEqual(Array.from({ length: 8 }, (_, lag) => `lag ${lag}`));
    expect(new Set(view.heatmap.map((c) => c.row))).toEqual(new Set(cells.features));
  }, 120_000);

  it('refuses a model without a useful input gradient before training it, naming the model and the fix', async () => {
    const run = runNotebook(notebook({ method: 'integratedGradients' }, { type: 'ridge', lookback: 8 }), environment());
    await expect(run).rejects.toThrow('method "integratedGradients" needs a neural model (lstm, gru, cnnLstm, mlp, attention, or an ensemble of them), and the model cell holds the ridge model; use method "shapley" or "permutation" for it');
  });
});
