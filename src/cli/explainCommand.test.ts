import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLocalExecutor } from '../ml/localExecutor';
import { parseNotebookJson } from '../notebook/parse';
import { runNotebook } from '../notebook/runner';
import { loadDataCell, type DataCellSpec } from '../sources/loadSource';
import { explainText, parseExplainArgs, withExplainCell } from './explainCommand';

const root = resolve(__dirname, '../..');
const tiny = parseNotebookJson(readFileSync(join(root, 'public/notebooks/tiny.json'), 'utf8'));

describe('npm run cli -- explain', () => {
  it('reads its options and refuses a malformed date', () => {
    expect(parseExplainArgs(['nb.json', '--date', '2024-03-05'])).toMatchObject({ notebook: 'nb.json', date: '2024-03-05', backend: 'wasm' });
    expect(() => parseExplainArgs(['nb.json', '--date', '5 March'])).toThrow(/YYYY-MM-DD/);
    expect(() => parseExplainArgs(['--date', '2024-03-05'])).toThrow(/needs a notebook/);
  });

  it('prints the sentence and the waterfall of the chosen date, and names the explained range for another', async () => {
    const doc = withExplainCell(tiny);
    expect(doc.cells[doc.cells.length - 1]).toMatchObject({ id: 'explain', kind: 'explain' });
    const { report } = await runNotebook(doc, {
      executor: createLocalExecutor('cpu'),
      loadData: (data: DataCellSpec) => loadDataCell(data, { readCsvText: () => Promise.reject(new Error('no CSV')) }),
      versions: {},
    });
    const explain = report.explain!;
    const date = explain.windows[5]!.date.slice(0, 10);
    const text = explainText(explain, date);
    const [sentence, blank, ...rest] = text.split('\n');
    expect(sentence).toMatch(new RegExp(`^Predicted [+-][0-9.]+% for ${date} \\(base [+-][0-9.]+%\\): mostly `));
    expect(blank).toBe('');
    expect(rest[0]).toMatch(/^base\s/);
    expect(rest.find((l) => l.startsWith('prediction'))).toBeDefined();
    expect(text).toContain('additivity error');
    expect(() => explainText(explain, '1999-01-01')).toThrow(/no explained window on 1999-01-01: .* set "fold": "each"/);
  }, 60_000);

  it('says integrated gradients, their steps and completeness error for that method', async () => {
    const json = JSON.parse(readFileSync(join(root, 'public/notebooks/tiny.json'), 'utf8')) as { cells: unknown[] };
    const doc = parseNotebookJson(JSON.stringify({ ...json, cells: [...json.cells, { id: 'explain', kind: 'explain', method: 'integratedGradients', windows: 'last', windowCount: 2 }] }));
    const { report } = await runNotebook(doc, {
      executor: createLocalExecutor('cpu'),
      loadData: (data: DataCellSpec) => loadDataCell(data, { readCsvText: () => Promise.reject(new Error('no CSV')) }),
      versions: {},
    });
    const text = explainText(report.explain!);
    expect(text).toMatch(/^Predicted [+-][0-9.]+% for \d{4}-\d{2}-\d{2} \(base [+-][0-9.]+%\): /);
    expect(text).toMatch(/integrated gradients from the mean of the background, 64 steps; completeness gap at worst [0-9.]+% of f\(x\) - f\(baseline\); background 64 training windows; completeness error /);
  }, 60_000);
});
