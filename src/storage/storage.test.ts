import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Frame } from '../core/frame';
import { openDb, type CryptoForecastLabDB } from './db';
import { CHUNK_ROWS, deleteDataset, listDatasets, loadFrame, saveFrame } from './datasets';
import { StorageQuotaError, withQuotaCheck } from './errors';
import { latestRun, saveRun, type StoredRun } from './runs';

let counter = 0;
const dbs: CryptoForecastLabDB[] = [];
function freshDb(): CryptoForecastLabDB {
  const db = openDb(`test-${++counter}`);
  dbs.push(db);
  return db;
}
afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await db.delete();
  }
});

function bigFrame(rows: number): Frame {
  const time = Float64Array.from({ length: rows }, (_, i) => 1_600_000_000_000 + i * 60_000);
  const column = (k: number) => Float64Array.from({ length: rows }, (_, i) => (i % 97 === k ? NaN : Math.sin(i * (k + 1)) * 1000 + k));
  return {
    time,
    columns: { open: column(1), high: column(2), low: column(3), close: column(4), volume: column(5) },
    meta: { name: 'big', intervalMs: 60_000, synthetic: false, source: 'test' },
  };
}

describe('datasets', () => {
  it('round-trips a 200,000-row frame bit for bit in 4 chunks, stored once under its hash', async () => {
    const db = freshDb();
    const frame = bigFrame(200_000);
    const meta = await saveFrame(db, frame, { type: 'test' });
    expect(meta.chunkCount).toBe(Math.ceil(200_000 / CHUNK_ROWS));
    expect(meta.chunkCount).toBe(4);
    expect(await db.chunks.count()).toBe(4);
    const again = await saveFrame(db, frame, { type: 'test' });
    expect(again.id).toBe(meta.id);
    expect(await db.datasets.count()).toBe(1);
    expect(await db.chunks.count()).toBe(4);

    const loaded = await loadFrame(db, meta.id);
    expect(loaded.time).toEqual(frame.time);
    for (const name of Object.keys(frame.columns)) {
      // toEqual treats NaN as equal to NaN, position by position.
      expect(loaded.columns[name]).toEqual(frame.columns[name]);
    }
    expect((await listDatasets(db)).map((d) => d.id)).toEqual([meta.id]);
  });

  it('stores nothing when the write fails half-way', async () => {
    const db = freshDb();
    db.chunks.hook('creating', function (_key, chunk) {
      if (chunk.index === 2) throw new Error('disk on fire');
    });
    await expect(saveFrame(db, bigFrame(200_000), null)).rejects.toThrow('disk on fire');
    expect(await db.datasets.count()).toBe(0);
    expect(await db.chunks.count()).toBe(0);
  });

  it('deletes a dataset with its chunks', async () => {
    const db = freshDb();
    const meta = await saveFrame(db, bigFrame(70_000), null);
    await deleteDataset(db, meta.id);
    expect(await db.datasets.count()).toBe(0);
    expect(await db.chunks.count()).toBe(0);
    await expect(loadFrame(db, meta.id)).rejects.toThrow(/no stored dataset/);
  });

  it('names the dataset and the damage when a stored chunk is corrupt or missing', async () => {
    const db = freshDb();
    const meta = await saveFrame(db, bigFrame(70_000), null);
    await db.chunks.update([meta.id, 1], { time: 'garbage' as unknown as Float64Array });
    await expect(loadFrame(db, meta.id)).rejects.toThrow(new RegExp(`stored dataset ${meta.id.slice(0, 12)}… is damaged \\(chunk 1`));
    await db.chunks.delete([meta.id, 1]);
    await expect(loadFrame(db, meta.id)).rejects.toThrow(/1 of 2 chunks present/);
  });
});

describe('storage errors', () => {
  it('turns a quota failure (also wrapped by dexie) into StorageQuotaError with what to do', async () => {
    const quota = new DOMException('full', 'QuotaExceededError');
    await expect(withQuotaCheck(() => Promise.reject(quota))).rejects.toBeInstanceOf(StorageQuotaError);
    const wrapped = Object.assign(new Error('Transaction aborted'), { name: 'AbortError', inner: quota });
    await expect(withQuotaCheck(() => Promise.reject(wrapped))).rejects.toThrow(/storage is full.*delete old datasets or runs/);
    await expect(withQuotaCheck(() => Promise.reject(new Error('other')))).rejects.toThrow('other');
  });

  it('surfaces a quota failure from a real dexie write', async () => {
    const db = freshDb();
    db.datasets.hook('creating', () => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    await expect(saveFrame(db, bigFrame(10), null)).rejects.toBeInstanceOf(StorageQuotaError);
    expect(await db.chunks.count()).toBe(0);
  });
});

describe('runs', () => {
  it('returns the newest valid run of a notebook and skips damaged rows', async () => {
    const db = freshDb();
    const { readFileSync } = await import('node:fs');
    const fixture = JSON.parse(readFileSync(new URL('./fixtures/run-v1.json', import.meta.url), 'utf8')) as StoredRun;
    await saveRun(db, { ...fixture, id: 'a', createdAt: 1 });
    await saveRun(db, { ...fixture, id: 'b', createdAt: 3 });
    await saveRun(db, { ...fixture, id: 'other', notebookId: 'other', createdAt: 5 });
    await db.runs.put({ ...fixture, id: 'broken', createdAt: 4, report: { nope: true } });
    expect((await latestRun(db, fixture.notebookId))?.id).toBe('b');
    expect(await latestRun(db, 'missing')).toBeNull();
  });
});
