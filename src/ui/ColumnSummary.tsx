import { ColumnStatsTable } from './ColumnStatsTable';
import { useLabActions, useLabState } from './LabContext';

export function ColumnSummary() {
  const actions = useLabActions();
  const summary = useLabState((s) => s.columnSummary);
  if (!summary) {
    return (
      <button data-testid="describe" onClick={() => void actions.describeDataset()}>
        Describe columns
      </button>
    );
  }
  if (summary.status === 'loading') return <p className="muted">Computing column statistics (danfojs)…</p>;
  if (summary.status === 'error') return <p className="error">Column statistics failed: {summary.error}</p>;
  return <ColumnStatsTable rows={summary.rows} caption="Column statistics of the present values (danfojs describe)" testId="describe-table" />;
}
