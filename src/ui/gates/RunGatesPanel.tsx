import type { RunGatesActions } from '../../state/runGatesActions';
import { gatesBlocker, hasGates, testDay, type RunGatesState } from '../../state/runGatesState';
import type { Store } from '../../state/store';
import { useStore } from '../../state/useStore';
import { useLabState, useRunGates } from '../LabContext';
import { GatesCharts } from './GatesCharts';

/** Under an LSTM or GRU model cell: the gates of the run's fold model for a window the user picks. */
export function RunGatesPanel({ cellId }: { cellId: string }) {
  const runGates = useRunGates();
  const recurrent = useLabState((s) => hasGates(s, cellId));
  return runGates && recurrent ? <RunGatesBody cellId={cellId} store={runGates.store} actions={runGates.actions} /> : null;
}

function RunGatesBody({ cellId, store, actions }: { cellId: string; store: Store<RunGatesState>; actions: RunGatesActions }) {
  const blocker = useLabState((s) => gatesBlocker(s, cellId));
  const first = useLabState((s) => testDay(s, 'first'));
  const last = useLabState((s) => testDay(s, 'last'));
  const state = useStore(store, (s) => s);
  const mine = state.cellId === cellId;
  const running = mine && state.status === 'running';
  const date = state.date ?? last;
  return (
    <section className="gates run-gates" data-testid={`run-gates-${cellId}`} data-status={mine ? state.status : 'idle'}>
      {blocker ? (
        <p className="muted" data-testid="run-gates-blocked">
          {blocker}
        </p>
      ) : (
        <div className="toolbar">
          <label>
            Gates for the window ending{' '}
            <input type="date" data-testid="run-gates-date" min={first} max={last} value={date} onChange={(e) => actions.setDate(e.target.value || null)} />
          </label>
          <button data-testid="run-gates-draw" disabled={running} onClick={() => void actions.show(cellId, date || null)}>
            {running ? 'Drawing…' : 'Draw gates'}
          </button>
          {running ? (
            <>
              <progress max={100} value={Math.round((state.progress?.fraction ?? 0) * 100)} aria-label="gates progress" />
              <span data-testid="run-gates-progress">{state.progress?.message}</span>
              <button data-testid="run-gates-cancel" onClick={actions.cancel}>
                Cancel
              </button>
            </>
          ) : null}
          {mine && state.view ? <button onClick={actions.close}>Close</button> : null}
          <span className="muted">(or click a date on the forecast chart)</span>
        </div>
      )}
      {mine && state.error ? (
        <p className="error" data-testid="run-gates-error">
          {state.error}
        </p>
      ) : null}
      {mine && state.status === 'cancelled' ? <p className="muted">Cancelled.</p> : null}
      {mine && state.view ? (
        <div data-testid="gates-view">
          <GatesCharts view={state.view} source="Computed in the runner worker by the fused engine's forward pass on the fold model that made this forecast." />
        </div>
      ) : null}
    </section>
  );
}
