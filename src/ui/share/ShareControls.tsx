import type { ShareActions } from '../../state/shareActions';
import type { ShareState } from '../../state/shareState';
import type { Store } from '../../state/store';
import { useStore } from '../../state/useStore';
import { useLabState, useShare } from '../LabContext';
import { downloadTextFile } from '../library/download';
import { notebookFileName, notebookFileText } from '../../state/libraryActions';

/** "Copy link" in the toolbar: the link's length, a warning over 8,000 characters, "Export file" over 32,000. */
export function ShareControls() {
  const share = useShare();
  return share ? <ShareControlsView store={share.store} actions={share.actions} /> : null;
}

function ShareControlsView({ store, actions }: { store: Store<ShareState>; actions: ShareActions }) {
  const copied = useStore(store, (s) => s.copied);
  const doc = useLabState((s) => s.doc);
  return (
    <span className="share-controls">
      <button data-testid="copy-link" disabled={!doc || copied?.status === 'copying'} onClick={() => void actions.copyLink()}>
        Copy link
      </button>
      {copied && copied.chars !== null && (
        <span data-testid="link-length" className={copied.level === 'ok' ? 'muted' : 'warning'}>
          {' '}
          {copied.status === 'copied' ? 'copied, ' : ''}
          {copied.chars.toLocaleString('en-US')} characters
        </span>
      )}
      {copied?.message && (
        <span data-testid="link-message" role={copied.status === 'copied' ? 'status' : 'alert'} className="warning">
          {' '}
          {copied.message}
        </span>
      )}
      {copied?.status === 'refused' && doc && (
        <button data-testid="link-export-file" onClick={() => downloadTextFile(notebookFileName(doc.title), notebookFileText(doc))}>
          Export file
        </button>
      )}
      {copied?.status === 'error' && copied.link && <input data-testid="link-text" readOnly value={copied.link} onFocus={(e) => e.target.select()} />}
    </span>
  );
}
