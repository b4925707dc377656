import { selectEditBlock } from '../state/editSession';
import type { BackendPreference } from '../state/labState';
import { useLabActions, useLabState } from './LabContext';
import { ShareControls } from './share/ShareControls';

const BACKENDS: { value: BackendPreference; label: string }[] = [
  { value: 'auto', label: 'auto' },
  { value: 'webgpu', label: 'WebGPU (forced)' },
  { value: 'wasm', label: 'wasm (forced)' },
  { value: 'cpu', label: 'cpu (forced)' },
];

export function Toolbar() {
  const actions = useLabActions();
  const catalog = useLabState((s) => s.catalog);
  const notebookId = useLabState((s) => s.notebookId);
  const preference = useLabState((s) => s.backendPreference);
  const status = useLabState((s) => s.status);
  const hasDoc = useLabState((s) => s.doc !== null);
  const running = status === 'running';
  const editBlock = useLabState(selectEditBlock);

  return (
    <div className="toolbar">
      <label>
        Notebook{' '}
        <select
          data-testid="notebook-select"
          value={notebookId ?? ''}
          disabled={running}
          onChange={(e) => void actions.openNotebook(e.target.value)}
        >
          {catalog.map((entry) => (
            <option key={entry.id} value={entry.id}>
              {entry.title}
            </option>
          ))}
        </select>
      </label>
      <label>
        Backend{' '}
        <select
          data-testid="backend-select"
          value={preference}
          disabled={running}
          onChange={(e) => actions.setBackendPreference(e.target.value as BackendPreference)}
        >
          {BACKENDS.map((b) => (
            <option key={b.value} value={b.value}>
              {b.label}
            </option>
          ))}
        </select>
      </label>
      <button data-testid="run" disabled={!hasDoc || running || editBlock !== null} title={editBlock ?? undefined} onClick={() => void actions.run()}>
        Run
      </button>
      <button data-testid="cancel" disabled={!running} onClick={() => actions.cancel()}>
        Cancel
      </button>
      <ShareControls />
    </div>
  );
}
