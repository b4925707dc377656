import { useModelActions, useModelsState } from './context';
import { ModelDownloads } from './ModelDownloads';
import { ModelImport } from './ModelImport';
import { SavedModelRow } from './SavedModelRow';
import { useLabState } from '../LabContext';
import { GatesPanel } from '../gates/GatesPanel';

/** Saved models: train the open notebook's model on its latest window, forecast, export, import. */
export function Models() {
  const actions = useModelActions();
  const hasDoc = useLabState((s) => s.doc !== null);
  const { loaded, models, damaged, busy, error, notice } = useModelsState((s) => s);
  const training = busy?.kind === 'training' ? busy : null;

  return (
    <section className="cell models" data-testid="models">
      <header>Saved models</header>
      <p className="muted">
        Trains the notebook&apos;s model once on its most recent training window (the last trainSize rows for a rolling walk-forward, all the history for an expanding one), saves it in this browser
        and forecasts the next bar without retraining.
      </p>
      <div className="toolbar">
        <button data-testid="models-train" disabled={!hasDoc || busy !== null} onClick={() => void actions.trainAndSave()}>
          Train &amp; save model
        </button>
        <button data-testid="models-cancel" disabled={!training} onClick={() => actions.cancel()}>
          Cancel
        </button>
        <ModelImport disabled={busy !== null} onFiles={(files) => void actions.importFiles(files)} />
      </div>
      {training ? (
        <div className="progress" data-testid="models-progress">
          <progress max={100} value={Math.round(training.fraction * 100)} aria-label="training progress" />
          <span>{training.message}</span>
        </div>
      ) : null}
      {busy?.kind === 'importing' ? <p className="muted">Importing…</p> : null}
      {error ? (
        <p className="error" role="alert" data-testid="models-error">
          {error}
        </p>
      ) : null}
      {notice ? <p className="notice" data-testid="models-notice">{notice}</p> : null}
      {loaded && models.length === 0 ? <p className="muted" data-testid="models-empty">No saved models yet.</p> : null}
      {models.length > 0 ? (
        <table className="metrics" data-testid="models-list">
          <thead>
            <tr>
              <th>name</th>
              <th>notebook</th>
              <th>created</th>
              <th>backend</th>
              <th>data</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {models.map((m) => (
              <SavedModelRow key={m.id} model={m} />
            ))}
          </tbody>
        </table>
      ) : null}
      {damaged.map((d) => (
        <p key={d.id} className="warning" data-testid="models-damaged">
          {d.message}{' '}
          <button onClick={() => void actions.remove(d.id)}>Delete</button>
        </p>
      ))}
      <ModelDownloads />
      <GatesPanel />
    </section>
  );
}
