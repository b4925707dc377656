/**
 * Actions of the Library's notebook list: open, rename, fork ("Save as copy"), delete with undo,
 * import and export a notebook file (the JSON the CLI runs), and `saveCurrentNotebook` (Ctrl/Cmd+S).
 * They keep their own store, read and change the open notebook in the lab store, and start the
 * autosave (autosave.ts). Every failure becomes a message.
 */
import { NotebookFormatError, parseNotebookJson } from '../notebook/parse';
import { NOTEBOOK_JSON_LIMITS } from '../notebook/jsonBounds';
import type { NotebookDoc } from '../notebook/schema';
import type { DeletedNotebook, NotebookLibrary } from '../services/library';
import { copyTitle, startAutosave, type ConflictChoice } from './autosave';
import type { LabActions } from './labActions';
import type { LabState } from './labState';
import type { LibraryState } from './libraryState';
import type { Store } from './store';

/** A notebook as a file: the same JSON `npm run cli -- run <file>` reads. */
export interface NotebookFile {
  fileName: string;
  text: string;
}

export interface LibraryActions {
  refresh(): Promise<void>;
  open(id: string): Promise<void>;
  rename(id: string, title: string): Promise<void>;
  /** "Save as copy": stores a copy (of the open document with its edits, when it is open) and opens it. */
  fork(id: string): Promise<void>;
  remove(id: string): Promise<void>;
  undoDelete(): Promise<void>;
  dismissUndo(): void;
  importFile(file: { name: string; size?: number; text(): Promise<string> }): Promise<void>;
  exportNotebook(id: string): Promise<NotebookFile | null>;
  /** Stores the open notebook's unsaved edits now (shared with the editor's Ctrl/Cmd+S). */
  saveCurrentNotebook(): Promise<void>;
  resolveConflict(choice: ConflictChoice): Promise<void>;
  dismissNotice(): void;
  dispose(): void;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function notebookFileName(title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${slug || 'notebook'}.json`;
}

/** Pretty JSON with a final newline: diffable, and parsed unchanged by the CLI. */
export function notebookFileText(doc: NotebookDoc): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export function createLibraryActions(
  store: Store<LibraryState>,
  lab: Store<LabState>,
  deps: { library: NotebookLibrary; labActions: Pick<LabActions, 'openNotebook' | 'refreshCatalog'>; autosaveDelayMs?: number | undefined },
): LibraryActions {
  const { library, labActions } = deps;
  let lastDeleted: { record: DeletedNotebook; wasOpen: boolean } | null = null;

  const fail = (what: string) => (error: unknown) => store.setState({ error: `${what}: ${message(error)}` });
  const listChanged = async () => {
    await labActions.refreshCatalog();
    await actions.refresh();
  };
  const openDefault = async () => {
    const first = lab.getState().catalog[0];
    if (first) await labActions.openNotebook(first.id);
  };
  // Titles change with saves here and in other tabs: the catalog follows, and the list once the Library has shown it.
  const refreshShown = () => {
    void labActions.refreshCatalog().catch(fail('could not list the notebooks'));
    if (store.getState().notebooks !== null) void actions.refresh();
  };
  const autosave = startAutosave(lab, store, library, { catalogChanged: listChanged, openDefault, stored: refreshShown }, deps.autosaveDelayMs);
  const unsubscribeChannel = library.onChange(refreshShown);
  const documentOf = async (id: string): Promise<NotebookDoc> => {
    const { notebookId, doc } = lab.getState();
    return notebookId === id && doc ? doc : library.document(id);
  };
  const createAndOpen = async (doc: NotebookDoc) => {
    const created = await library.create(doc);
    await listChanged();
    await labActions.openNotebook(created.id);
  };

  const actions: LibraryActions = {
    async refresh() {
      try {
        store.setState({ notebooks: await library.list() });
      } catch (error) {
        fail('could not list the notebooks')(error);
      }
    },

    async open(id) {
      store.setState({ error: null });
      // Another tab may have stored it after this tab read the catalog.
      if (!lab.getState().catalog.some((e) => e.id === id)) await labActions.refreshCatalog();
      await labActions.openNotebook(id);
    },

    async rename(id, title) {
      const trimmed = title.trim();
      if (trimmed.length < 1 || trimmed.length > 200) {
        store.setState({ error: `a notebook title needs 1 to 200 characters (got ${trimmed.length})` });
        return;
      }
      store.setState({ error: null });
      try {
        const { notebookId, doc } = lab.getState();
        if (notebookId === id && doc) {
          // An edit like any other: autosave stores it (a built-in becomes a user copy).
          lab.setState({ doc: { ...doc, title: trimmed } });
          return;
        } else if (library.isBuiltin(id)) {
          await library.create({ ...(await library.document(id)), title: trimmed });
        } else {
          const stored = await library.load(id);
          if (!stored) throw new Error(`notebook "${id}" is no longer stored`);
          const outcome = await library.save(id, { ...stored.doc, title: trimmed }, stored.revision);
          if (outcome.status === 'conflict') throw new Error('it changed in another tab meanwhile; try again');
        }
        await listChanged();
      } catch (error) {
        fail('could not rename the notebook')(error);
      }
    },

    async fork(id) {
      store.setState({ error: null });
      try {
        const doc = await documentOf(id);
        await createAndOpen({ ...doc, title: copyTitle(doc.title, 'copy') });
      } catch (error) {
        fail('could not copy the notebook')(error);
      }
    },

    async remove(id) {
      if (library.isBuiltin(id)) return;
      store.setState({ error: null });
      try {
        const wasOpen = lab.getState().notebookId === id;
        if (wasOpen) autosave.discard();
        const record = await library.remove(id);
        if (!record) throw new Error(`notebook "${id}" is no longer stored`);
        lastDeleted = { record, wasOpen };
        store.setState({ deleted: { id, title: record.title } });
        await listChanged();
        if (wasOpen) await openDefault();
      } catch (error) {
        fail('could not delete the notebook')(error);
      }
    },

    async undoDelete() {
      const undo = lastDeleted;
      if (!undo) return;
      try {
        await library.restore(undo.record);
        lastDeleted = null;
        store.setState({ deleted: null });
        await listChanged();
        if (undo.wasOpen) await labActions.openNotebook(undo.record.id);
      } catch (error) {
        fail('could not restore the notebook')(error);
      }
    },

    dismissUndo() {
      lastDeleted = null;
      store.setState({ deleted: null });
    },

    async importFile(file) {
      store.setState({ error: null, importError: null });
      let doc: NotebookDoc;
      try {
        // A file too large to be a notebook is refused before it is read into memory.
        if (file.size !== undefined && file.size > NOTEBOOK_JSON_LIMITS.maxChars) throw new NotebookFormatError([`the file is ${file.size.toLocaleString('en-US')} bytes; a notebook is at most ${NOTEBOOK_JSON_LIMITS.maxChars.toLocaleString('en-US')} (is this the right file?)`]);
        doc = parseNotebookJson(await file.text());
      } catch (error) {
        store.setState({ importError: { fileName: file.name, problems: error instanceof NotebookFormatError ? error.problems : [message(error)] } });
        return;
      }
      try {
        await createAndOpen(doc);
        store.setState({ notice: `Imported "${doc.title}" from ${file.name}.` });
      } catch (error) {
        fail(`could not store ${file.name}`)(error);
      }
    },

    async exportNotebook(id) {
      try {
        const doc = await documentOf(id);
        return { fileName: notebookFileName(doc.title), text: notebookFileText(doc) };
      } catch (error) {
        fail('could not export the notebook')(error);
        return null;
      }
    },

    saveCurrentNotebook: () => autosave.saveNow(),
    resolveConflict: (choice) => autosave.resolve(choice),
    dismissNotice: () => store.setState({ notice: null }),
    dispose() {
      autosave.dispose();
      unsubscribeChannel();
    },
  };
  return actions;
}
