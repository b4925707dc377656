import { describe, expect, it, vi } from 'vitest';
import type { CsvImporter, CsvOpened, CsvParsed } from '../services/csvImport';
import { createImportActions } from './importActions';
import { canCreate, describeApplied, fixesFromChoices, formatInterval, initialImportState, NO_FIXES } from './importState';
import type { NotebookDoc } from './labState';
import { createStore } from './store';

const opened: CsvOpened = {
  name: 'btc.csv',
  bytes: 100,
  headers: ['date', 'close', 'symbol'],
  delimiter: ',',
  preview: [{ line: 2, cells: ['2024-01-01', '1', 'BTC'] }],
  suggested: { time: 'date', close: 'close', symbol: 'symbol' },
  mappingError: null,
  textColumns: ['symbol'],
};
const parsed: CsvParsed = {
  rows: 3,
  intervalMs: 86_400_000,
  counts: { 'bad-time': 0, unsorted: 1, duplicate: 0, gap: 0, nan: 0, 'non-numeric': 0, ohlc: 0, price: 0, spike: 0 },
  totalIssues: 1,
  issues: [{ kind: 'unsorted', row: 2, line: 4, message: 'line 4: ...' }],
  mapping: { time: 'date', close: 'close' },
  warnings: [],
};
const applied = { rowsIn: 3, rowsOut: 3, badTimeDropped: 0, sortedRows: 1, duplicatesDropped: 0, barsInserted: 0, gapsFilled: 0, gapsLeft: 0, largestGapLeft: 0, outliersMarked: 0, valuesCleared: 0 };

function fakeImporter(over: Partial<CsvImporter> = {}): CsvImporter {
  return {
    open: vi.fn(async () => opened),
    parse: vi.fn(async () => parsed),
    previewFixes: vi.fn(async (fixes) => (fixes.sort ? { applied, error: null } : { applied: null, error: '1 unsorted row (first at line 4): choose sort' })),
    describe: vi.fn(async () => []),
    finish: vi.fn(async () => ({ id: 'csv-1', doc: { title: 't' } as unknown as NotebookDoc, notes: [], hash: 'f'.repeat(64), rows: 3 })),
    close: vi.fn(),
    ...over,
  };
}

const file = { name: 'btc.csv', size: 100 } as File;

describe('import actions', () => {
  it('opens, parses with the suggested mapping minus text columns, and waits for the needed fix before Create', async () => {
    const store = createStore(initialImportState());
    const importer = fakeImporter();
    const addNotebook = vi.fn(async () => undefined);
    const actions = createImportActions(store, { importer, addNotebook });
    await actions.chooseFile(file);
    expect(importer.parse).toHaveBeenCalledWith({ time: 'date', close: 'close' }, ['symbol'], expect.any(Function));
    expect(store.getState()).toMatchObject({ step: 'review', busy: null, parsed, fixPreview: { error: expect.stringContaining('choose sort') } });
    expect(canCreate(store.getState())).toBe(false);

    await actions.setFixes({ sort: true });
    expect(importer.previewFixes).toHaveBeenLastCalledWith({ sort: true });
    expect(canCreate(store.getState())).toBe(true);
    await actions.createNotebook();
    expect(importer.finish).toHaveBeenCalledWith({ sort: true }, expect.any(Function));
    expect(addNotebook).toHaveBeenCalledWith('csv-1', { title: 't' });
    expect(store.getState()).toMatchObject({ step: 'done', created: { notebookId: 'csv-1', rows: 3 } });
  });

  it('shows a bad file error and stays ready for another file', async () => {
    const store = createStore(initialImportState());
    const importer = fakeImporter({ open: vi.fn(async () => Promise.reject(new Error('empty.csv: the file is empty (0 bytes)'))) });
    const actions = createImportActions(store, { importer, addNotebook: vi.fn() });
    await actions.chooseFile(file);
    expect(store.getState()).toMatchObject({ step: 'idle', busy: null, error: 'empty.csv: the file is empty (0 bytes)', fileName: 'btc.csv' });
  });

  it('keeps the mapping when a parse fails, and keeps everything when storing fails', async () => {
    const store = createStore(initialImportState());
    const importer = fakeImporter({
      open: vi.fn(async () => ({ ...opened, suggested: null, mappingError: 'CSV has no close column' })),
      finish: vi.fn(async () => Promise.reject(new Error('Browser storage is full'))),
    });
    const actions = createImportActions(store, { importer, addNotebook: vi.fn() });
    await actions.chooseFile(file);
    expect(importer.parse).not.toHaveBeenCalled();
    expect(store.getState()).toMatchObject({ step: 'review', error: 'CSV has no close column' });
    actions.setRole('close', 'symbol');
    expect(store.getState().exclude).toEqual([]);
    await actions.applyMapping();
    expect(importer.parse).toHaveBeenCalledWith({ close: 'symbol' }, [], expect.any(Function));
    await actions.setFixes({ sort: true });
    await actions.createNotebook();
    expect(store.getState()).toMatchObject({ step: 'review', error: 'Browser storage is full', fixes: { sort: true } });
    expect(store.getState().parsed).not.toBeNull();
  });
});

describe('import state helpers', () => {
  it('turns form choices into CleaningFixes and counts into words', () => {
    expect(fixesFromChoices(NO_FIXES)).toEqual({});
    const choices = { ...NO_FIXES, sort: true, dropDuplicates: 'last' as const, forwardFillGaps: 3, markOutliers: true, outlierZ: 6 };
    expect(fixesFromChoices(choices)).toEqual({ sort: true, dropDuplicates: 'last', forwardFillGaps: 3, markOutliers: { column: 'close', zScore: 6 } });
    const words = describeApplied({ ...applied, duplicatesDropped: 12, barsInserted: 3, gapsFilled: 2, gapsLeft: 1, largestGapLeft: 40 }, choices);
    expect(words).toEqual([
      '1 unsorted row put in time order',
      '12 duplicate rows dropped (kept last)',
      '3 bars forward-filled in 2 gaps',
      '1 gap left unfilled (largest: 40 missing bars)',
      '0 bars marked in the outlier column (rows kept)',
      '3 rows in, 3 rows out',
    ]);
    expect(formatInterval(86_400_000)).toBe('1 day');
    expect(formatInterval(300_000)).toBe('5 minutes');
    expect(formatInterval(0)).toBe('unknown');
  });
});
