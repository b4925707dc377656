import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLocalExecutor } from '../ml/localExecutor';
import { createMemoryCache } from '../notebook/cache';
import { parseNotebookJson } from '../notebook/parse';
import { runNotebook } from '../notebook/runner';
import { loadDataCell, type DataCellSpec } from '../sources/loadSource';
import { cellStatuses } from './cellStatus';
import { initialLabState, type LabState } from './labState';

const root = resolve(__dirname, '../..');
const tiny = parseNotebookJson(readFileSync(join(root, 'public/notebooks/tiny.json'), 'utf8'));

describe('cell statuses in the lab state', () => {
  it('are fresh after a run, stale for an edited cell and its dependents, and follow the backend choice', async () => {
    const { report, series } = await runNotebook(tiny, {
      executor: createLocalExecutor('cpu'),
      loadData: (data: DataCellSpec) => loadDataCell(data, { readCsvText: () => Promise.reject(new Error('no CSV')) }),
      versions: { app: 'test' },
      cache: createMemoryCache(),
    });
    const state: LabState = { ...initialLabState([], 'auto'), doc: tiny, result: { report, series, createdAt: 0, restored: false } };
    expect(new Set(Object.values(cellStatuses(state)))).toEqual(new Set(['fresh']));
    expect(cellStatuses(state)).toBe(cellStatuses({ ...state }));

    const feeEdit = { ...tiny, cells: tiny.cells.map((c) => (c.kind === 'backtest' ? { ...c, feeBps: 1 } : c)) };
    const afterFee = cellStatuses({ ...state, doc: feeEdit });
    expect(Object.keys(afterFee).filter((id) => afterFee[id] === 'stale')).toEqual(['backtest']);

    const onWasm = cellStatuses({ ...state, backendPreference: 'wasm' });
    expect(Object.keys(onWasm).filter((id) => onWasm[id] === 'stale')).toEqual(['walkforward', 'backtest']);
    expect(cellStatuses({ ...state, result: null }).data).toBe('never-run');
    expect(cellStatuses({ ...state, doc: null })).toEqual({});
  });
});
