import { ColumnStatsTable } from '../ColumnStatsTable';
import { useImportActions, useImportState } from '../LabContext';

const scroll = { overflowX: 'auto', maxWidth: '100%' } as const;

/** The file's first rows exactly as text, with their line numbers. */
export function PreviewTable() {
  const headers = useImportState((s) => s.headers);
  const preview = useImportState((s) => s.preview);
  if (preview.length === 0) return null;
  return (
    <div style={scroll}>
      <table className="metrics" data-testid="import-preview">
        <caption>First {preview.length} rows as written in the file</caption>
        <thead>
          <tr>
            <th>line</th>
            {headers.map((h, i) => (
              <th key={`${h}-${i}`}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.map((row) => (
            <tr key={row.line}>
              <td>{row.line}</td>
              {row.cells.map((cell, i) => (
                <td key={i}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** danfojs describe of the parsed columns (before fixes). */
export function DescribeTable() {
  const actions = useImportActions();
  const parsed = useImportState((s) => s.parsed !== null);
  const summary = useImportState((s) => s.describe);
  if (!parsed) return null;
  if (!summary) {
    return (
      <button data-testid="import-describe-button" onClick={() => void actions.describe()}>
        Describe columns (danfojs)
      </button>
    );
  }
  if (summary.status === 'loading') return <p className="muted">Computing column statistics (danfojs, in the worker)…</p>;
  if (summary.status === 'error') return <p className="error">Column statistics failed: {summary.error}</p>;
  return (
    <div style={scroll}>
      <ColumnStatsTable rows={summary.rows} caption="Column statistics of the parsed values (danfojs describe)" testId="import-describe" />
    </div>
  );
}
