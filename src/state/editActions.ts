import { defaultValue } from '../notebook/form/defaults';
import { runSelection } from '../notebook/plan';
import { CELL_UNION, checkNotebook, fieldAt, newCell, switchMemberAt } from '../notebook/form/notebookForm';
import { getAt, pathText, setAt, type Path } from '../notebook/form/path';
import { record, redo, undo } from './history';
import type { LabState } from './labState';
import { sessionOf, selectEditBlock } from './editSession';
import type { Store } from './store';

export interface EditActions {
  /** Writes a field's value (what its control produced); keystrokes of one field merge into one undo step. */
  setField(path: Path, value: unknown): void;
  /** Picks a union member (model `type`, source `type`): the object becomes that member with its defaults. */
  chooseType(path: Path, value: string): void;
  /** Adds an optional object (with its defaults) or removes it. */
  toggleOptional(path: Path, on: boolean): void;
  /** Appends a default item to the list at `path`. */
  addItem(path: Path): void;
  /** Adds `key` to the record at `path`, its value the record's value default (a key already there is refused). */
  addKey(path: Path, key: string): void;
  /** Removes the list item, the record's key or the extra key at `path`. */
  remove(path: Path): void;
  addCell(kind: string): void;
  deleteCell(index: number): void;
  duplicateCell(index: number): void;
  moveCell(index: number, delta: -1 | 1): void;
  /** Replaces the whole document with a valid one (the JSON view); an invalid one is refused (false). */
  replaceDoc(draft: unknown): boolean;
  undo(): void;
  redo(): void;
  /** Runs the notebook, unless a field is invalid (then says which). */
  run(): Promise<void>;
  /** Shift+Enter: runs the cell at `index` and what depends on it (plan.ts `runSelection`), nothing else. */
  runCell(index: number): Promise<void>;
  /** Stores the notebook through the library's save (a built-in one becomes the user's copy there). */
  save(): Promise<void>;
}

export interface EditDeps {
  /** Runs the open notebook, or only `cells` of it (and what its report needs). */
  run(cells?: readonly string[]): Promise<void>;
  /** The library's one save of the open notebook (libraryActions.saveCurrentNotebook). */
  save(): Promise<void>;
  now?: () => number;
}

function cellsOf(draft: unknown): Record<string, unknown>[] {
  const cells = getAt(draft, ['cells']);
  return Array.isArray(cells) ? (cells as Record<string, unknown>[]) : [];
}

function usedIds(draft: unknown): Set<string> {
  return new Set(cellsOf(draft).flatMap((c) => (typeof c.id === 'string' ? [c.id] : [])));
}

export function createEditActions(store: Store<LabState>, deps: EditDeps): EditActions {
  const now = deps.now ?? (() => Date.now());

  /** Records the next draft; the doc follows it whenever it parses. */
  const commit = (update: (draft: unknown) => unknown, key?: string) => {
    const state = store.getState();
    const session = sessionOf(state);
    if (!session) return;
    let next: unknown;
    try {
      next = update(session.history.present);
    } catch (error) {
      store.setState({ error: error instanceof Error ? error.message : String(error) });
      return;
    }
    show({ ...session, history: record(session.history, next, { key, now: now() }) });
  };

  const show = (session: NonNullable<ReturnType<typeof sessionOf>>) => {
    const checked = checkNotebook(session.history.present);
    const doc = checked.ok ? checked.value : session.doc;
    store.setState({ doc, edit: { ...session, doc, issues: checked.issues } });
  };

  const actions: EditActions = {
    setField: (path, value) => commit((d) => setAt(d, path, value), pathText(path)),
    chooseType: (path, value) => commit((d) => setAt(d, path, switchMemberAt(d, path, value))),
    toggleOptional: (path, on) =>
      commit((d) => {
        const field = fieldAt(d, path);
        if (!field) throw new Error(`no field at ${pathText(path)}`);
        return setAt(d, path, on ? defaultValue(field, { includeOptional: true }) : undefined);
      }),
    addItem: (path) =>
      commit((d) => {
        const field = fieldAt(d, path);
        if (field?.kind !== 'array') throw new Error(`no list at ${pathText(path)}`);
        const list = getAt(d, path);
        const items = Array.isArray(list) ? list : [];
        return setAt(d, path, [...items, defaultValue(field.item, { includeOptional: true })]);
      }),
    addKey: (path, key) =>
      commit((d) => {
        const field = fieldAt(d, path);
        if (field?.kind !== 'record') throw new Error(`no record at ${pathText(path)}`);
        const record = getAt(d, path);
        const entries = record !== null && typeof record === 'object' && !Array.isArray(record) ? (record as Record<string, unknown>) : {};
        if (key === '' || Object.hasOwn(entries, key)) throw new Error(`${pathText(path)}: ${key === '' ? 'a key needs a name' : `"${key}" is already there; change its value or remove it first`}`);
        return setAt(d, path, { ...entries, [key]: defaultValue(field.value, { includeOptional: true }) });
      }),
    remove: (path) => commit((d) => setAt(d, path, undefined)),

    addCell: (kind) => commit((d) => setAt(d, ['cells'], [...cellsOf(d), newCell(kind, usedIds(d))])),
    deleteCell: (index) => commit((d) => setAt(d, ['cells', index], undefined)),
    duplicateCell: (index) =>
      commit((d) => {
        const cells = cellsOf(d);
        const cell = cells[index];
        if (!cell) return d;
        const ids = usedIds(d);
        let id = `${String(cell.id)}-copy`;
        for (let n = 2; ids.has(id); n++) id = `${String(cell.id)}-copy-${n}`;
        return setAt(d, ['cells'], [...cells.slice(0, index + 1), { ...structuredClone(cell), id }, ...cells.slice(index + 1)]);
      }),
    moveCell: (index, delta) =>
      commit((d) => {
        const cells = cellsOf(d).slice();
        const to = index + delta;
        if (to < 0 || to >= cells.length) return d;
        [cells[index], cells[to]] = [cells[to]!, cells[index]!];
        return setAt(d, ['cells'], cells);
      }),
    replaceDoc(draft) {
      if (!checkNotebook(draft).ok) return false;
      commit(() => draft);
      return true;
    },

    undo() {
      const session = sessionOf(store.getState());
      if (session) show({ ...session, history: undo(session.history) });
    },
    redo() {
      const session = sessionOf(store.getState());
      if (session) show({ ...session, history: redo(session.history) });
    },

    async run() {
      const block = selectEditBlock(store.getState());
      if (block) {
        store.setState({ error: block });
        return;
      }
      await deps.run();
    },

    async runCell(index) {
      const state = store.getState();
      const block = selectEditBlock(state);
      const cell = state.doc?.cells[index];
      if (block || !state.doc || !cell) {
        if (block) store.setState({ error: block });
        return;
      }
      const cells = runSelection(state.doc, cell.id);
      if (cells.length === 0) {
        store.setState({ warning: `cell "${cell.id}" (${cell.kind}) computes nothing to run; Shift+Enter in a computing cell runs it and what depends on it` });
        return;
      }
      await deps.run(cells);
    },

    async save() {
      const session = sessionOf(store.getState());
      if (!session) return;
      await deps.save();
      const current = sessionOf(store.getState());
      if (current && current.doc === session.doc) store.setState({ edit: { ...current, savedDoc: session.doc } });
    },
  };
  return actions;
}

/** The cell kinds a user can add, in the declaration's order. */
export const CELL_KINDS_TO_ADD: readonly string[] = CELL_UNION.members.map((m) => m.value);
