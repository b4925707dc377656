import { useLabState } from './LabContext';

export function BackendBadge() {
  const backend = useLabState((s) => s.backend ?? (s.result ? { backend: s.result.report.backend.name, reason: s.result.report.backend.reason } : null));
  if (!backend) return <span className="badge muted" data-testid="backend-badge">backend: chosen when you run</span>;
  return (
    <span className="badge" data-testid="backend-badge" title={backend.reason}>
      backend: <strong data-testid="backend-name">{backend.backend}</strong>
      <span className="reason" data-testid="backend-reason"> ({backend.reason})</span>
    </span>
  );
}
