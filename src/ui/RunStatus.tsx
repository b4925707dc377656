import { LiveLossChart } from './charts/LiveLossChart';
import { useLabState } from './LabContext';

export function RunStatus() {
  const status = useLabState((s) => s.status);
  const progress = useLabState((s) => s.progress);
  const error = useLabState((s) => s.error);
  const warning = useLabState((s) => s.warning);
  const curves = useLabState((s) => s.lossCurves);
  const percent = Math.round((progress?.fraction ?? (status === 'done' ? 1 : 0)) * 100);

  return (
    <section className="run-status" aria-live="polite">
      {status === 'running' ? (
        <div className="progress" data-testid="progress">
          <progress max={100} value={percent} aria-label="run progress" />
          <span data-testid="progress-message">
            {percent}% {progress ? `${progress.cellId}: ${progress.message}` : 'starting'}
            {progress?.train ? `, ${Math.round(progress.train.samplesPerSecond)} samples/s` : ''}
          </span>
        </div>
      ) : null}
      {status === 'running' && curves.length > 0 ? (
        <LiveLossChart curves={curves} />
      ) : null}
      {status === 'cancelled' ? <p className="notice" data-testid="cancelled">Run cancelled; the previous results are kept.</p> : null}
      {error ? (
        <p className="error" role="alert" data-testid="run-error">
          {error}
        </p>
      ) : null}
      {warning ? (
        <p className="warning" data-testid="run-warning">
          {warning}
        </p>
      ) : null}
    </section>
  );
}
