import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { parseNotebook, parseNotebookJson } from '../notebook/parse';
import type { NotebookDoc } from '../notebook/schema';
import { BUILTIN_NOTEBOOKS } from '../services/builtinNotebooks';
import { createNotebookLibrary } from '../services/library';
import { openDb, type CryptoForecastLabDB } from '../storage/db';
import { listNotebooks, loadNotebookRecord } from '../storage/notebooks';
import { latestRun, saveRun, type StoredRun } from '../storage/runs';
import { createLibraryActions } from './libraryActions';
import { initialLabState } from './labState';
import { initialLibraryState } from './libraryState';
import { createStore } from './store';

const tinyText = readFileSync(new URL('../../public/notebooks/tiny.json', import.meta.url), 'utf8');
const tiny = parseNotebookJson(tinyText);
const runFixture = JSON.parse(readFileSync(new URL('../storage/fixtures/run-v1.json', import.meta.url), 'utf8')) as StoredRun;

let counter = 0;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function freshDbName(): string {
  const name = `library-actions-${++counter}`;
  cleanups.push(async () => {
    const db = openDb(name);
    await db.delete();
  });
  return name;
}

/** One browser tab: its own database connection, channel, lab store and library actions. */
function openTab(dbName: string, autosaveDelayMs = 20) {
  const db: CryptoForecastLabDB = openDb(dbName);
  const library = createNotebookLibrary(db);
  const lab = createStore(initialLabState(BUILTIN_NOTEBOOKS, 'auto'));
  const store = createStore(initialLibraryState());
  // The lab's own open/catalog actions, reduced to what they do with the document.
  const labActions = {
    async refreshCatalog() {
      lab.setState({ catalog: (await library.list()).map((n) => ({ id: n.id, title: n.title })) });
    },
    async openNotebook(id: string) {
      lab.setState({ notebookId: id, doc: null });
      const doc = id === 'tiny' ? tiny : ((await library.load(id))?.doc ?? null);
      lab.setState({ doc });
    },
  };
  const actions = createLibraryActions(store, lab, { library, labActions, autosaveDelayMs });
  cleanups.push(() => {
    actions.dispose();
    library.close();
    db.close();
  });
  const edit = (change: (doc: NotebookDoc) => NotebookDoc) => {
    const doc = lab.getState().doc;
    if (!doc) throw new Error('no notebook open');
    lab.setState({ doc: change(doc) });
  };
  return { db, lab, store, actions, library, labActions, edit };
}

const retitle = (title: string) => (doc: NotebookDoc) => ({ ...doc, title });

describe('autosave', () => {
  it('forks a built-in on its first edit, then saves later edits as new revisions of the copy', async () => {
    const tab = openTab(freshDbName());
    await tab.labActions.openNotebook('tiny');
    tab.edit(retitle('My tiny'));
    expect(tab.store.getState().save.status).toBe('unsaved');
    await expect.poll(() => tab.lab.getState().notebookId).toMatch(/^user-/);
    const id = tab.lab.getState().notebookId ?? '';
    await expect.poll(() => tab.store.getState().save.status).toBe('saved');
    expect(await loadNotebookRecord(tab.db, 'tiny')).toBeNull();
    expect(await loadNotebookRecord(tab.db, id)).toMatchObject({ title: 'My tiny', revision: 1 });
    expect(tab.lab.getState().catalog.map((e) => e.id)).toContain(id);

    tab.edit(retitle('My tiny 2'));
    tab.edit(retitle('My tiny 3'));
    await tab.actions.saveCurrentNotebook();
    expect(await loadNotebookRecord(tab.db, id)).toMatchObject({ title: 'My tiny 3', revision: 2 });
    expect(tab.store.getState().save.status).toBe('saved');
    await expect.poll(() => tab.lab.getState().catalog.find((e) => e.id === id)?.title).toBe('My tiny 3');

    // An edit undone (the stored document object back in place) leaves nothing to save.
    const stored = tab.lab.getState().doc;
    tab.edit(retitle('My tiny 4'));
    expect(tab.store.getState().save.status).toBe('unsaved');
    tab.lab.setState({ doc: stored });
    expect(tab.store.getState().save.status).toBe('saved');
    await tab.actions.saveCurrentNotebook();
    expect((await loadNotebookRecord(tab.db, id))?.revision).toBe(2);
  });
});

describe('a built-in’s copy keeps its last run', () => {
  it('the first edit’s copy restores the run made before it; a later run of the built-in stays with the built-in', async () => {
    const tab = openTab(freshDbName());
    await saveRun(tab.db, { ...runFixture, id: 'tiny-1000', notebookId: 'tiny', createdAt: 1000 });
    await tab.labActions.openNotebook('tiny');
    tab.edit(retitle('My tiny'));
    await expect.poll(() => tab.lab.getState().notebookId).toMatch(/^user-/);
    const id = tab.lab.getState().notebookId ?? '';
    await expect.poll(() => tab.store.getState().save.status).toBe('saved');
    expect(await latestRun(tab.db, id)).toMatchObject({ notebookId: id, createdAt: 1000, report: runFixture.report });
    expect(await latestRun(tab.db, 'tiny')).toMatchObject({ notebookId: 'tiny', createdAt: 1000 });

    // The copy's own newer run is never replaced by an older one of the built-in.
    await saveRun(tab.db, { ...runFixture, id: `${id}-3000`, notebookId: id, createdAt: 3000 });
    await saveRun(tab.db, { ...runFixture, id: 'tiny-2000', notebookId: 'tiny', createdAt: 2000 });
    await tab.library.carryRun('tiny', id);
    expect((await latestRun(tab.db, id))?.createdAt).toBe(3000);
    // A run of the built-in that finished after the fork (started before it) is carried when asked.
    await saveRun(tab.db, { ...runFixture, id: 'tiny-4000', notebookId: 'tiny', createdAt: 4000 });
    await tab.library.carryRun('tiny', id);
    expect((await latestRun(tab.db, id))?.createdAt).toBe(4000);
  });
});

describe('autosave keeps edits when the notebook changes under them', () => {
  it('stores unsaved edits before reopening the same notebook or opening another', async () => {
    const tab = openTab(freshDbName(), 60_000);
    await tab.actions.importFile({ name: 'tiny.json', text: async () => tinyText });
    const id = tab.lab.getState().notebookId ?? '';
    tab.edit(retitle('Unsaved 1'));
    await tab.labActions.openNotebook(id);
    await expect.poll(() => tab.lab.getState().doc?.title).toBe('Unsaved 1');
    expect(await loadNotebookRecord(tab.db, id)).toMatchObject({ title: 'Unsaved 1', revision: 2 });
    tab.edit(retitle('Unsaved 2'));
    await tab.labActions.openNotebook('tiny');
    await expect.poll(async () => (await loadNotebookRecord(tab.db, id))?.title).toBe('Unsaved 2');
    expect(tab.store.getState().save.status).toBe('saved');
  });
});

describe('library actions', () => {
  it('renames, forks, deletes with undo, and lists titles with revisions', async () => {
    const tab = openTab(freshDbName());
    await tab.actions.importFile({ name: 'tiny.json', text: async () => tinyText });
    const id = tab.lab.getState().notebookId ?? '';
    expect(id).toMatch(/^user-/);
    await tab.actions.rename(id, '  Renamed  ');
    expect(tab.lab.getState().doc?.title).toBe('Renamed');
    await tab.actions.saveCurrentNotebook();
    expect(await loadNotebookRecord(tab.db, id)).toMatchObject({ title: 'Renamed', revision: 2 });
    await tab.actions.rename(id, ' ');
    expect(tab.store.getState().error).toContain('1 to 200 characters');

    await tab.actions.fork(id);
    const copyId = tab.lab.getState().notebookId ?? '';
    expect(copyId).not.toBe(id);
    expect(tab.lab.getState().doc?.title).toBe('Renamed (copy)');
    // Renaming a notebook that is not open stores a new revision of it.
    await tab.actions.rename(id, 'Original');
    expect(await loadNotebookRecord(tab.db, id)).toMatchObject({ title: 'Original', revision: 3 });
    const listed = tab.store.getState().notebooks ?? [];
    expect(listed.filter((n) => n.builtin).map((n) => n.id)).toEqual(BUILTIN_NOTEBOOKS.map((e) => e.id));
    expect(listed.filter((n) => !n.builtin).map((n) => [n.title, n.revision])).toEqual([
      ['Original', 3],
      ['Renamed (copy)', 1],
    ]);

    // Deleting the open notebook opens the first built-in; Undo puts it back and reopens it.
    await tab.actions.remove(copyId);
    expect(tab.store.getState().deleted).toEqual({ id: copyId, title: 'Renamed (copy)' });
    expect(tab.lab.getState().notebookId).toBe(BUILTIN_NOTEBOOKS[0]?.id);
    expect((await listNotebooks(tab.db)).map((n) => n.id)).toEqual([id]);
    await tab.actions.undoDelete();
    expect(tab.store.getState().deleted).toBeNull();
    expect(tab.lab.getState().notebookId).toBe(copyId);
    expect(tab.lab.getState().doc?.title).toBe('Renamed (copy)');
    expect((await loadNotebookRecord(tab.db, copyId))?.revision).toBe(1);
  });

  it('rejects an invalid import with the path of each problem and stores nothing', async () => {
    const tab = openTab(freshDbName());
    const bad = JSON.parse(tinyText) as { cells: { model?: { units?: unknown } }[] };
    const modelCell = bad.cells.findIndex((c) => c.model !== undefined);
    const model = bad.cells[modelCell]?.model;
    if (!model) throw new Error('tiny.json has no model cell');
    model.units = -3;
    await tab.actions.importFile({ name: 'bad.json', text: async () => JSON.stringify(bad) });
    const error = tab.store.getState().importError;
    expect(error?.fileName).toBe('bad.json');
    expect(error?.problems.some((p) => p.startsWith(`cells[${modelCell}].model`) && p.includes('units'))).toBe(true);
    await tab.actions.importFile({ name: 'broken.json', text: async () => '{"title": ' });
    expect(tab.store.getState().importError?.problems[0]).toMatch(/^not valid JSON/);
    expect(await listNotebooks(tab.db)).toEqual([]);
    expect(tab.lab.getState().notebookId).toBeNull();
  });

  it('exports the JSON the CLI parses back to the same document', async () => {
    const tab = openTab(freshDbName());
    await tab.labActions.openNotebook('tiny');
    tab.edit(retitle('Exported: tiny / v2'));
    const file = await tab.actions.exportNotebook(tab.lab.getState().notebookId ?? '');
    expect(file?.fileName).toBe('exported-tiny-v2.json');
    const doc = tab.lab.getState().doc;
    expect(parseNotebookJson(file?.text ?? '')).toEqual(doc);
    expect(parseNotebook(doc)).toEqual(doc);
  });
});

describe('two tabs on one notebook', () => {
  async function twoTabs(delayB = 20) {
    const name = freshDbName();
    const a = openTab(name);
    await a.actions.importFile({ name: 'tiny.json', text: async () => tinyText });
    const id = a.lab.getState().notebookId ?? '';
    const b = openTab(name, delayB);
    await b.labActions.openNotebook(id);
    await expect.poll(async () => (await loadNotebookRecord(a.db, id))?.revision).toBe(1);
    return { a, b, id };
  }

  it('a tab without unsaved edits shows the other tab’s save', async () => {
    const { a, b, id } = await twoTabs();
    a.edit(retitle('From A'));
    await a.actions.saveCurrentNotebook();
    await expect.poll(() => b.lab.getState().doc?.title).toBe('From A');
    expect(b.store.getState().notice).toContain('changed in another tab');
    // B edits on from A's revision without a conflict.
    b.edit(retitle('From B'));
    await b.actions.saveCurrentNotebook();
    expect(await loadNotebookRecord(a.db, id)).toMatchObject({ title: 'From B', revision: 3 });
    expect(b.store.getState().conflict).toBeNull();
  });

  it('a tab with unsaved edits is asked, never overwrites silently, and keeps its edits as a copy', async () => {
    const { a, b, id } = await twoTabs(60_000);
    b.edit(retitle('B unsaved'));
    a.edit(retitle('A saved'));
    await a.actions.saveCurrentNotebook();
    await expect.poll(() => b.store.getState().conflict).toEqual({ id, title: 'B unsaved', theirRevision: 2 });
    await b.actions.saveCurrentNotebook();
    expect(await loadNotebookRecord(a.db, id)).toMatchObject({ title: 'A saved', revision: 2 });
    await b.actions.resolveConflict('copy');
    expect(b.store.getState().conflict).toBeNull();
    const copyId = b.lab.getState().notebookId ?? '';
    expect(copyId).not.toBe(id);
    expect(await loadNotebookRecord(a.db, copyId)).toMatchObject({ title: 'B unsaved (my copy)' });
    expect(await loadNotebookRecord(a.db, id)).toMatchObject({ title: 'A saved', revision: 2 });
  });

  it('a save racing the other tab’s message still conflicts (compare-and-set), then overwrite or theirs', async () => {
    const { a, b, id } = await twoTabs();
    a.library.close(); // A's message never arrives: only the revision check protects A's save.
    a.edit(retitle('A saved'));
    await a.actions.saveCurrentNotebook();
    b.edit(retitle('B edit'));
    await b.actions.saveCurrentNotebook();
    expect(b.store.getState().conflict).toEqual({ id, title: 'B edit', theirRevision: 2 });
    expect((await loadNotebookRecord(b.db, id))?.title).toBe('A saved');
    await b.actions.resolveConflict('overwrite');
    expect(await loadNotebookRecord(b.db, id)).toMatchObject({ title: 'B edit', revision: 3 });

    a.edit(retitle('A again'));
    await a.actions.saveCurrentNotebook();
    expect(a.store.getState().conflict).toMatchObject({ theirRevision: 3 });
    await a.actions.resolveConflict('theirs');
    expect(a.lab.getState().doc?.title).toBe('B edit');
    a.edit(retitle('A after theirs'));
    await a.actions.saveCurrentNotebook();
    expect(await loadNotebookRecord(b.db, id)).toMatchObject({ title: 'A after theirs', revision: 4 });
  });

  it('leaving a notebook whose save conflicts stores the edits as a copy', async () => {
    const { a, b, id } = await twoTabs(60_000);
    a.library.close();
    a.edit(retitle('A saved'));
    await a.actions.saveCurrentNotebook();
    b.edit(retitle('B leaves'));
    await b.labActions.openNotebook('tiny');
    await expect.poll(async () => (await listNotebooks(b.db)).map((n) => n.title)).toContain('B leaves (conflicting copy)');
    expect((await loadNotebookRecord(b.db, id))?.title).toBe('A saved');
  });
});
