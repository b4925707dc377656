import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { parseNotebookJson } from '../notebook/parse';
import { openDb, type CryptoForecastLabDB } from '../storage/db';
import { saveRun, type StoredRun } from '../storage/runs';
import { BUILTIN_NOTEBOOKS } from './builtinNotebooks';
import { createNotebookLibrary, type NotebookChange } from './library';

const tiny = parseNotebookJson(readFileSync(new URL('../../public/notebooks/tiny.json', import.meta.url), 'utf8'));
const runFixture = JSON.parse(readFileSync(new URL('../storage/fixtures/run-v1.json', import.meta.url), 'utf8')) as StoredRun;

let counter = 0;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
function freshDb(name = `library-service-${++counter}`): CryptoForecastLabDB {
  const db = openDb(name);
  cleanups.push(async () => {
    db.close();
    await openDb(name).delete();
  });
  return db;
}

describe('notebook library service', () => {
  it('lists built-ins, then user notebooks with their last run’s headline metrics', async () => {
    const db = freshDb();
    const library = createNotebookLibrary(db);
    cleanups.push(() => library.close());
    const { id } = await library.create({ ...tiny, title: 'Mine' });
    await saveRun(db, { ...runFixture, id: 'run-1', notebookId: id, createdAt: 1_700_000_000_000 });
    const listed = await library.list();
    expect(listed.map((n) => n.id)).toEqual([...BUILTIN_NOTEBOOKS.map((e) => e.id), id]);
    const mine = listed.find((n) => n.id === id);
    expect(mine).toMatchObject({ title: 'Mine', builtin: false, revision: 1 });
    expect(mine?.headline).toEqual({
      runAt: 1_700_000_000_000,
      rmse: runFixture.report.metrics.rmse,
      directionalAccuracy: runFixture.report.metrics.directionalAccuracy,
      sharpe: runFixture.report.backtest.strategy.sharpe,
    });
    expect(typeof mine?.headline?.rmse).toBe('number');
    expect(listed.find((n) => n.id === 'tiny')).toMatchObject({ builtin: true, revision: null, headline: null });
  });

  it('tells another tab’s library of saves and deletions, not itself, and ignores foreign messages', async () => {
    const name = `library-service-${++counter}`;
    const a = createNotebookLibrary(freshDb(name));
    const b = createNotebookLibrary(freshDb(name));
    cleanups.push(() => a.close(), () => b.close());
    const heardByA: NotebookChange[] = [];
    const heardByB: NotebookChange[] = [];
    a.onChange((c) => heardByA.push(c));
    b.onChange((c) => heardByB.push(c));
    const stranger = new BroadcastChannel('crypto-forecast-lab/notebooks');
    stranger.postMessage({ kind: 'notebook-changed', id: 42 });
    stranger.close();
    const { id } = await a.create(tiny);
    await a.save(id, { ...tiny, title: 'v2' }, 1);
    await a.save(id, { ...tiny, title: 'stale' }, 1);
    await a.remove(id);
    await expect.poll(() => heardByB.length).toBe(3);
    expect(heardByB).toEqual([
      { id, revision: 1 },
      { id, revision: 2 },
      { id, revision: null },
    ]);
    expect(heardByA).toEqual([]);
  });
});
