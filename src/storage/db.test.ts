import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { hashFrame } from '../core/hash';
import { Dexie } from 'dexie';
import { CryptoForecastLabDB, DB_NAME, openDb, SCHEMA_V1, SCHEMA_V2, SCHEMA_V3 } from './db';
import { createIdbRunCache } from './runCache';
import { loadFrame } from './datasets';
import { latestRun, type StoredRun } from './runs';

const opened: CryptoForecastLabDB[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
});

describe('database schema', () => {
  it('is version 3 with the pinned stores: changing them needs a new version, a migration and its test', async () => {
    // If this fails you edited a stored format: add `version(2).stores(...).upgrade(...)` in db.ts
    // and a test that opens a database written by version 1 (like the one below) and migrates it.
    expect(SCHEMA_V1).toEqual({
      datasets: 'id, createdAt',
      chunks: '[datasetId+index], datasetId',
      notebooks: 'id, updatedAt',
      runs: 'id, notebookId, [notebookId+createdAt], createdAt',
      models: 'id, createdAt',
    });
    expect(SCHEMA_V2).toEqual({ ...SCHEMA_V1, modelMeta: 'id, notebookId, createdAt' });
    expect(SCHEMA_V3).toEqual({ ...SCHEMA_V2, cache: 'key, [usedAt+bytes]' });
    const db = openDb('schema-test');
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(3);
    expect(db.tables.map((t) => t.name).sort()).toEqual(['cache', 'chunks', 'datasets', 'modelMeta', 'models', 'notebooks', 'runs']);
    expect(DB_NAME).toBe('crypto-forecast-lab');
  });

  it('reads records in the version-1 layout, written without the repositories (fixture of the format)', async () => {
    const db = new CryptoForecastLabDB('v1-fixture');
    opened.push(db);
    const time = Float64Array.from([1_700_000_000_000, 1_700_086_400_000]);
    const close = Float64Array.from([37_000.5, NaN]);
    const id = hashFrame({ time, columns: { close }, meta: { name: 'fixture', intervalMs: 86_400_000, synthetic: true, source: 'demo' } });
    await db.datasets.put({
      id,
      name: 'fixture',
      source: { type: 'demo', seed: 7, bars: 2 },
      sourceLabel: 'demo',
      rows: 2,
      start: time[0]!,
      end: time[1]!,
      columns: ['close'],
      intervalMs: 86_400_000,
      synthetic: true,
      createdAt: 1_700_000_000_000,
      chunkCount: 1,
      chunkRows: 65_536,
    });
    await db.chunks.put({ datasetId: id, index: 0, time, columns: { close } });
    const run = JSON.parse(readFileSync(new URL('./fixtures/run-v1.json', import.meta.url), 'utf8')) as StoredRun;
    await db.runs.put(run);

    const frame = await loadFrame(db, id);
    expect(Array.from(frame.time)).toEqual(Array.from(time));
    expect(Number.isNaN(frame.columns.close![1])).toBe(true);
    expect(frame.meta).toEqual({ name: 'fixture', intervalMs: 86_400_000, synthetic: true, source: 'demo' });
    expect((await latestRun(db, run.notebookId))?.id).toBe(run.id);
  });
});

describe('database version 2 -> 3', () => {
  it('opens a database written by version 2: its rows stay, the run cache is added empty and works', async () => {
    const name = 'v2-upgrade';
    const v2 = new Dexie(name);
    v2.version(1).stores(SCHEMA_V1);
    v2.version(2).stores(SCHEMA_V2);
    const run = JSON.parse(readFileSync(new URL('./fixtures/run-v1.json', import.meta.url), 'utf8')) as StoredRun;
    await v2.table('runs').put(run);
    await v2.table('notebooks').put({ id: 'nb', title: 'kept', doc: { any: 1 }, updatedAt: 3 });
    await v2.table('modelMeta').put({ id: 'm', notebookId: 'nb', createdAt: 4, meta: { any: 2 } });
    v2.close();

    const db = new CryptoForecastLabDB(name);
    opened.push(db);
    await db.open();
    expect(db.verno).toBe(3);
    expect((await latestRun(db, run.notebookId))?.id).toBe(run.id);
    expect((await db.notebooks.get('nb'))?.title).toBe('kept');
    expect((await db.modelMeta.get('m'))?.notebookId).toBe('nb');
    const cache = createIdbRunCache(db);
    expect(await cache.stats()).toEqual({ entries: 0, bytes: 0 });
    await cache.put('k', { values: Float64Array.of(1, 2) }, 32);
    expect(await cache.stats()).toEqual({ entries: 1, bytes: 32 });
  });
});
