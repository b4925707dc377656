/**
 * Undo/redo over immutable snapshots. Edits with the same key close together in time (the
 * keystrokes of one number, say) merge into one step, so one undo takes back the whole value.
 */
export interface History<T> {
  readonly past: readonly T[];
  readonly present: T;
  readonly future: readonly T[];
  /** The key and time of the last recorded edit, for merging. */
  readonly last: { key: string; at: number } | null;
}

export const HISTORY_LIMIT = 200;
export const MERGE_WINDOW_MS = 1000;

export function createHistory<T>(present: T): History<T> {
  return { past: [], present, future: [], last: null };
}

export interface RecordOptions {
  /** Edits of one field share a key; a structural edit (add a cell) has none and never merges. */
  key?: string | undefined;
  now: number;
}

export function record<T>(history: History<T>, next: T, { key, now }: RecordOptions): History<T> {
  if (Object.is(next, history.present)) return history;
  const merge = key !== undefined && history.last?.key === key && now - history.last.at <= MERGE_WINDOW_MS && history.past.length > 0;
  const past = merge ? history.past : [...history.past, history.present].slice(-HISTORY_LIMIT);
  return { past, present: next, future: [], last: key === undefined ? null : { key, at: now } };
}

export function undo<T>(history: History<T>): History<T> {
  const previous = history.past.at(-1);
  if (history.past.length === 0) return history;
  return { past: history.past.slice(0, -1), present: previous as T, future: [history.present, ...history.future], last: null };
}

export function redo<T>(history: History<T>): History<T> {
  if (history.future.length === 0) return history;
  const [next, ...future] = history.future;
  return { past: [...history.past, history.present], present: next as T, future, last: null };
}
