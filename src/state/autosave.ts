/**
 * Autosave: watches the open notebook's document in the lab store (whoever changes it) and stores
 * it AUTOSAVE_DELAY_MS after the last change, compare-and-set on the revision it was based on.
 * A built-in notebook is never written: its first edit stores a user copy and opens that.
 * Another tab's save arrives over the library's channel: a tab without unsaved edits shows the
 * new version; a tab with unsaved edits stops saving and asks (state `conflict`), and `resolve`
 * applies the user's choice. Edits are never dropped: leaving a notebook whose save conflicts
 * stores them as a copy.
 */
import { canonicalJson } from '../notebook/canonical';
import type { NotebookDoc } from '../notebook/schema';
import type { NotebookChange, NotebookLibrary } from '../services/library';
import type { LabState } from './labState';
import type { LibraryState } from './libraryState';
import type { Store } from './store';

export const AUTOSAVE_DELAY_MS = 500;

export type ConflictChoice = 'theirs' | 'copy' | 'overwrite';

export interface AutosaveHooks {
  /** A notebook was stored under a new id: the catalog and the list must show it. */
  catalogChanged(): Promise<void>;
  /** The open notebook is gone (deleted in another tab, and the user chose theirs). */
  openDefault(): Promise<void>;
  /** A save stored a new revision (the list shows titles and edit times). */
  stored(): void;
}

export interface Autosave {
  /** Stores unsaved edits now (Ctrl/Cmd+S, leaving the page); resolves when stored or refused. */
  saveNow(): Promise<void>;
  resolve(choice: ConflictChoice): Promise<void>;
  /** Drops the open notebook's unsaved edits (it is being deleted). */
  discard(): void;
  dispose(): void;
}

/** The notebook this tab edits: the stored revision its document is based on, and that document. */
interface Tracked {
  id: string | null;
  revision: number | null;
  clean: NotebookDoc | null;
  /** Whether `revision` has been read from storage (saves wait for it). */
  known: boolean;
}

const MAX_TITLE = 200;
export function copyTitle(title: string, suffix: string): string {
  return `${title.slice(0, MAX_TITLE - suffix.length - 3)} (${suffix})`;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function startAutosave(lab: Store<LabState>, store: Store<LibraryState>, library: NotebookLibrary, hooks: AutosaveHooks, delayMs = AUTOSAVE_DELAY_MS): Autosave {
  let tracked: Tracked = { id: null, revision: null, clean: null, known: true };
  let timer: ReturnType<typeof setTimeout> | null = null;
  let chain: Promise<void> = Promise.resolve();
  /** Saves, conflict choices and other tabs' changes run one at a time, in order. */
  const enqueue = (work: () => Promise<void>): Promise<void> => (chain = chain.then(work, work));

  const setSave = (status: LibraryState['save']['status'], error: string | null = null) => store.setState({ save: { status, error } });
  const cancelTimer = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  const isDirty = () => {
    const { notebookId, doc } = lab.getState();
    return notebookId === tracked.id && doc !== null && doc !== tracked.clean;
  };

  /** Shows `doc` as the stored state of `id` (not an edit). */
  const apply = (id: string, doc: NotebookDoc, revision: number | null) => {
    tracked = { id, revision, clean: doc, known: true };
    lab.setState({ notebookId: id, doc });
  };

  /** Learns the stored revision of a freshly opened notebook (and its newest document). */
  const adopt = async (t: Tracked): Promise<void> => {
    const id = t.id;
    if (!id) return;
    try {
      const stored = library.isBuiltin(id) ? null : await library.load(id);
      t.revision = stored?.revision ?? null;
      t.known = true;
      if (tracked !== t) return;
      const shown = lab.getState().doc;
      if (stored && shown === t.clean && canonicalJson(stored.doc) !== canonicalJson(shown)) apply(id, stored.doc, stored.revision);
      else if (isDirty()) schedule();
    } catch (error) {
      setSave('error', `could not read notebook "${id}": ${message(error)}`);
    }
  };

  const track = (id: string | null, doc: NotebookDoc | null) => {
    const t: Tracked = { id, revision: null, clean: doc, known: !(id && doc) };
    tracked = t;
    // In the queue, so it reads the revision after any save of edits left behind.
    if (!t.known) void enqueue(() => adopt(t));
  };

  /** Runs in the queue only, after the revision of `t` is known. */
  const saveTracked = async (t: Tracked, doc: NotebookDoc, leaving: boolean): Promise<void> => {
    const id = t.id;
    if (!id || !t.known) return;
    const isOpen = () => tracked === t;
    if (isOpen()) setSave('saving');
    try {
      if (library.isBuiltin(id)) {
        // The first edit of a built-in: it stays pristine, the edits live on in a user copy.
        const created = await library.create(doc);
        Object.assign(t, { id: created.id, revision: created.revision, clean: doc });
        // The copy starts with the built-in's last run, so a reload restores the results on screen.
        const carried = await library.carryRun(id, created.id).then(
          () => '',
          (error: unknown) => ` (its last run could not be copied: ${message(error)})`,
        );
        if (isOpen()) lab.setState({ notebookId: created.id });
        store.setState({ notice: `Your edits are saved in your own copy of "${doc.title}"; the built-in notebook stays as shipped.${carried}` });
        await hooks.catalogChanged();
      } else {
        const outcome = await library.save(id, doc, t.revision);
        if (outcome.status === 'saved') {
          Object.assign(t, { revision: outcome.notebook.revision, clean: doc });
          hooks.stored();
        } else if (leaving || !isOpen()) {
          const copy = { ...doc, title: copyTitle(doc.title, 'conflicting copy') };
          await library.create(copy);
          store.setState({ notice: `"${doc.title}" was changed in another tab; your edits were stored as "${copy.title}".` });
          await hooks.catalogChanged();
        } else {
          cancelTimer();
          store.setState({ conflict: { id, title: doc.title, theirRevision: outcome.current?.revision ?? null } });
        }
      }
    } catch (error) {
      if (isOpen()) setSave('error', `could not save "${doc.title}": ${message(error)}`);
      return;
    }
    if (!isOpen()) return;
    if (store.getState().conflict || isDirty()) setSave('unsaved');
    else setSave('saved');
    if (!store.getState().conflict && isDirty()) schedule();
  };

  const saveOpen = () =>
    enqueue(async () => {
      const doc = lab.getState().doc;
      // Not known yet: the read queued behind this save schedules it again.
      if (!doc || store.getState().conflict || !tracked.known) return;
      if (!isDirty()) {
        setSave('saved');
        return;
      }
      await saveTracked(tracked, doc, false);
    });

  const schedule = () => {
    cancelTimer();
    timer = setTimeout(() => {
      timer = null;
      void saveOpen();
    }, delayMs);
  };

  const unsubscribeLab = lab.subscribe((state, previous) => {
    // Another notebook, or this one reopened: store what the last one left unsaved, then follow the new one.
    if (state.notebookId !== tracked.id || (state.doc === null && previous.doc !== null)) {
      const left = tracked;
      const leftDoc = previous.doc;
      cancelTimer();
      if (leftDoc && left.id === previous.notebookId && leftDoc !== left.clean) void enqueue(() => saveTracked(left, leftDoc, true));
      track(state.notebookId, state.doc);
      store.setState({ conflict: null, save: { status: 'saved', error: null } });
      return;
    }
    if (state.doc === previous.doc) return;
    if (state.doc === tracked.clean) {
      // Back to the stored version (undo): nothing left to save.
      cancelTimer();
      if (!store.getState().conflict) setSave('saved');
      return;
    }
    if (previous.doc === null) {
      // The open notebook loaded: a new baseline, not an edit.
      track(state.notebookId, state.doc);
      return;
    }
    if (store.getState().conflict) return;
    setSave('unsaved');
    schedule();
  });

  const onChange = (change: NotebookChange) =>
    enqueue(async () => {
      const t = tracked;
      const stale = change.revision !== null && t.revision !== null && change.revision <= t.revision;
      if (change.id !== t.id || stale) return;
      const doc = lab.getState().doc;
      if (isDirty() && doc) {
        cancelTimer();
        store.setState({ conflict: { id: change.id, title: doc.title, theirRevision: change.revision }, save: { status: 'unsaved', error: null } });
      } else if (change.revision === null) {
        t.revision = null;
        store.setState({ notice: `"${doc?.title ?? change.id}" was deleted in another tab; an edit here stores it again.` });
      } else {
        const stored = await library.load(change.id);
        if (!stored || tracked !== t || isDirty()) return;
        apply(change.id, stored.doc, stored.revision);
        store.setState({ notice: 'This notebook was changed in another tab; showing its latest version.' });
      }
    });
  const unsubscribeChannel = library.onChange((change) => void onChange(change));

  const resolve = (choice: ConflictChoice) =>
    enqueue(async () => {
      const conflict = store.getState().conflict;
      const doc = lab.getState().doc;
      if (!conflict || conflict.id !== tracked.id || !doc) return;
      try {
        if (choice === 'theirs') {
          const stored = await library.load(conflict.id);
          store.setState({ conflict: null, save: { status: 'saved', error: null } });
          if (stored) apply(conflict.id, stored.doc, stored.revision);
          else {
            tracked.clean = doc;
            await hooks.openDefault();
          }
          return;
        }
        if (choice === 'copy') {
          const copy = { ...doc, title: copyTitle(doc.title, 'my copy') };
          const created = await library.create(copy);
          store.setState({ conflict: null, save: { status: 'saved', error: null }, notice: `Your edits are in "${copy.title}".` });
          apply(created.id, copy, created.revision);
          await hooks.catalogChanged();
          return;
        }
        const outcome = await library.save(conflict.id, doc, conflict.theirRevision);
        if (outcome.status === 'conflict') {
          // Changed again since the user was asked: ask again about the newer version.
          store.setState({ conflict: { ...conflict, theirRevision: outcome.current?.revision ?? null }, notice: 'It changed again in the other tab meanwhile; choose again.' });
          return;
        }
        Object.assign(tracked, { revision: outcome.notebook.revision, clean: doc });
        store.setState({ conflict: null, save: { status: 'saved', error: null } });
        await hooks.catalogChanged();
      } catch (error) {
        setSave('error', `could not apply your choice: ${message(error)}`);
      }
    });

  track(lab.getState().notebookId, lab.getState().doc);
  return {
    saveNow: () => {
      cancelTimer();
      return saveOpen();
    },
    resolve,
    discard() {
      cancelTimer();
      tracked.clean = lab.getState().doc;
      store.setState({ save: { status: 'saved', error: null } });
    },
    dispose() {
      cancelTimer();
      unsubscribeLab();
      unsubscribeChannel();
    },
  };
}
