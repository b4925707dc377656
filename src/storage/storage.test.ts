import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Frame } from '../core/frame';
import { openDb, type CryptoForecastLabDB } from './db';
import { CHUNK_ROWS, deleteDataset, listDatasets, loadFrame, saveFrame } from './datasets';
import { isQuotaError, requestPersistence, StorageCorruptError, StorageQuotaError, withQuotaCheck } from './errors';
import { listNotebooks, loadNotebook, saveNotebook } from './notebooks';
import { latestRun, listRuns, saveRun, type StoredRun } from './runs';

let counter = 0;
const dbs: CryptoForecastLabDB[] = [];
function freshDb(): CryptoForecastLabDB {
  const db = openDb(`test-${++counter}`);
  dbs.push(db);
  return db;
}
afterEach(async () => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  for (const db of dbs.splice(0)) {
    db.close();
    await db.delete();
  }
});

function bigFrame(rows: number, name = 'big'): Frame {
  const time = Float64Array.from({ length: rows }, (_, i) => 1_600_000_000_000 + i * 60_000);
  const column = (k: number) => Float64Array.from({ length: rows }, (_, i) => (i % 97 === k ? NaN : Math.sin(i * (k + 1)) * 1000 + k));
  return {
    time,
    columns: { open: column(1), high: column(2), low: column(3), close: column(4), volume: column(5), trades: column(6) },
    meta: { name, intervalMs: 60_000, synthetic: false, source: 'test-source' },
  };
}

const bytes = (a: Float64Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

describe('datasets', () => {
  it('round-trips a 200,000-row, 6-column frame bit for bit in 4 chunks, stored once under its hash', async () => {
    const db = freshDb();
    const frame = bigFrame(200_000);
    // A NaN with an unusual payload must come back with the same bits.
    new Uint32Array(frame.columns.close!.buffer)[2 * 12_345] = 0xdead;
    new Uint32Array(frame.columns.close!.buffer)[2 * 12_345 + 1] = 0x7ff80000;
    const meta = await saveFrame(db, frame, { type: 'demo', seed: 7 });
    expect(meta.chunkCount).toBe(4);
    expect(meta).toMatchObject({ rows: 200_000, start: frame.time[0], end: frame.time[199_999], source: { type: 'demo', seed: 7 } });
    expect(await db.chunks.count()).toBe(4);

    const again = await saveFrame(db, frame, { type: 'other' });
    expect(again).toEqual(meta);
    expect(await db.datasets.count()).toBe(1);
    expect(await db.chunks.count()).toBe(4);

    const loaded = await loadFrame(db, meta.id);
    expect(loaded.meta).toEqual(frame.meta);
    expect(Object.keys(loaded.columns)).toEqual(Object.keys(frame.columns));
    expect(Buffer.compare(bytes(loaded.time), bytes(frame.time))).toBe(0);
    for (const name of Object.keys(frame.columns)) {
      expect(Buffer.compare(bytes(loaded.columns[name]!), bytes(frame.columns[name]!)), name).toBe(0);
    }
    expect((await listDatasets(db)).map((d) => d.id)).toEqual([meta.id]);
  });

  it('stores nothing when the write fails half-way (after meta and two chunks)', async () => {
    const db = freshDb();
    let written = 0;
    db.chunks.hook('creating', function (_key, chunk) {
      if (chunk.index === 2) throw new Error('disk on fire');
      written++;
    });
    await expect(saveFrame(db, bigFrame(200_000), null)).rejects.toThrow('disk on fire');
    expect(written).toBe(2);
    expect(await db.datasets.count()).toBe(0);
    expect(await db.chunks.count()).toBe(0);
  });

  it('refuses frames it could not read back, with the column named', async () => {
    const db = freshDb();
    const frame = bigFrame(10);
    frame.columns.close = new Float64Array(9);
    await expect(saveFrame(db, frame, null)).rejects.toThrow('cannot store "big": column "close" has 9 rows, time has 10');
    await expect(saveFrame(db, bigFrame(0), null)).rejects.toThrow(/no rows/);
    expect(await db.datasets.count()).toBe(0);
  });

  it('deletes a dataset with its chunks and leaves others alone', async () => {
    const db = freshDb();
    const meta = await saveFrame(db, bigFrame(70_000), null);
    const other = await saveFrame(db, bigFrame(100, 'other'), null);
    await deleteDataset(db, meta.id);
    expect(await db.datasets.count()).toBe(1);
    expect(await db.chunks.where('datasetId').equals(meta.id).count()).toBe(0);
    expect(await db.chunks.count()).toBe(1);
    await expect(loadFrame(db, meta.id)).rejects.toThrow(/no stored dataset/);
    expect((await loadFrame(db, other.id)).time.length).toBe(100);
  });

  it('names the dataset and the damage when a stored chunk is corrupt, short or missing', async () => {
    const db = freshDb();
    const meta = await saveFrame(db, bigFrame(70_000, 'BTC 1m'), null);
    const prefix = `stored dataset "BTC 1m" (${meta.id.slice(0, 12)}…) is damaged`;
    await db.chunks.update([meta.id, 1], { time: 'garbage' as unknown as Float64Array });
    const error = await loadFrame(db, meta.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageCorruptError);
    expect((error as Error).message).toMatch(`${prefix}: chunk 1 time: `);
    expect((error as Error).message).toMatch(/Float64Array.*; delete it in the Library and load the data again$/);

    await db.chunks.update([meta.id, 1], { time: new Float64Array(5) });
    await expect(loadFrame(db, meta.id)).rejects.toThrow(`${prefix}: chunk 1 has 5 rows, expected ${70_000 - CHUNK_ROWS}`);

    await db.chunks.delete([meta.id, 1]);
    await expect(loadFrame(db, meta.id)).rejects.toThrow(`${prefix}: expected chunks 0..1, found [0]`);

    await db.datasets.update(meta.id, { rows: -1 });
    await expect(loadFrame(db, meta.id)).rejects.toThrow(/"BTC 1m" .* is damaged: metadata rows:/);
    expect(await listDatasets(db)).toEqual([]);
  });
});

describe('storage errors', () => {
  it('turns a quota failure (also wrapped by dexie) into StorageQuotaError with what to do', async () => {
    const quota = new DOMException('full', 'QuotaExceededError');
    await expect(withQuotaCheck(() => Promise.reject(quota))).rejects.toBeInstanceOf(StorageQuotaError);
    const wrapped = Object.assign(new Error('Transaction aborted'), { name: 'AbortError', inner: quota });
    await expect(withQuotaCheck(() => Promise.reject(wrapped))).rejects.toThrow(/storage is full.*delete old datasets or runs in the Library/);
    expect(isQuotaError(Object.assign(new Error('bulk'), { name: 'BulkError', failures: [new Error('x'), quota] }))).toBe(true);
    expect(isQuotaError(new Error('other', { cause: quota }))).toBe(true);
    await expect(withQuotaCheck(() => Promise.reject(new Error('other')))).rejects.toThrow('other');
  });

  it('maps a quota failure from a real dexie write, says how much is stored, and stores nothing', async () => {
    vi.stubGlobal('navigator', { storage: { estimate: () => Promise.resolve({ usage: 2_150_000_000, quota: 2_200_000_000 }) } });
    const db = freshDb();
    vi.spyOn(db.chunks, 'put').mockRejectedValue(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    const error = await saveFrame(db, bigFrame(10), null).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageQuotaError);
    expect((error as StorageQuotaError).usage).toEqual({ usage: 2_150_000_000, quota: 2_200_000_000 });
    expect((error as Error).message).toBe(
      'Browser storage is full (this site stores 2.15 GB of the 2.20 GB it may use): delete old datasets or runs in the Library, or free disk space, then try again.',
    );
    expect(await db.datasets.count()).toBe(0);
    expect(await db.chunks.count()).toBe(0);
  });

  it('maps a quota failure thrown inside dexie (table hook) too', async () => {
    const db = freshDb();
    db.runs.hook('creating', () => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    const error = await saveRun(db, run('a', 1)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageQuotaError);
    expect((error as Error).message).toMatch(/^Browser storage is full: delete old datasets or runs in the Library/);
  });

  it('requests persistent storage where the browser offers it', async () => {
    expect(await requestPersistence()).toBe(false); // no navigator.storage in Node
    const persist = vi.fn(() => Promise.resolve(true));
    vi.stubGlobal('navigator', { storage: { persisted: () => Promise.resolve(false), persist } });
    expect(await requestPersistence()).toBe(true);
    expect(persist).toHaveBeenCalledOnce();
    vi.stubGlobal('navigator', { storage: { persisted: () => Promise.resolve(false), persist: () => Promise.reject(new Error('no')) } });
    expect(await requestPersistence()).toBe(false);
  });
});

// A run record as version 1 wrote it.
const runFixture = JSON.parse(readFileSync(new URL('./fixtures/run-v1.json', import.meta.url), 'utf8')) as StoredRun;
function run(id: string, createdAt: number, notebookId = runFixture.notebookId): StoredRun {
  return { ...runFixture, id, createdAt, notebookId };
}

describe('runs', () => {
  it('returns the newest run of a notebook in the current format; lists every valid row newest first', async () => {
    const db = freshDb();
    await saveRun(db, run('a', 1));
    await saveRun(db, run('b', 3));
    await saveRun(db, run('other', 5, 'other'));
    await db.runs.put({ ...run('old-format', 4), report: { nope: true } });
    await db.runs.put({ ...run('broken', 6), report: 'not an object' });
    expect((await latestRun(db, runFixture.notebookId))?.id).toBe('b');
    expect(await latestRun(db, 'missing')).toBeNull();
    expect((await listRuns(db, runFixture.notebookId)).map((r) => r.id)).toEqual(['old-format', 'b', 'a']);
  });
});

describe('notebooks', () => {
  it('stores the raw document and lists by last save', async () => {
    const db = freshDb();
    const doc = { schema: 'crypto-forecast-lab/notebook', version: 1, title: 'BTC daily', cells: [] };
    await saveNotebook(db, 'nb-1', doc);
    await new Promise((r) => setTimeout(r, 2));
    await saveNotebook(db, 'nb-2', { title: 42 });
    expect(await loadNotebook(db, 'nb-1')).toEqual(doc);
    expect(await loadNotebook(db, 'missing')).toBeNull();
    expect((await listNotebooks(db)).map((n) => [n.id, n.title])).toEqual([['nb-2', ''], ['nb-1', 'BTC daily']]);
    await db.notebooks.update('nb-1', { updatedAt: 'yesterday' as unknown as number });
    await expect(loadNotebook(db, 'nb-1')).rejects.toThrow('stored notebook "nb-1" is damaged');
  });
});
