import type { FormIssue } from '../notebook/form/issues';
import type { NotebookDoc } from '../notebook/schema';
import { createHistory, type History } from './history';
import type { LabState } from './labState';

/**
 * The open notebook as the user edits it. `history.present` is the draft, which may be invalid
 * while a field holds a wrong value; `doc` (also `LabState.doc`) is the last valid parse of it,
 * so runs and saves never see a broken document.
 */
export interface EditSession {
  doc: NotebookDoc;
  history: History<unknown>;
  /** The draft's problems, by path (empty when the draft is the doc). */
  issues: readonly FormIssue[];
  /** The doc as last saved (null: never saved in this session). */
  savedDoc: NotebookDoc | null;
}

const NO_ISSUES: readonly FormIssue[] = Object.freeze([]);

/**
 * The session of the open doc. A doc set by anyone else (opening a notebook) starts a fresh one,
 * so no other action has to know about editing.
 */
export function sessionOf(state: Pick<LabState, 'doc' | 'edit'>): EditSession | null {
  if (!state.doc) return null;
  if (state.edit && state.edit.doc === state.doc) return state.edit;
  return { doc: state.doc, history: createHistory<unknown>(state.doc), issues: NO_ISSUES, savedDoc: null };
}

/** Stable selectors for the UI (each returns a value that only changes when the session does). */
export const selectDraft = (s: LabState): unknown => (s.edit && s.edit.doc === s.doc ? s.edit.history.present : s.doc);
export const selectIssues = (s: LabState): readonly FormIssue[] => (s.edit && s.edit.doc === s.doc ? s.edit.issues : NO_ISSUES);
export const selectCanUndo = (s: LabState): boolean => (sessionOf(s)?.history.past.length ?? 0) > 0;
export const selectCanRedo = (s: LabState): boolean => (sessionOf(s)?.history.future.length ?? 0) > 0;
export const selectUnsaved = (s: LabState): boolean => {
  const session = s.edit && s.edit.doc === s.doc ? s.edit : null;
  return session !== null && session.history.past.length > 0 && session.savedDoc !== session.doc;
};
/** Why Run is refused while the draft has errors, or null. */
export const selectEditBlock = (s: LabState): string | null => {
  const issues = selectIssues(s);
  return issues.length === 0 ? null : `Fix ${issues.length === 1 ? 'the invalid field' : `the ${issues.length} invalid fields`} before running (first: ${describeIssue(issues[0]!)})`;
};

function describeIssue(issue: FormIssue): string {
  let out = '';
  for (const key of issue.path) out += typeof key === 'number' ? `[${key}]` : out ? `.${key}` : key;
  return `${out || 'notebook'}: ${issue.message}`;
}
