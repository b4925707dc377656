import { useLibraryActions, useLibraryState } from './context';

const SAVE_TEXT = { saved: 'All changes saved', unsaved: 'Unsaved changes', saving: 'Saving…', error: 'Not saved' } as const;

/** What the notebook library has to say wherever the Library panel is scrolled: conflict, undo, notices. */
export function LibraryBanners() {
  const actions = useLibraryActions();
  const { conflict, deleted, notice, error, save } = useLibraryState((s) => s);
  return (
    <div className="library-banners">
      <p className="muted save-status" data-testid="save-status" data-status={save.status}>
        {SAVE_TEXT[save.status]}
        {save.error ? `: ${save.error}` : ''}
      </p>
      {conflict ? (
        <div className="banner warning" role="alert" data-testid="notebook-conflict">
          <p>
            This notebook was {conflict.theirRevision === null ? 'deleted' : 'changed'} in another tab. Your unsaved edits to “{conflict.title}” are kept here until you choose:
          </p>
          <button data-testid="conflict-theirs" onClick={() => void actions.resolveConflict('theirs')}>
            {conflict.theirRevision === null ? 'Close it (drop my edits)' : 'Load theirs (drop my edits)'}
          </button>
          <button data-testid="conflict-copy" onClick={() => void actions.resolveConflict('copy')}>
            Keep mine as a copy
          </button>
          <button data-testid="conflict-overwrite" onClick={() => void actions.resolveConflict('overwrite')}>
            {conflict.theirRevision === null ? 'Store mine again' : 'Overwrite with mine'}
          </button>
        </div>
      ) : null}
      {deleted ? (
        <div className="banner" role="status" data-testid="notebook-undo">
          Deleted “{deleted.title}” —{' '}
          <button data-testid="notebook-undo-button" onClick={() => void actions.undoDelete()}>
            Undo
          </button>{' '}
          <button aria-label="dismiss" onClick={() => actions.dismissUndo()}>
            ×
          </button>
        </div>
      ) : null}
      {error ? (
        <p className="error" role="alert" data-testid="library-notebook-error">
          {error}
        </p>
      ) : null}
      {notice ? (
        <p className="notice" data-testid="library-notice">
          {notice}{' '}
          <button aria-label="dismiss" onClick={() => actions.dismissNotice()}>
            ×
          </button>
        </p>
      ) : null}
    </div>
  );
}
