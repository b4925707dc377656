import { useLabState } from './LabContext';

export function BackendBadge() {
  // Select primitives: a selector that builds a new object each call would re-render forever.
  const name = useLabState((s) => s.backend?.backend ?? s.result?.report.backend.name ?? null);
  const reason = useLabState((s) => s.backend?.reason ?? s.result?.report.backend.reason ?? '');
  if (!name) return <span className="badge muted" data-testid="backend-badge">backend: chosen when you run</span>;
  return (
    <span className="badge" data-testid="backend-badge" title={reason}>
      backend: <strong data-testid="backend-name">{name}</strong>
      <span className="reason" data-testid="backend-reason"> ({reason})</span>
    </span>
  );
}
