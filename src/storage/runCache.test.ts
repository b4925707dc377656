import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Executor } from '../core/executor';
import { createLocalExecutor } from '../ml/localExecutor';
import { readCached, writeCached } from '../notebook/cache';
import { parseNotebookJson } from '../notebook/parse';
import { runNotebook } from '../notebook/runner';
import type { NotebookDoc } from '../notebook/schema';
import { loadDataCell, type DataCellSpec } from '../sources/loadSource';
import { openDb, type CryptoForecastLabDB } from './db';
import { createIdbRunCache } from './runCache';

const opened: CryptoForecastLabDB[] = [];
let counter = 0;
function freshDb(): CryptoForecastLabDB {
  const db = openDb(`run-cache-${++counter}`);
  opened.push(db);
  return db;
}
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
});

/** A clock the test moves by hand, so "oldest used" is exact. */
function clock() {
  let t = 1_000;
  return { now: () => t, tick: () => (t += 1) };
}

describe('the run cache in IndexedDB', () => {
  it('evicts the least recently used entries first once over its bound; a read counts as a use', async () => {
    const time = clock();
    const cache = createIdbRunCache(freshDb(), { maxBytes: 300, now: time.now });
    for (const key of ['a', 'b', 'c']) {
      await cache.put(key, key, 100);
      time.tick();
    }
    expect(await cache.get('a')).toBe('a');
    time.tick();
    await cache.put('d', 'd', 100);
    time.tick();
    expect(await cache.get('b')).toBeUndefined();
    expect(await cache.stats()).toEqual({ entries: 3, bytes: 300 });
    await cache.put('e', 'e', 150);
    // c (used at 1002) and then a (1003) were the oldest; d stays, e fits beside it.
    expect(await Promise.all(['a', 'c', 'd', 'e'].map((k) => cache.get(k)))).toEqual([undefined, undefined, 'd', 'e']);
    await cache.put('too-big', 'x', 301);
    expect(await cache.get('too-big')).toBeUndefined();
    await cache.clear();
    expect(await cache.stats()).toEqual({ entries: 0, bytes: 0 });
  });

  it('keeps typed arrays exact across a reload, and a damaged row is a miss', async () => {
    const db = freshDb();
    const schema = z.object({ values: z.custom<Float64Array>((v) => v instanceof Float64Array) });
    expect(await writeCached(createIdbRunCache(db), 'k', { values: Float64Array.of(0.1, NaN, -0) })).toBeNull();
    db.close();
    await db.open();
    const read = await readCached(createIdbRunCache(db), 'k', schema);
    expect(Array.from(read?.values ?? [])).toEqual([0.1, NaN, -0]);
    await db.cache.put({ key: 'k', value: { format: 1, key: 'k', checksum: 'x', payload: { values: Float64Array.of(0.1, NaN, -0) } }, bytes: 24, usedAt: 1 });
    expect(await readCached(createIdbRunCache(db), 'k', schema)).toBeUndefined();
    await db.table('cache').put({ key: 'bad', bytes: 'many' });
    expect(await createIdbRunCache(db).get('bad')).toBeUndefined();
  });

  it('serves a whole notebook run: a fee change after a reload trains nothing', async () => {
    const root = resolve(__dirname, '../..');
    const tiny = parseNotebookJson(readFileSync(join(root, 'public/notebooks/tiny.json'), 'utf8'));
    const db = freshDb();
    let trains = 0;
    const local = createLocalExecutor('cpu');
    const executor: Executor = { ...local, train: (...args) => ((trains += 1), local.train(...args)) };
    const run = (doc: NotebookDoc) =>
      runNotebook(doc, {
        executor,
        loadData: (data: DataCellSpec) => loadDataCell(data, { readCsvText: () => Promise.reject(new Error('no CSV')) }),
        versions: { test: '1' },
        cache: createIdbRunCache(db),
      });
    const first = await run(tiny);
    expect(trains).toBe(1);
    db.close();
    await db.open();
    const fee = await run({ ...tiny, cells: tiny.cells.map((c) => (c.kind === 'backtest' ? { ...c, feeBps: 30 } : c)) });
    expect(trains).toBe(1);
    expect(fee.report.cache?.cells).toEqual({ features: 'hit', walkforward: 'hit' });
    expect(fee.report.folds).toEqual(first.report.folds);
    expect(fee.series.forecast).toEqual(first.series.forecast);
  });
});
