import type { ShareActions } from '../../state/shareActions';
import type { OpenedLink, ShareState } from '../../state/shareState';
import type { Store } from '../../state/store';
import { useStore } from '../../state/useStore';
import { useLabState, useShare } from '../LabContext';

/** Marks a notebook opened from a link (nothing ran; Run runs it), asks for its CSV, offers "Save to my library". */
export function LinkBanner() {
  const share = useShare();
  return share ? <LinkBannerView store={share.store} actions={share.actions} /> : null;
}

function LinkBannerView({ store, actions }: { store: Store<ShareState>; actions: ShareActions }) {
  const opened = useStore(store, (s) => s.opened);
  const failed = useStore(store, (s) => s.failed);
  const notebookId = useLabState((s) => s.notebookId);
  const ran = useLabState((s) => s.result !== null || s.status === 'running');
  if (failed) {
    return (
      <div className="link-banner error" role="alert" data-testid="link-error" data-kind={failed.kind}>
        This link could not be opened: {failed.message}
      </div>
    );
  }
  if (!opened || opened.notebookId !== notebookId) return null;
  return (
    <div className="link-banner" data-testid="link-banner">
      <strong>From a link:</strong> “{opened.title}”. {ran ? 'Its results below were computed in this browser.' : 'Nothing has run: press Run to compute it here.'}{' '}
      <button data-testid="link-save" onClick={() => void actions.saveToLibrary()}>
        Save to my library
      </button>
      {opened.csv && <LinkedCsvPrompt csv={opened.csv} actions={actions} />}
    </div>
  );
}

function LinkedCsvPrompt({ csv, actions }: { csv: NonNullable<OpenedLink['csv']>; actions: ShareActions }) {
  return (
    <div data-testid="link-csv" data-status={csv.status}>
      It reads the file “{csv.name}” (content hash <code>{csv.hash}</code>), which a link does not carry.{' '}
      {csv.status === 'ready' ? (
        <span>The file is in this browser{csv.message ? `: ${csv.message}` : ''}.</span>
      ) : (
        <label>
          Choose the file:{' '}
          <input
            data-testid="link-csv-file"
            type="file"
            accept=".csv,text/csv"
            disabled={csv.status === 'reading' || csv.status === 'checking-store'}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void actions.provideCsv(file);
            }}
          />
        </label>
      )}
      {csv.status === 'refused' && csv.message && (
        <div role="alert" className="error" data-testid="link-csv-error">
          {csv.message}
        </div>
      )}
    </div>
  );
}
