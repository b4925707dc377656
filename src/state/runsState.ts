import type { ComparedRun, RunHistoryView } from '../services/runHistory';

/** The Runs panel of the open notebook: its stored runs, the ones selected, and their comparison. */
export interface RunsState {
  open: boolean;
  notebookId: string | null;
  view: RunHistoryView | null;
  selected: readonly string[];
  compared: readonly ComparedRun[] | null;
  error: string | null;
}

export function initialRunsState(): RunsState {
  return { open: false, notebookId: null, view: null, selected: [], compared: null, error: null };
}

export type { ComparedRun, RunHistoryView } from '../services/runHistory';
export type { ParamChange, RunEntry } from '../notebook/runHistory';
