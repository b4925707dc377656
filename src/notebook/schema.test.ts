import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { notebookHash } from './canonical';
import { NotebookFormatError, parseNotebook, parseNotebookJson } from './parse';

const demoText = readFileSync(resolve(__dirname, '../../public/notebooks/demo.json'), 'utf8');
const demo = JSON.parse(demoText) as { cells: Record<string, unknown>[] } & Record<string, unknown>;

function problems(input: unknown): string[] {
  try {
    parseNotebook(input);
  } catch (error) {
    if (error instanceof NotebookFormatError) return error.problems;
    throw error;
  }
  return [];
}

describe('notebook schema v1', () => {
  it('accepts the shipped notebooks and fills defaults', () => {
    const doc = parseNotebookJson(demoText);
    expect(doc.cells.map((c) => c.kind)).toEqual(['markdown', 'data', 'features', 'model', 'walkforward', 'backtest', 'markdown']);
    const tiny = parseNotebookJson(readFileSync(resolve(__dirname, '../../public/notebooks/tiny.json'), 'utf8'));
    const backtest = tiny.cells.find((c) => c.kind === 'backtest');
    expect(backtest).toMatchObject({ execution: 'open', periodsPerYear: 365 });
  });

  it('accepts every notebook shipped in public/notebooks', () => {
    const dir = resolve(__dirname, '../../public/notebooks');
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const file of files) expect(() => parseNotebookJson(readFileSync(resolve(dir, file), 'utf8')), file).not.toThrow();
  });

  it('rejects an unknown cell kind with its path and the known kinds', () => {
    const doc = { ...demo, cells: [...demo.cells, { id: 'x', kind: 'shap' }] };
    expect(problems(doc)).toEqual([
      'cells[7].kind: unknown cell kind; expected one of data, features, model, walkforward, backtest, explain, markdown, sweep',
    ]);
  });

  it('rejects wrong types and unknown fields with the path of each', () => {
    const cells = structuredClone(demo.cells);
    (cells[3] as { model: Record<string, unknown> }).model.units = '32';
    (cells[4] as Record<string, unknown>).trainSise = 10;
    const found = problems({ ...demo, cells });
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(/^cells\[3\]\.model\.units: .*expected number/);
    expect(found[1]).toMatch(/^cells\[4\]: .*trainSise/);
  });

  it('rejects a wrong schema id, version, duplicate cell ids and non-JSON text', () => {
    expect(problems({ ...demo, version: 2 })[0]).toMatch(/^version: /);
    expect(problems({ ...demo, schema: 'other' })[0]).toMatch(/^schema: /);
    const cells = structuredClone(demo.cells);
    (cells[2] as Record<string, unknown>).id = 'data';
    expect(problems({ ...demo, cells })).toEqual(['cells[2].id: duplicate cell id "data"']);
    expect(() => parseNotebookJson('{"schema": ')).toThrow(/not valid JSON/);
  });

  it('hashes documents by content, independent of key order', () => {
    const reordered = Object.fromEntries(Object.entries(demo).reverse());
    expect(notebookHash(reordered)).toBe(notebookHash(demo));
    expect(notebookHash({ ...demo, seed: 43 })).not.toBe(notebookHash(demo));
  });
});
