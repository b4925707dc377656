/**
 * Actions of the gates view of a run: ask the runner worker for the gates of the fold model that
 * forecast a date (the page only posts and draws), follow its progress, cancel it, and drop the
 * view when another run or notebook replaces the one it came from.
 */
import type { BackendPreference } from '../core/executor';
import type { GatesView } from '../notebook/gates/gatesView';
import type { NotebookDoc } from '../notebook/schema';
import type { LabState } from './labState';
import { gatesBlocker, type RunGatesState } from './runGatesState';
import type { Store } from './store';

export interface RunGatesActions {
  /** Draws the gates of model cell `cellId` for the window ending at `date` (null: the last test window). */
  show(cellId: string, date: string | null): Promise<void>;
  /** Sets the window's date without drawing (the date field). */
  setDate(date: string | null): void;
  /** Picks the window's date; redraws when a view of the run is open (the forecast chart's click). */
  pickDate(date: string): Promise<void>;
  cancel(): void;
  close(): void;
}

export interface RunGatesDeps {
  /** The date clicked on the forecast chart (explainView.ts explainSelection): it becomes the window's date. */
  picked?: Store<{ time: number | null }>;
  runGates(
    doc: NotebookDoc,
    preference: BackendPreference,
    request: { modelCellId?: string; date: string | null },
    calls: { signal: AbortSignal; onProgress(fraction: number, message: string): void },
  ): Promise<GatesView>;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createRunGatesActions(store: Store<RunGatesState>, lab: Store<LabState>, deps: RunGatesDeps): RunGatesActions {
  let controller: AbortController | null = null;
  const stop = () => {
    controller?.abort();
    controller = null;
  };
  lab.subscribe((state, previous) => {
    if (state.result !== previous.result || state.notebookId !== previous.notebookId) {
      stop();
      store.setState({ status: 'idle', view: null, progress: null, error: null, date: null });
    }
  });

  deps.picked?.subscribe((state, previous) => {
    if (state.time !== null && state.time !== previous.time) void actions.pickDate(new Date(state.time).toISOString().slice(0, 10));
  });

  const actions: RunGatesActions = {
    async show(cellId, date) {
      const { doc, backendPreference } = lab.getState();
      const blocker = gatesBlocker(lab.getState(), cellId);
      if (!doc) return;
      if (blocker) {
        store.setState({ cellId, status: 'error', error: blocker });
        return;
      }
      stop();
      const mine = new AbortController();
      controller = mine;
      store.setState({ cellId, date, status: 'running', progress: { fraction: 0, message: 'starting' }, error: null });
      try {
        const view = await deps.runGates(doc, backendPreference, { modelCellId: cellId, date }, {
          signal: mine.signal,
          onProgress: (fraction, message) => {
            if (controller === mine) store.setState({ progress: { fraction, message } });
          },
        });
        if (controller === mine) store.setState({ status: 'done', view, progress: null });
      } catch (error) {
        if (controller !== mine) return;
        const cancelled = error instanceof Error && error.name === 'CancelledError';
        store.setState({ status: cancelled ? 'cancelled' : 'error', progress: null, error: cancelled ? null : describe(error) });
      } finally {
        if (controller === mine) controller = null;
      }
    },

    setDate(date) {
      store.setState({ date });
    },

    async pickDate(date) {
      const { cellId, view } = store.getState();
      store.setState({ date });
      if (cellId && view) await actions.show(cellId, date);
    },

    cancel() {
      if (store.getState().status !== 'running') return;
      stop();
      store.setState({ status: 'cancelled', progress: null });
    },

    close() {
      stop();
      store.setState({ status: 'idle', view: null, progress: null, error: null, cellId: null });
    },
  };
  return actions;
}
