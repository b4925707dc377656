import { useEffect } from 'react';
import { useLabState } from '../LabContext';
import { useLibraryActions, useLibraryState } from './context';
import { NotebookRow } from './NotebookRow';

/** The Library's notebooks: built-ins, then the user's, with import of a notebook file. */
export function NotebookList() {
  const actions = useLibraryActions();
  const notebooks = useLibraryState((s) => s.notebooks);
  const importError = useLibraryState((s) => s.importError);
  const openId = useLabState((s) => s.notebookId);
  useEffect(() => void actions.refresh(), [actions]);

  return (
    <div data-testid="library-notebooks">
      <h3>Notebooks</h3>
      <label className="button-like">
        Import a notebook (.json){' '}
        <input
          type="file"
          accept=".json,application/json"
          data-testid="notebook-import"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (file) void actions.importFile(file);
          }}
        />
      </label>
      {importError ? (
        <div className="error" role="alert" data-testid="notebook-import-error">
          {importError.fileName} is not a notebook this app can open; nothing was stored:
          <ul>
            {importError.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {notebooks === null ? (
        <p className="muted">Reading notebooks…</p>
      ) : (
        <ul className="notebook-list" data-testid="library-notebook-list">
          {notebooks.map((n) => (
            <NotebookRow key={n.id} notebook={n} open={n.id === openId} />
          ))}
        </ul>
      )}
    </div>
  );
}
