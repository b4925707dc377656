import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Executor } from '../core/executor';
import { createLocalExecutor } from '../ml/localExecutor';
import { loadDataCell, type DataCellSpec } from '../sources/loadSource';
import { createMemoryCache, type RunCache } from './cache';
import { parseNotebookJson } from './parse';
import type { RunReport } from './report';
import { runSelection } from './plan';
import { runNotebook, type RunResult } from './runner';
import type { Cell, NotebookDoc } from './schema';

const root = resolve(__dirname, '../..');
const tiny = parseNotebookJson(readFileSync(join(root, 'public/notebooks/tiny.json'), 'utf8'));
const noCsv = () => Promise.reject(new Error('no CSV in this test'));

/** The in-process executor, counting the models it trains. */
function countingExecutor(): { executor: Executor; trains: () => number } {
  const local = createLocalExecutor('cpu');
  let trains = 0;
  return {
    executor: { ...local, train: (...args) => ((trains += 1), local.train(...args)) },
    trains: () => trains,
  };
}

async function run(doc: NotebookDoc, cache: RunCache | undefined, cells?: string[]): Promise<RunResult & { trains: number }> {
  const counting = countingExecutor();
  const result = await runNotebook(doc, {
    executor: counting.executor,
    loadData: (data: DataCellSpec) => loadDataCell(data, { readCsvText: noCsv }),
    versions: { test: '1' },
    ...(cache ? { cache } : {}),
    cells,
  });
  return { ...result, trains: counting.trains() };
}

type Edit = { [K in Cell['kind']]?: (cell: Extract<Cell, { kind: K }>) => Extract<Cell, { kind: K }> };
function edit(doc: NotebookDoc, edits: Edit): NotebookDoc {
  return {
    ...doc,
    cells: doc.cells.map((cell) => {
      const change = edits[cell.kind] as ((c: Cell) => Cell) | undefined;
      return change ? change(cell) : cell;
    }),
  };
}
const withBars = (bars: number): Edit => ({ data: (c) => ({ ...c, source: { type: 'demo', seed: 3, bars } }) });
const withFee = (feeBps: number): Edit => ({ backtest: (c) => ({ ...c, feeBps }) });

/** The report without what differs between a cached and a fresh run by design: timings and the cache's own account. */
function numbers(report: RunReport) {
  const { timings: _timings, cache: _cache, folds, ...rest } = report;
  return { ...rest, folds: folds.map(({ trainMs: _trainMs, ...fold }) => fold) };
}

// Two rolling folds of 60 test rows (tiny.json has one; 60 more bars add the second).
const twoFolds = edit(tiny, withBars(350));

describe('reactive runs with a cache (in-process executor, tiny notebook)', () => {
  it('reruns after a fee change without training, with the numbers of a fresh run', async () => {
    const cache = createMemoryCache();
    const first = await run(twoFolds, cache);
    expect(first.trains).toBe(2);
    expect(first.report.cache).toMatchObject({ cells: { features: 'miss', walkforward: 'miss' }, folds: ['miss', 'miss'] });

    const feeEdit = edit(twoFolds, withFee(25));
    const cached = await run(feeEdit, cache);
    expect(cached.trains).toBe(0);
    expect(cached.report.cache).toMatchObject({ cells: { features: 'hit', walkforward: 'hit' }, folds: ['hit', 'hit'] });
    expect(cached.report.backtest.feeBps).toBe(25);
    expect(cached.report.folds).toEqual(first.report.folds);

    const fresh = await run(feeEdit, undefined);
    expect(fresh.trains).toBe(2);
    expect(fresh.report.cache).toBeUndefined();
    expect(numbers(cached.report)).toEqual(numbers(fresh.report));
    expect(cached.series).toEqual(fresh.series);
  });

  it('runs a focused cell (Shift+Enter) with what it needs; cells outside the selection are not run and get no key', async () => {
    const cache = createMemoryCache();
    const selection = runSelection(tiny, 'backtest');
    expect(selection).not.toContain('intro');
    const focused = await run(tiny, cache, selection);
    expect(Object.keys(focused.report.cache?.keys ?? {})).toEqual(selection);
    expect(focused.report.timings).not.toHaveProperty('introMs');
    const whole = await run(tiny, cache);
    expect(whole.trains).toBe(0);
    expect(Object.keys(whole.report.cache?.keys ?? {})).toEqual(tiny.cells.map((c) => c.id));
    expect(numbers(whole.report)).toEqual(numbers(focused.report));
  });

  it('trains only the new fold when test folds are added at the end', async () => {
    const cache = createMemoryCache();
    const one = await run(tiny, cache);
    expect(one.trains).toBe(1);
    const two = await run(twoFolds, cache);
    expect(two.trains).toBe(1);
    expect(two.report.cache?.folds).toEqual(['hit', 'miss']);
    expect(two.report.cache?.cells.features).toBe('miss');
    expect(numbers(two.report).folds[0]).toEqual(numbers(one.report).folds[0]);
  });

  it('retrains every fold when units change, and when the seed or the data change', async () => {
    const cache = createMemoryCache();
    await run(twoFolds, cache);
    const units = await run(edit(twoFolds, { model: (c) => ({ ...c, model: { ...c.model, units: 9 } as typeof c.model }) }), cache);
    expect(units.trains).toBe(2);
    expect(units.report.cache?.folds).toEqual(['miss', 'miss']);
    expect((await run({ ...twoFolds, seed: 2 }, cache)).trains).toBe(2);
    const otherData = edit(twoFolds, { data: (c) => ({ ...c, source: { type: 'demo', seed: 4, bars: 350 } }) });
    expect((await run(otherData, cache)).trains).toBe(2);
  });

  it('brings back refit groups, quantile bands and path forecasts exactly', async () => {
    const doc = edit(edit(tiny, withBars(470)), {
      features: (c) => ({ ...c, target: { type: 'logReturn', horizon: 3, output: 'path' } }),
      model: (c) => ({
        ...c,
        model: { type: 'mlp', lookback: 8, hidden: [4], dropout: 0 },
        training: { ...c.training, objective: 'quantile', quantiles: [0.2, 0.5, 0.8] },
      }),
      walkforward: (c) => ({ ...c, refitEvery: 2 }),
    });
    const cache = createMemoryCache();
    const first = await run(doc, cache);
    expect(first.report.folds.map((f) => f.refit)).toEqual([true, false, true, false]);
    expect(first.trains).toBe(2);
    const cached = await run(edit(doc, withFee(3)), cache);
    expect(cached.trains).toBe(0);
    const fresh = await run(edit(doc, withFee(3)), undefined);
    expect(numbers(cached.report)).toEqual(numbers(fresh.report));
    expect(cached.report.byStep).toHaveLength(3);
    expect(cached.series.forecast.lower).toBeDefined();
    expect(cached.series).toEqual(fresh.series);
  });

  it('treats a damaged entry as a miss and recomputes it', async () => {
    const inner = createMemoryCache();
    const keys: string[] = [];
    const cache: RunCache = {
      get: (key) => inner.get(key),
      put: (key, value, bytes) => (keys.push(key), inner.put(key, value, bytes)),
    };
    const first = await run(twoFolds, cache);
    // Flip one forecast value inside every stored fold, keeping the shape valid.
    for (const key of keys) {
      const stored = (await inner.get(key)) as { payload: { point?: Float64Array } };
      if (!stored.payload.point) continue;
      stored.payload.point[0] = stored.payload.point[0]! + 1;
      await inner.put(key, stored, 1);
    }
    const again = await run(twoFolds, cache);
    expect(again.trains).toBe(2);
    expect(again.report.cache?.folds).toEqual(['miss', 'miss']);
    expect(numbers(again.report)).toEqual(numbers(first.report));
  });
});
