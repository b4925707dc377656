import type { RunsActions } from '../../state/runsActions';
import type { ParamChange, RunEntry, RunsState } from '../../state/runsState';
import type { Store } from '../../state/store';
import { useStore } from '../../state/useStore';
import { fmt, pct } from '../format';
import { useRuns } from '../LabContext';
import { RunsCompare } from './RunsCompare';

/** The open notebook's stored runs: date, what changed from the run before, headline numbers; select to compare. */
export function RunsPanel() {
  const runs = useRuns();
  return runs ? <RunsPanelView store={runs.store} actions={runs.actions} /> : null;
}

export function changesText(changes: readonly ParamChange[] | null): string {
  if (changes === null) return '—';
  if (changes.length === 0) return 'no change (a rerun)';
  return changes.map((c) => (c.path === 'cells' ? `${c.before}${c.after}` : `${c.path}: ${c.before} → ${c.after}`)).join('; ');
}

export const runLabel = (entry: RunEntry) => new Date(entry.createdAt).toISOString().slice(0, 19).replace('T', ' ');

function RunsPanelView({ store, actions }: { store: Store<RunsState>; actions: RunsActions }) {
  const state = useStore(store, (s) => s);
  const count = state.view?.entries.length;
  return (
    <section className="runs-panel" data-testid="runs-panel">
      <button data-testid="runs-toggle" onClick={() => void actions.toggle()}>
        {state.open ? 'Hide runs' : 'Runs'}
        {count !== undefined ? ` (${count})` : ''}
      </button>
      {state.error && (
        <p role="alert" className="error">
          {state.error}
        </p>
      )}
      {state.open && state.view && (
        <>
          <p data-testid="runs-configurations" className="muted">
            {state.view.configurations} distinct configuration{state.view.configurations === 1 ? '' : 's'} tried in this notebook (its stored runs): the
            deflated Sharpe of the next run counts them (plus the next one if it is new). Deleting runs lowers the count.
          </p>
          <table data-testid="runs-table" className="runs-table">
            <thead>
              <tr>
                <th />
                <th>date (UTC)</th>
                <th>changed from the run before</th>
                <th>RMSE</th>
                <th>direction</th>
                <th>Sharpe</th>
                <th>trials</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {state.view.entries.map((entry, i) => (
                <tr key={entry.id} data-testid={`run-row-${i}`}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`select the run of ${runLabel(entry)}`}
                      data-testid={`run-select-${i}`}
                      checked={state.selected.includes(entry.id)}
                      onChange={(e) => actions.select(entry.id, e.target.checked)}
                    />
                  </td>
                  <td>{runLabel(entry)}</td>
                  <td data-testid={`run-changes-${i}`}>{changesText(entry.changes)}</td>
                  <td>{fmt(entry.report.metrics.rmse, 5)}</td>
                  <td>{pct(entry.report.metrics.directionalAccuracy)}</td>
                  <td>{fmt(entry.report.backtest.strategy.sharpe, 2)}</td>
                  <td>{entry.report.backtest.trials}</td>
                  <td>
                    <button data-testid={`run-delete-${i}`} onClick={() => void actions.remove(entry.id)}>
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button data-testid="runs-compare" disabled={state.selected.length < 2} onClick={() => void actions.compare()}>
            Compare {state.selected.length} selected
          </button>
          {state.compared && <RunsCompare runs={state.compared} onClose={actions.closeCompare} />}
        </>
      )}
    </section>
  );
}
