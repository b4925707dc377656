import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseNotebookJson } from './parse';
import { configurationsTried, paramDiff, runEntries } from './runHistory';
import type { NotebookDoc } from './schema';

const tiny = parseNotebookJson(readFileSync('public/notebooks/tiny.json', 'utf8'));
const report = (JSON.parse(readFileSync('src/storage/fixtures/run-v1.json', 'utf8')) as { report: Record<string, unknown> }).report;

function withFee(doc: NotebookDoc, feeBps: number): NotebookDoc {
  return { ...doc, cells: doc.cells.map((c) => (c.kind === 'backtest' ? { ...c, feeBps } : c)) };
}

describe('run history', () => {
  it('names each changed parameter by cell id and path, and added or removed cells', () => {
    const edited: NotebookDoc = { ...withFee(tiny, 25), seed: 7, cells: [...withFee(tiny, 25).cells.filter((c) => c.id !== 'intro').map((c) => (c.kind === 'model' && c.model.type === 'lstm' ? { ...c, model: { ...c.model, units: 16 } } : c)), { id: 'notes', kind: 'markdown', text: 'x' }] };
    expect(paramDiff(tiny, edited)).toEqual([
      { path: 'seed', before: '1', after: '7' },
      { path: 'model.model.units', before: '8', after: '16' },
      { path: 'backtest.feeBps', before: '10', after: '25' },
      { path: 'cells', before: '', after: '+notes' },
      { path: 'cells', before: '-intro', after: '' },
    ]);
    expect(paramDiff(tiny, { ...tiny, cells: [...tiny.cells].reverse() })).toEqual([]);
  });

  it('lists runs newest first with the diff from the run before, and counts distinct configurations', () => {
    const hashOf = (fee: number) => `${fee}`.padStart(64, '0');
    const rows = [10, 25, 10].map((fee, i) => ({ id: `r${i}`, createdAt: 1000 + i, notebookHash: hashOf(fee), report: { ...report, notebookHash: hashOf(fee) }, doc: withFee(tiny, fee) }));
    const entries = runEntries([...rows, { id: 'old-format', createdAt: 5, notebookHash: hashOf(1), report: { metrics: {} } }]);
    expect(entries.map((e) => e.id)).toEqual(['r2', 'r1', 'r0']);
    expect(entries.map((e) => e.changes)).toEqual([[{ path: 'backtest.feeBps', before: '25', after: '10' }], [{ path: 'backtest.feeBps', before: '10', after: '25' }], null]);
    expect(configurationsTried(entries)).toBe(2);
    expect(configurationsTried(entries.filter((e) => e.id !== 'r1'))).toBe(1);
  });
});
