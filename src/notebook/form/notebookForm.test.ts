import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { keyHints } from './keyHints';
import { cellForm, checkNotebook, CELL_KIND_NAMES, fieldAt, NOTEBOOK_FIELD, newCell, switchMemberAt } from './notebookForm';
import { formNodes, writeForm } from './formTree';
import { issuesAt } from './issues';
import { getAt, setAt } from './path';

const tiny: unknown = JSON.parse(readFileSync('public/notebooks/tiny.json', 'utf8'));

describe('the notebook form', () => {
  it('reports an invalid field of the whole notebook at its path', () => {
    const { ok, issues } = checkNotebook(setAt(tiny, ['cells', 5, 'feeBps'], -5));
    expect(ok).toBe(false);
    expect(issuesAt(issues, ['cells', 5, 'feeBps'])[0]?.message).toMatch(/>=0/);
  });

  it('reports a misspelt key at that key', () => {
    const { issues } = checkNotebook(setAt(tiny, ['cells', 5, 'feeBsp'], 5));
    expect(issuesAt(issues, ['cells', 5, 'feeBsp'])[0]?.message).toMatch(/unknown field "feeBsp"/);
  });

  it('labels every field of a cell with its key, uniquely', () => {
    const model = getAt(tiny, ['cells', 3]);
    const ensemble = setAt(model, ['model'], {
      type: 'ensemble',
      lookback: 8,
      members: [
        { type: 'naive', lookback: 8 },
        { type: 'lstm', lookback: 8, units: 4 },
      ],
    });
    const nodes = formNodes(cellForm(ensemble, 3)).slice(1);
    const labels = nodes.map((n) => n.label);
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels).toContain('lookback (model)');
    expect(labels).toContain('lookback (model.members[1])');
    expect(labels).toContain('units');
    for (const node of nodes) expect(node.label).toContain(String(node.key));
  });

  it.each(readdirSync('public/notebooks').filter((f) => f.endsWith('.json')))('renders every cell of the built-in %s: unique labels naming their keys, values round-trip', (file) => {
    const doc = JSON.parse(readFileSync(`public/notebooks/${file}`, 'utf8')) as { cells: unknown[] };
    expect(checkNotebook(doc).ok).toBe(true);
    doc.cells.forEach((cell, index) => {
      const form = cellForm(cell, index);
      expect(writeForm(form)).toEqual(cell);
      const nodes = formNodes(form).slice(1);
      const labels = nodes.map((n) => n.label);
      expect(new Set(labels).size).toBe(labels.length);
      for (const node of nodes) expect(node.label).toContain(String(node.key));
    });
  });

  it('makes a new cell of each kind that parses in a notebook, but for text with no default', () => {
    const doc = tiny as { cells: { id: string }[] };
    for (const kind of CELL_KIND_NAMES) {
      const cell = newCell(kind, new Set(doc.cells.map((c) => c.id)));
      expect(doc.cells.map((c) => c.id)).not.toContain(cell.id);
      const next = { ...doc, cells: [...doc.cells, cell] };
      // A required text without a default (a feature's name) is left for the user (the UI offers choices).
      const kinds = checkNotebook(next).issues.map((i) => fieldAt(next, i.path)?.kind);
      expect(kinds.filter((k) => k !== 'string')).toEqual([]);
      if (kind !== 'features') expect(kinds).toEqual([]);
      expect(writeForm(cellForm(cell, doc.cells.length))).toEqual(cell);
    }
  });

  it('switches a model type to the new type with its defaults, keeping the shared lookback', () => {
    const next = switchMemberAt(tiny, ['cells', 3, 'model'], 'attention');
    expect(next).toMatchObject({ type: 'attention', lookback: 8, dModel: 32, heads: 4 });
    expect(next).not.toHaveProperty('units');
    expect(checkNotebook(setAt(tiny, ['cells', 3, 'model'], next)).ok).toBe(true);
  });
});

describe('key hints for the JSON view', () => {
  it('name the type, range and default of a key', () => {
    const hints = keyHints(NOTEBOOK_FIELD);
    expect(hints.get('feeBps')).toEqual(['feeBps: number 0..1000, bps — Fee per unit of position change.']);
    expect(hints.get('refitEvery')?.[0]).toBe('refitEvery: integer 1..100, folds, default 1 — Train a model every k folds; the folds between reuse it (and its scaling).');
    expect(hints.get('rule')?.[0]).toMatch(/one of long-flat, long-short, threshold/);
  });
});
