import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type CryptoForecastLabDB } from './db';
import { deleteNotebook, listNotebooks, loadNotebookRecord, restoreNotebook, saveNotebook, saveNotebookRevision } from './notebooks';

let counter = 0;
const dbs: CryptoForecastLabDB[] = [];
function freshDb(): CryptoForecastLabDB {
  const db = openDb(`notebooks-test-${++counter}`);
  dbs.push(db);
  return db;
}
afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await db.delete();
  }
});

const doc = (title: string) => ({ schema: 'crypto-forecast-lab/notebook', version: 1, title, cells: [] });

describe('notebook revisions', () => {
  it('creates at revision 1, counts saves, keeps createdAt and moves updatedAt', async () => {
    const db = freshDb();
    const first = await saveNotebookRevision(db, 'nb', doc('one'), null);
    expect(first).toMatchObject({ status: 'saved', notebook: { id: 'nb', title: 'one', revision: 1 } });
    await new Promise((r) => setTimeout(r, 2));
    const second = await saveNotebookRevision(db, 'nb', doc('two'), 1);
    if (second.status !== 'saved' || first.status !== 'saved') throw new Error('expected saves');
    expect(second.notebook.revision).toBe(2);
    expect(second.notebook.createdAt).toBe(first.notebook.createdAt);
    expect(second.notebook.updatedAt).toBeGreaterThan(first.notebook.updatedAt);
    expect((await loadNotebookRecord(db, 'nb'))?.doc).toEqual(doc('two'));
  });

  it('refuses a save against a stale revision and writes nothing (compare-and-set)', async () => {
    const db = freshDb();
    await saveNotebookRevision(db, 'nb', doc('base'), null);
    await saveNotebookRevision(db, 'nb', doc('tab A'), 1);
    const stale = await saveNotebookRevision(db, 'nb', doc('tab B'), 1);
    expect(stale).toMatchObject({ status: 'conflict', current: { revision: 2, title: 'tab A' } });
    expect((await loadNotebookRecord(db, 'nb'))?.doc).toEqual(doc('tab A'));
    // Creating over an existing id is a conflict too, and saving a deleted notebook reports null.
    expect(await saveNotebookRevision(db, 'nb', doc('new'), null)).toMatchObject({ status: 'conflict', current: { revision: 2 } });
    await deleteNotebook(db, 'nb');
    expect(await saveNotebookRevision(db, 'nb', doc('tab B'), 2)).toEqual({ status: 'conflict', current: null });
  });

  it('lets exactly one of two concurrent saves on the same revision win', async () => {
    const db = freshDb();
    await saveNotebookRevision(db, 'nb', doc('base'), null);
    const outcomes = await Promise.all([saveNotebookRevision(db, 'nb', doc('A'), 1), saveNotebookRevision(db, 'nb', doc('B'), 1)]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['conflict', 'saved']);
    expect((await loadNotebookRecord(db, 'nb'))?.revision).toBe(2);
  });

  it('saveNotebook writes a new revision whatever is stored', async () => {
    const db = freshDb();
    expect((await saveNotebook(db, 'nb', doc('a'))).revision).toBe(1);
    expect((await saveNotebook(db, 'nb', doc('b'))).revision).toBe(2);
  });
});

describe('delete and undo', () => {
  it('deletes a notebook and restores it exactly, revision included', async () => {
    const db = freshDb();
    await saveNotebookRevision(db, 'nb', doc('keep me'), null);
    await saveNotebookRevision(db, 'nb', doc('keep me 2'), 1);
    const before = await loadNotebookRecord(db, 'nb');
    const deleted = await deleteNotebook(db, 'nb');
    expect(deleted).toEqual(before);
    expect(await loadNotebookRecord(db, 'nb')).toBeNull();
    expect(await listNotebooks(db)).toEqual([]);
    expect(await deleteNotebook(db, 'nb')).toBeNull();
    if (!deleted) throw new Error('expected the deleted row');
    await restoreNotebook(db, deleted);
    expect(await loadNotebookRecord(db, 'nb')).toEqual(before);
    await expect(restoreNotebook(db, deleted)).rejects.toThrow('a notebook "nb" is stored again');
  });
});

describe('rows written before revisions', () => {
  it('reads a row without createdAt and revision (fixture of the old layout) as revision 1, and saves on from it', async () => {
    const db = freshDb();
    const old: unknown = JSON.parse(readFileSync(new URL('./fixtures/notebook-v1.json', import.meta.url), 'utf8'));
    await db.table('notebooks').put(old);
    const record = await loadNotebookRecord(db, 'user-old');
    expect(record).toMatchObject({ revision: 1, createdAt: 1_700_000_000_000, updatedAt: 1_700_000_000_000, title: 'Stored before revisions' });
    expect((await listNotebooks(db)).map((n) => [n.id, n.revision])).toEqual([['user-old', 1]]);
    const saved = await saveNotebookRevision(db, 'user-old', doc('edited'), 1);
    expect(saved).toMatchObject({ status: 'saved', notebook: { revision: 2, createdAt: 1_700_000_000_000 } });
  });

  it('reports a damaged row by its id', async () => {
    const db = freshDb();
    await db.table('notebooks').put({ id: 'bad', title: 'x', doc: {}, updatedAt: 1, revision: 'two' });
    await expect(loadNotebookRecord(db, 'bad')).rejects.toThrow('stored notebook "bad" is damaged');
    await expect(saveNotebookRevision(db, 'bad', doc('x'), 1)).rejects.toThrow('stored notebook "bad" is damaged');
  });
});
