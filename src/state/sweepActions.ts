import type { BackendPreference } from '../core/executor';
import type { NotebookDoc } from '../notebook/schema';
import { writeParameters } from '../notebook/sweep/paths';
import type { SweepReport, SweepTrial } from '../notebook/sweep/sweepReport';
import type { EditActions } from './editActions';
import type { LabState } from './labState';
import type { Store } from './store';
import type { SweepState } from './sweepState';

export interface SweepActions {
  /** Runs the open notebook's sweep cell; trials already in the run cache come back at once. */
  start(): Promise<void>;
  cancel(): void;
  /** Writes the best trial's values into the notebook: one edit, undoable. */
  applyBest(): void;
  chooseAxes(axes: [string, string]): void;
}

export interface SweepDeps {
  sweep(doc: NotebookDoc, preference: BackendPreference, calls: { signal: AbortSignal; onTrial(trial: SweepTrial, done: number, total: number): void }): Promise<SweepReport>;
  edit: Pick<EditActions, 'replaceDoc'>;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createSweepActions(store: Store<SweepState>, lab: Store<LabState>, deps: SweepDeps): SweepActions {
  let controller: AbortController | null = null;
  return {
    async start() {
      const { doc, backendPreference } = lab.getState();
      if (!doc || store.getState().status === 'running') return;
      controller = new AbortController();
      const signal = controller.signal;
      store.setState({ status: 'running', trials: [], total: 0, report: null, error: null });
      try {
        const report = await deps.sweep(doc, backendPreference, {
          signal,
          // Trial notes come over their own message channel: one may land after the report; only a running sweep takes it.
          onTrial: (trial, _done, total) => {
            if (controller?.signal !== signal || store.getState().status !== 'running') return;
            store.setState((s) => ({ trials: [...s.trials.filter((t) => t.id !== trial.id), trial], total }));
          },
        });
        const names = report.parameters;
        const axes = store.getState().axes ?? (names.length >= 2 ? [names[0]!, names[1]!] : null);
        store.setState({ status: report.cancelled ? 'cancelled' : 'done', report, trials: report.trials, total: report.trials.length, axes });
      } catch (error) {
        if (error instanceof Error && error.name === 'CancelledError') {
          // Trials that had not finished are shown as cancelled, never dropped.
          store.setState((s) => ({ status: 'cancelled', trials: s.trials }));
        } else store.setState({ status: 'error', error: describe(error) });
      } finally {
        controller = null;
      }
    },
    cancel() {
      controller?.abort();
    },
    applyBest() {
      const best = store.getState().report?.best;
      const doc = lab.getState().doc;
      if (!best || !doc) return;
      try {
        deps.edit.replaceDoc(writeParameters(doc, best.params));
      } catch (error) {
        store.setState({ error: describe(error) });
      }
    },
    chooseAxes(axes) {
      store.setState({ axes });
    },
  };
}
