import { useState } from 'react';
import type { LibraryNotebook } from '../../state/libraryState';
import { fmt, pct } from '../format';
import { useLibraryActions } from './context';
import { downloadTextFile } from './download';

/** The last run's headline: model RMSE and direction accuracy, strategy Sharpe. */
function Headline({ notebook }: { notebook: LibraryNotebook }) {
  const h = notebook.headline;
  if (!h) return <span className="muted">not run yet</span>;
  return (
    <span title={`last run ${new Date(h.runAt).toLocaleString()}`}>
      RMSE {fmt(h.rmse)} · direction {pct(h.directionalAccuracy)} · Sharpe {fmt(h.sharpe, 2)}
    </span>
  );
}

/** One notebook of the Library with its actions; rename edits the title in place. */
export function NotebookRow({ notebook, open }: { notebook: LibraryNotebook; open: boolean }) {
  const actions = useLibraryActions();
  const [draft, setDraft] = useState<string | null>(null);
  const testId = (what: string) => `notebook-${what}-${notebook.id}`;
  const exportFile = async () => {
    const file = await actions.exportNotebook(notebook.id);
    if (file) downloadTextFile(file.fileName, file.text);
  };

  return (
    <li data-testid={`notebook-row-${notebook.id}`} className={open ? 'open' : undefined}>
      {draft === null ? (
        <div className="title">
          <span data-testid={testId('title')}>{notebook.title}</span>
          {open ? <span className="muted"> (open)</span> : null}
        </div>
      ) : (
        <form
          className="title"
          onSubmit={(e) => {
            e.preventDefault();
            setDraft(null);
            void actions.rename(notebook.id, draft);
          }}
        >
          <input aria-label="notebook title" data-testid={testId('title-input')} value={draft} autoFocus onChange={(e) => setDraft(e.target.value)} />
          <button type="submit" data-testid={testId('rename-save')}>
            Save
          </button>
          <button type="button" onClick={() => setDraft(null)}>
            Cancel
          </button>
        </form>
      )}
      <div className="muted meta">
        {notebook.updatedAt === null ? 'built-in' : `edited ${new Date(notebook.updatedAt).toLocaleString()}`} ·{' '}
        <span data-testid={testId('headline')}>
          <Headline notebook={notebook} />
        </span>
      </div>
      <div className="actions">
        <button data-testid={testId('open')} disabled={open} onClick={() => void actions.open(notebook.id)}>
          Open
        </button>
        <button
          data-testid={testId('rename')}
          title={notebook.builtin ? 'A built-in stays as shipped: renaming stores a renamed copy' : undefined}
          onClick={() => setDraft(notebook.title)}
        >
          Rename
        </button>
        <button data-testid={testId('fork')} onClick={() => void actions.fork(notebook.id)}>
          Save as copy
        </button>
        <button data-testid={testId('export')} onClick={() => void exportFile()}>
          Export
        </button>
        {notebook.builtin ? null : (
          <button data-testid={testId('delete')} onClick={() => void actions.remove(notebook.id)}>
            Delete
          </button>
        )}
      </div>
    </li>
  );
}
