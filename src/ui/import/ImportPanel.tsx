import { useHasImporter, useImportActions, useImportState } from '../LabContext';
import { DropZone } from './DropZone';
import { FixesStep } from './FixesStep';
import { MappingStep } from './MappingStep';
import { ReportStep } from './ReportStep';

/** CSV import: file -> mapping and preview -> cleaning report -> fixes -> a new notebook. */
export function ImportPanel() {
  return useHasImporter() ? <ImportFlow /> : null;
}

function ImportFlow() {
  const actions = useImportActions();
  const step = useImportState((s) => s.step);
  const busy = useImportState((s) => s.busy);
  const error = useImportState((s) => s.error);
  const fileName = useImportState((s) => s.fileName);
  const created = useImportState((s) => s.created);
  const reviewing = step === 'review' || step === 'creating';
  return (
    <section className="panel" data-testid="import-panel">
      <h2>Import CSV</h2>
      <DropZone />
      {fileName ? (
        <p className="muted" data-testid="import-file-name">
          {fileName}{' '}
          <button data-testid="import-reset" onClick={() => actions.reset()}>
            Start over
          </button>
        </p>
      ) : null}
      {busy ? (
        <p className="progress" data-testid="import-progress">
          <progress /> {busy}
        </p>
      ) : null}
      {error ? (
        <p className="error" data-testid="import-error" role="alert">
          {error}
        </p>
      ) : null}
      {reviewing ? (
        <>
          <MappingStep />
          <ReportStep />
          <FixesStep />
        </>
      ) : null}
      {step === 'done' && created ? (
        <div data-testid="import-done">
          <p>
            Stored {created.rows} rows (content hash {created.hash.slice(0, 12)}…) and opened notebook {created.notebookId} in{' '}
            <span data-testid="import-total-ms">{Math.round(created.totalMs)}</span> ms.
          </p>
          {created.notes.length > 0 ? (
            <ul className="muted">
              {created.notes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
