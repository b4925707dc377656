import type { LibraryNotebook } from '../services/library';

export type SaveStatus = 'saved' | 'unsaved' | 'saving' | 'error';

/** Another tab stored (or deleted) the notebook this tab has unsaved edits on. */
export interface NotebookConflict {
  id: string;
  /** The title this tab shows (its own edits). */
  title: string;
  /** The revision the other tab stored; null when it deleted the notebook. */
  theirRevision: number | null;
}

/** The notebook side of the Library: the list, autosave, the two-tab conflict, undo and import. */
export interface LibraryState {
  notebooks: LibraryNotebook[] | null;
  error: string | null;
  save: { status: SaveStatus; error: string | null };
  conflict: NotebookConflict | null;
  /** The last deleted notebook while its Undo is offered. */
  deleted: { id: string; title: string } | null;
  /** A rejected import: the file and each problem with its path in the document. */
  importError: { fileName: string; problems: string[] } | null;
  /** One line about what just happened (imported, updated from another tab, ...). */
  notice: string | null;
}

export function initialLibraryState(): LibraryState {
  return { notebooks: null, error: null, save: { status: 'saved', error: null }, conflict: null, deleted: null, importError: null, notice: null };
}

export type { LibraryNotebook, NotebookHeadline } from '../services/library';
