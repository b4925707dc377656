import { formatInterval, type IssueKind } from '../../state/importState';
import { useImportState } from '../LabContext';

const KIND_LABELS: Record<IssueKind, string> = {
  'bad-time': 'unparseable time',
  unsorted: 'unsorted',
  duplicate: 'duplicate time',
  gap: 'gap',
  nan: 'missing value',
  'non-numeric': 'text in a number column',
  ohlc: 'OHLC inconsistent',
  price: 'not a price (zero, negative or absurd; read as missing)',
  spike: 'close spike of 1000x or more',
};

/** The cleaning report: counts by kind, warnings and the first issues with their line numbers. */
export function ReportStep() {
  const parsed = useImportState((s) => s.parsed);
  const parseMs = useImportState((s) => s.parseMs);
  if (!parsed) return null;
  const kinds = (Object.keys(parsed.counts) as IssueKind[]).filter((k) => parsed.counts[k] > 0);
  return (
    <div data-testid="import-report">
      <h3>2. Cleaning report</h3>
      <p className="muted" data-testid="import-summary">
        {parsed.rows} rows, one bar every {formatInterval(parsed.intervalMs)}; {parsed.totalIssues} issue{parsed.totalIssues === 1 ? '' : 's'}
        {parseMs !== null ? ` (parsed in ${(parseMs / 1000).toFixed(1)} s)` : ''}
      </p>
      {parsed.warnings.map((w) => (
        <p key={w} className="warning" data-testid="import-warning">
          {w}
        </p>
      ))}
      {kinds.length > 0 ? (
        <ul data-testid="import-counts">
          {kinds.map((kind) => (
            <li key={kind} data-testid={`report-count-${kind}`}>
              {parsed.counts[kind]} × {KIND_LABELS[kind]}
            </li>
          ))}
        </ul>
      ) : (
        <p data-testid="import-clean">No problems found.</p>
      )}
      {parsed.issues.length > 0 ? (
        <details open data-testid="import-issues-details">
          <summary>
            {parsed.issues.length < parsed.totalIssues ? `First ${parsed.issues.length} of ${parsed.totalIssues} issues` : 'Every issue'}, by line
          </summary>
          <ol data-testid="import-issues" style={{ maxHeight: '14rem', overflowY: 'auto', fontSize: '.8rem' }}>
            {parsed.issues.map((issue, i) => (
              <li key={i} data-line={issue.line}>
                {issue.message}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </div>
  );
}
