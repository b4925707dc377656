import { cellStatuses } from './cellStatus';
import type { GatesView } from '../notebook/gates/gatesView';
import type { LabState } from './labState';

export type { GatesView } from '../notebook/gates/gatesView';

/** The gates view of the run's model: one model cell and one window at a time. */
export interface RunGatesState {
  status: 'idle' | 'running' | 'done' | 'error' | 'cancelled';
  /** The model cell whose gates are asked for or shown. */
  cellId: string | null;
  /** The window's last day as picked (YYYY-MM-DD); null: the last test window. */
  date: string | null;
  progress: { fraction: number; message: string } | null;
  view: GatesView | null;
  error: string | null;
}

export function initialRunGatesState(): RunGatesState {
  return { status: 'idle', cellId: null, date: null, progress: null, view: null, error: null };
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Whether `cellId` is a model cell with gates to look at (an LSTM or a GRU). */
export function hasGates(state: LabState, cellId: string): boolean {
  const cell = state.doc?.cells.find((c) => c.id === cellId);
  return cell?.kind === 'model' && (cell.model.type === 'lstm' || cell.model.type === 'gru');
}

/** Why the run on screen cannot show `cellId`'s gates, or null when it can. */
export function gatesBlocker(state: LabState, cellId: string): string | null {
  if (!hasGates(state, cellId)) return 'gates exist for LSTM and GRU model cells';
  if (!state.result || state.result.series.forecast.time.length === 0) return 'Run the notebook, then look inside its model here (the gates view).';
  if (state.status === 'running') return 'A run is under way.';
  const statuses = cellStatuses(state);
  // The walk-forward's key holds its inputs' keys: fresh, its fold models are the run's.
  const changed = state.doc?.cells.some((c) => (c.id === cellId || c.kind === 'walkforward') && statuses[c.id] === 'stale');
  return changed ? 'The notebook changed since the run: run it again to look inside its models.' : null;
}

/** The first or last day of the run's test periods (the windows a gates view may end at); '' without a run. */
export function testDay(state: LabState, which: 'first' | 'last'): string {
  const times = state.result?.series.forecast.time ?? [];
  const ms = which === 'first' ? times[0] : times[times.length - 1];
  return ms === undefined ? '' : day(ms);
}
