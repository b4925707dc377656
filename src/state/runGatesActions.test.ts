/**
 * The gates view's actions against a real run of the tiny notebook and the real runGates (an
 * in-thread executor stands in for the runner worker): blocked before a run and after an edit,
 * drawn with progress, redrawn at the date clicked on the forecast chart, cancelled, and cleared
 * by the next run.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createLocalExecutor } from '../ml/localExecutor';
import { createMemoryCache } from '../notebook/cache';
import { runGates } from '../notebook/gates/runGates';
import { parseNotebookJson } from '../notebook/parse';
import { runNotebook } from '../notebook/runner';
import { loadDataCell, type DataCellSpec } from '../sources/loadSource';
import { initialLabState, type LabState } from './labState';
import { createRunGatesActions } from './runGatesActions';
import { gatesBlocker, initialRunGatesState, testDay } from './runGatesState';
import { createStore } from './store';

const tiny = parseNotebookJson(readFileSync('public/notebooks/tiny.json', 'utf8'));
const loadData = (data: DataCellSpec) => loadDataCell(data, { readCsvText: () => Promise.reject(new Error('no CSV')) });

describe('gates view actions', () => {
  it('draw the run fold model gates with progress, follow the forecast chart, cancel, and clear on the next run', async () => {
    const executor = createLocalExecutor('cpu');
    const cache = createMemoryCache();
    const lab = createStore<LabState>({ ...initialLabState([], 'cpu'), notebookId: 'tiny', doc: tiny });
    const store = createStore(initialRunGatesState());
    const picked = createStore<{ time: number | null }>({ time: null });
    const requests: (string | null)[] = [];
    const actions = createRunGatesActions(store, lab, {
      picked,
      runGates: (doc, _preference, request, calls) => {
        requests.push(request.date);
        return runGates(doc, { executor, loadData, versions: {}, cache, signal: calls.signal }, { ...request, onProgress: calls.onProgress });
      },
    });
    try {
      await actions.show('model', null);
      expect(store.getState()).toMatchObject({ status: 'error', error: expect.stringMatching(/^Run the notebook/) });
      expect(requests).toEqual([]);

      const { report, series } = await runNotebook(tiny, { executor, loadData, versions: {}, cache });
      lab.setState({ status: 'done', result: { report, series, createdAt: 1, restored: false } });
      expect(gatesBlocker(lab.getState(), 'model')).toBeNull();
      expect(gatesBlocker(lab.getState(), 'walkforward')).toMatch(/LSTM and GRU model cells/);
      const seen: string[] = [];
      const stop = store.subscribe((s) => s.status === 'running' && s.progress && seen.push(s.progress.message));
      await actions.show('model', null);
      stop();
      const view = store.getState().view;
      expect(store.getState().status).toBe('done');
      expect(view?.fold?.number).toBe(report.folds.length);
      expect(view?.times[view.times.length - 1]?.slice(0, 10)).toBe(testDay(lab.getState(), 'last'));
      expect(seen.some((m) => /training its model again/.test(m))).toBe(true);

      // A click on the forecast chart, ten days into the test period, redraws the window ending there.
      const clicked = Date.parse(report.folds[0]!.testStart) + 10 * 86_400_000;
      const day = new Date(clicked).toISOString().slice(0, 10);
      picked.setState({ time: clicked });
      await expect.poll(() => store.getState().status === 'done' && store.getState().view?.times.at(-1)?.slice(0, 10)).toBe(day);
      expect(requests[requests.length - 1]).toBe(day);

      // Cancel while the fold model trains: cancelled at once, and the late answer is dropped.
      const call = actions.show('model', testDay(lab.getState(), 'first'));
      actions.cancel();
      expect(store.getState().status).toBe('cancelled');
      await call;
      expect(store.getState().status).toBe('cancelled');

      // An edit to the model makes its fold models differ from the run's.
      const edited = { ...tiny, cells: tiny.cells.map((c) => (c.kind === 'model' && c.model.type === 'lstm' ? { ...c, model: { ...c.model, units: 4 } } : c)) };
      lab.setState({ doc: edited });
      expect(gatesBlocker(lab.getState(), 'model')).toMatch(/changed since the run/);
      lab.setState({ doc: tiny });

      await actions.show('model', null);
      expect(store.getState().view).not.toBeNull();
      lab.setState({ result: { report, series, createdAt: 2, restored: false } });
      expect(store.getState()).toMatchObject({ status: 'idle', view: null });
    } finally {
      executor.dispose();
    }
  }, 120_000);
});
