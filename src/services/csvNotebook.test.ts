import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseNotebook } from '../notebook/parse';
import { buildCsvNotebook, csvNotebookId, type ImportedData } from './csvNotebook';

const demo = parseNotebook(JSON.parse(readFileSync(new URL('../../public/notebooks/demo.json', import.meta.url), 'utf8')));
const hash = 'ab'.repeat(32);
const applied = { rowsIn: 901, rowsOut: 900, badTimeDropped: 0, sortedRows: 1, duplicatesDropped: 1, barsInserted: 0, gapsFilled: 0, gapsLeft: 0, largestGapLeft: 0, outliersMarked: 0, valuesCleared: 0 };
const data = (over: Partial<ImportedData> = {}): ImportedData => ({
  name: 'btc.csv',
  hash,
  rows: 900,
  mapping: { time: 'date', close: 'close' },
  fixes: { sort: true, dropDuplicates: 'last' },
  applied,
  columns: ['open', 'high', 'low', 'close', 'volume', 'activeAddresses'],
  ...over,
});

describe('buildCsvNotebook', () => {
  it("replaces the demo's data cell with the stored CSV and keeps the other cells", () => {
    const { id, doc, notes } = buildCsvNotebook(demo, data());
    expect(id).toBe(csvNotebookId(hash));
    expect(id).toBe(`csv-${'ab'.repeat(8)}`);
    expect(doc.title).toBe('btc.csv: LSTM on a synthetic BTC-like market');
    const dataCell = doc.cells.find((c) => c.kind === 'data');
    expect(dataCell).toEqual({ id: 'data', kind: 'data', source: { type: 'csv', name: 'btc.csv', hash, mapping: { time: 'date', close: 'close' }, fixes: { sort: true, dropDuplicates: 'last' } } });
    expect(doc.cells.map((c) => c.id)).toEqual(demo.cells.map((c) => c.id));
    const intro = doc.cells[0]!;
    expect(intro.kind === 'markdown' && intro.text).toContain('1 unsorted rows put in time order; 1 duplicate rows dropped (kept last)');
    expect(notes).toEqual([]);
  });

  it('drops features on columns the CSV lacks, and says so', () => {
    const { doc, notes } = buildCsvNotebook(demo, data({ columns: ['open', 'high', 'low', 'close', 'volume'] }));
    const features = doc.cells.find((c) => c.kind === 'features');
    expect(features?.kind === 'features' && features.features.map((f) => f.column ?? f.name)).toEqual(['logReturn', 'rsi']);
    expect(notes).toEqual(['feature logReturn on activeAddresses removed: the CSV has no such column']);
  });

  it('writes fixes the notebook format cannot hold yet into the intro instead of failing', () => {
    const fixes = { sort: true, forwardFillGaps: 3, markOutliers: { column: 'close', zScore: 8 } };
    const { doc, notes } = buildCsvNotebook(demo, data({ fixes }));
    const source = doc.cells.find((c) => c.kind === 'data');
    expect(source?.kind === 'data' && source.source).toMatchObject({ type: 'csv', fixes: expect.objectContaining({ sort: true }) });
    if (notes.length > 0) expect(notes.join('\n')).toContain('fix forwardFillGaps = 3 was applied at import');
  });
});
