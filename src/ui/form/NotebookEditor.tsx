import { lazy, Suspense, useState } from 'react';
import { selectCanRedo, selectCanUndo, selectDraft, selectEditBlock, selectIssues, selectUnsaved } from '../../state/editSession';
import { CELL_KIND_NAMES } from '../../state/forms';
import { CellCard } from '../CellCard';
import { useEditActions, useLabState } from '../LabContext';
import { useEditShortcuts } from './useEditShortcuts';

// CodeMirror loads only when someone opens the JSON view.
const JsonEditor = lazy(() => import('../JsonEditor').then((m) => ({ default: m.JsonEditor })));

function cellsOf(draft: unknown): unknown[] {
  const cells = draft !== null && typeof draft === 'object' ? (draft as { cells?: unknown }).cells : undefined;
  return Array.isArray(cells) ? cells : [];
}

function keyOf(cell: unknown, index: number, seen: Set<string>): string {
  const id = cell !== null && typeof cell === 'object' ? String((cell as { id?: unknown }).id) : '';
  const key = seen.has(id) ? `${id}#${index}` : id;
  seen.add(key);
  return key;
}

function EditBar({ jsonView, onToggleJson }: { jsonView: boolean; onToggleJson: () => void }) {
  const edit = useEditActions();
  const canUndo = useLabState(selectCanUndo);
  const canRedo = useLabState(selectCanRedo);
  const unsaved = useLabState(selectUnsaved);
  const block = useLabState(selectEditBlock);
  const [kind, setKind] = useState(CELL_KIND_NAMES[0] ?? '');
  return (
    <div className="edit-bar" role="toolbar" aria-label="edit notebook">
      <button type="button" data-testid="undo" disabled={!canUndo} title="Undo (Ctrl/Cmd+Z)" onClick={() => edit.undo()}>
        Undo
      </button>
      <button type="button" data-testid="redo" disabled={!canRedo} title="Redo (Shift+Ctrl/Cmd+Z)" onClick={() => edit.redo()}>
        Redo
      </button>
      <button type="button" data-testid="save" title="Save (Ctrl/Cmd+S)" onClick={() => void edit.save()}>
        Save{unsaved ? ' •' : ''}
      </button>
      <button type="button" data-testid="json-toggle" aria-pressed={jsonView} onClick={onToggleJson}>
        {jsonView ? 'Edit as form' : 'Edit as JSON'}
      </button>
      <label>
        cell kind{' '}
        <select data-testid="add-cell-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
          {CELL_KIND_NAMES.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </label>
      <button type="button" data-testid="add-cell" onClick={() => edit.addCell(kind)}>
        + Add cell
      </button>
      {block ? (
        <p className="error" data-testid="edit-block">
          {block}
        </p>
      ) : null}
    </div>
  );
}

/** The open notebook as editable cells (forms generated from the declarations) or as JSON text. */
export function NotebookEditor() {
  const edit = useEditActions();
  const draft = useLabState(selectDraft);
  const issues = useLabState(selectIssues);
  const [jsonView, setJsonView] = useState(false);
  useEditShortcuts(edit);
  const cells = cellsOf(draft);
  const seen = new Set<string>();
  return (
    <>
      <EditBar jsonView={jsonView} onToggleJson={() => setJsonView((v) => !v)} />
      {jsonView ? (
        <Suspense fallback={<p className="muted">Loading the JSON editor…</p>}>
          <JsonEditor draft={draft} />
        </Suspense>
      ) : (
        cells.map((cell, index) => <CellCard key={keyOf(cell, index, seen)} cell={cell} index={index} count={cells.length} issues={issues} />)
      )}
    </>
  );
}
