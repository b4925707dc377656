import { fmt } from './format';
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
  return (
    <table className="metrics" data-testid="describe-table">
      <caption>Column statistics of the present values (danfojs describe)</caption>
      <thead>
        <tr>
          {['column', 'count', 'missing', 'mean', 'std', 'min', 'median', 'max'].map((h) => (
            <th key={h}>{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {summary.rows.map((row) => (
          <tr key={row.column}>
            <td>{row.column}</td>
            <td>{row.count}</td>
            <td>{row.missing}</td>
            <td>{fmt(row.mean, 4)}</td>
            <td>{fmt(row.std, 4)}</td>
            <td>{fmt(row.min, 4)}</td>
            <td>{fmt(row.median, 4)}</td>
            <td>{fmt(row.max, 4)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
