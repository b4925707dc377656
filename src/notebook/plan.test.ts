import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNotebookJson } from './parse';
import { cellStatuses, dependentsOf, runSelection, statusesSinceRun, type LastRun } from './plan';
import { planCellKeys, type KeyContext } from './planKeys';
import type { Cell, NotebookDoc } from './schema';

const root = resolve(__dirname, '../..');
const demo = parseNotebookJson(readFileSync(join(root, 'public/notebooks/demo.json'), 'utf8'));
const context: KeyContext = { dataHash: 'a'.repeat(64), backend: 'wasm', versions: { app: '1.0.0', tfjs: '4.22.0' } };

function editCell(doc: NotebookDoc, id: string, change: (cell: Cell) => Cell): NotebookDoc {
  return { ...doc, cells: doc.cells.map((c) => (c.id === id ? change(c) : c)) };
}

/** One small edit per cell of the demo notebook. */
const EDITS: Record<string, (cell: Cell) => Cell> = {
  intro: (c) => (c.kind === 'markdown' ? { ...c, text: `${c.text}!` } : c),
  data: (c) => (c.kind === 'data' ? { ...c, source: { type: 'demo', seed: 8, bars: 1500 } } : c),
  features: (c) => (c.kind === 'features' ? { ...c, target: { ...c.target, horizon: 2 } } : c),
  model: (c) => (c.kind === 'model' && c.model.type === 'lstm' ? { ...c, model: { ...c.model, units: 64 } } : c),
  walkforward: (c) => (c.kind === 'walkforward' ? { ...c, embargo: 2 } : c),
  backtest: (c) => (c.kind === 'backtest' ? { ...c, feeBps: 25 } : c),
  notes: (c) => (c.kind === 'markdown' ? { ...c, text: 'changed' } : c),
};

function changedKeys(before: Record<string, string | null>, after: Record<string, string | null>): string[] {
  return Object.keys(after).filter((id) => after[id] !== before[id]);
}

describe('the run plan', () => {
  it('links each cell to what reads it: data -> features -> walkforward <- model, backtest last, markdown alone', () => {
    expect(dependentsOf(demo, 'data')).toEqual(['features', 'walkforward', 'backtest']);
    expect(dependentsOf(demo, 'features')).toEqual(['walkforward', 'backtest']);
    expect(dependentsOf(demo, 'model')).toEqual(['walkforward', 'backtest']);
    expect(dependentsOf(demo, 'walkforward')).toEqual(['backtest']);
    expect(dependentsOf(demo, 'backtest')).toEqual([]);
    expect(dependentsOf(demo, 'intro')).toEqual([]);
  });

  it('runs a focused cell with its dependents and what they read, nothing else', () => {
    const pipeline = ['data', 'features', 'model', 'walkforward', 'backtest'];
    for (const id of pipeline) expect(runSelection(demo, id), id).toEqual(pipeline);
    expect(runSelection(demo, 'intro')).toEqual([]);
    // A second backtest reads the same walk-forward: running one leaves the other alone.
    const second = parseNotebookJson(JSON.stringify({ ...demo, cells: [...demo.cells, { id: 'backtest-2', kind: 'backtest', rule: 'long-short', feeBps: 5 }] }));
    expect(runSelection(second, 'backtest-2')).toEqual(pipeline.slice(0, 4).concat('backtest-2'));
    expect(runSelection(second, 'backtest')).toEqual(pipeline);
    expect(runSelection(second, 'model')).toEqual([...pipeline, 'backtest-2']);
    expect(() => runSelection(demo, 'nope')).toThrow(/no cell "nope".*expected one of intro, data/);
  });

  it('marks exactly the edited cell and its dependents stale', () => {
    const lastKeys = planCellKeys(demo, context) as Record<string, string>;
    expect(Object.values(cellStatuses(demo, context, lastKeys)).every((s) => s === 'fresh')).toBe(true);
    for (const [id, change] of Object.entries(EDITS)) {
      const statuses = cellStatuses(editCell(demo, id, change), context, lastKeys);
      const stale = Object.keys(statuses).filter((cellId) => statuses[cellId] === 'stale');
      expect(stale, `editing ${id}`).toEqual([id, ...dependentsOf(demo, id)]);
      expect(Object.values(statuses).filter((s) => s === 'never-run')).toEqual([]);
    }
  });

  it('says "never run" for every cell before the first run', () => {
    expect(new Set(Object.values(cellStatuses(demo, context, null)))).toEqual(new Set(['never-run']));
  });

  it('flips a key when its seed, backend, data hash or params change, and only then', () => {
    const base = planCellKeys(demo, context);
    expect(Object.values(base).every((k) => typeof k === 'string' && /^[0-9a-f]{64}$/.test(k))).toBe(true);
    expect(changedKeys(base, planCellKeys({ ...demo, seed: 43 }, context))).toEqual(['walkforward', 'backtest']);
    expect(changedKeys(base, planCellKeys(demo, { ...context, backend: 'cpu' }))).toEqual(['walkforward', 'backtest']);
    expect(changedKeys(base, planCellKeys(demo, { ...context, dataHash: 'b'.repeat(64) }))).toEqual(['data', 'features', 'walkforward', 'backtest']);
    expect(changedKeys(base, planCellKeys(demo, { ...context, versions: { ...context.versions, app: '1.0.1' } }))).toEqual(demo.cells.map((c) => c.id));
    // A browser update is not a new engine; the same document is the same key whatever the title.
    expect(changedKeys(base, planCellKeys(demo, { ...context, versions: { ...context.versions, userAgent: 'x' } }))).toEqual([]);
    expect(changedKeys(base, planCellKeys({ ...demo, title: 'renamed' }, context))).toEqual([]);
    for (const id of ['intro', 'notes', 'backtest']) {
      const keys = planCellKeys(editCell(demo, id, EDITS[id]!), context);
      expect(keys.model).toBe(base.model);
      expect(keys.walkforward).toBe(base.walkforward);
    }
  });

  it('has no key for a cell whose input is missing or whose data is not loaded yet', () => {
    const noFeatures = { ...demo, cells: demo.cells.filter((c) => c.kind !== 'features') };
    expect(planCellKeys(noFeatures, context).walkforward).toBeNull();
    const unloaded = planCellKeys(demo, { ...context, dataHash: null });
    expect(unloaded.data).toBeNull();
    expect(unloaded.backtest).toBeNull();
    expect(unloaded.model).not.toBeNull();
  });

  it('reads the last run from its report: a changed backend choice makes the trained cells stale', () => {
    const keys = planCellKeys(demo, context) as Record<string, string>;
    const last: LastRun = { data: { hash: 'a'.repeat(64) }, backend: { name: 'wasm' }, versions: context.versions, cache: { keys } };
    expect(new Set(Object.values(statusesSinceRun(demo, last)))).toEqual(new Set(['fresh']));
    const onCpu = statusesSinceRun(demo, last, 'cpu');
    expect(Object.keys(onCpu).filter((id) => onCpu[id] === 'stale')).toEqual(['walkforward', 'backtest']);
    const { cache: _cache, ...older } = last;
    expect(new Set(Object.values(statusesSinceRun(demo, older)))).toEqual(new Set(['never-run']));
  });
});
