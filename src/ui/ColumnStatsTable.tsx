import type { ColumnSummary } from '../state/labState';
import { fmt } from './format';

const HEADERS = ['column', 'count', 'missing', 'mean', 'std', 'min', 'median', 'max'];

/** danfojs describe output, one row per column; statistics of the values that are present. */
export function ColumnStatsTable({ rows, caption, testId }: { rows: readonly ColumnSummary[]; caption: string; testId: string }) {
  return (
    <table className="metrics" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          {HEADERS.map((h) => (
            <th key={h}>{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
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
