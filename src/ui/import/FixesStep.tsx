import { canCreate, describeApplied, type FixChoices } from '../../state/importState';
import { useImportActions, useImportState } from '../LabContext';

/** The fixes the user chooses, what each changes (counts from the worker), and Create. */
export function FixesStep() {
  const actions = useImportActions();
  const parsed = useImportState((s) => s.parsed);
  const fixes = useImportState((s) => s.fixes);
  const preview = useImportState((s) => s.fixPreview);
  const creatable = useImportState(canCreate);
  const busy = useImportState((s) => s.busy !== null);
  if (!parsed) return null;
  const set = (patch: Partial<FixChoices>) => void actions.setFixes(patch);
  return (
    <div data-testid="import-fixes">
      <h3>3. Fixes (nothing changes unless chosen here)</h3>
      <div className="toggle" style={{ display: 'grid', gap: '.3rem' }}>
        <label>
          <input type="checkbox" data-testid="fix-sort" checked={fixes.sort} onChange={(e) => set({ sort: e.currentTarget.checked })} /> sort rows by time
        </label>
        <label>
          duplicate times:{' '}
          <select
            data-testid="fix-duplicates"
            value={fixes.dropDuplicates}
            onChange={(e) => set({ dropDuplicates: e.currentTarget.value === 'first' ? 'first' : e.currentTarget.value === 'last' ? 'last' : 'no' })}
          >
            <option value="no">keep all (refused if any)</option>
            <option value="first">keep the first</option>
            <option value="last">keep the last</option>
          </select>
        </label>
        <label>
          <input type="checkbox" data-testid="fix-bad-time" checked={fixes.dropBadTime} onChange={(e) => set({ dropBadTime: e.currentTarget.checked })} /> drop rows whose
          time cannot be read
        </label>
        <label>
          forward-fill gaps up to{' '}
          <input
            type="number"
            min={0}
            max={1000}
            style={{ width: '4rem' }}
            data-testid="fix-fill-gaps"
            value={fixes.forwardFillGaps}
            onChange={(e) => set({ forwardFillGaps: Math.max(0, Math.floor(Number(e.currentTarget.value) || 0)) })}
          />{' '}
          bars (0 = leave gaps)
        </label>
        <label>
          <input type="checkbox" data-testid="fix-outliers" checked={fixes.markOutliers} onChange={(e) => set({ markOutliers: e.currentTarget.checked })} /> mark outlier
          returns (|log return| beyond{' '}
          <input
            type="number"
            min={1}
            step={0.5}
            style={{ width: '4rem' }}
            data-testid="fix-outlier-z"
            value={fixes.outlierZ}
            onChange={(e) => set({ outlierZ: Math.max(0.5, Number(e.currentTarget.value) || 8) })}
          />{' '}
          robust sigmas) in a 0/1 column
        </label>
      </div>
      {preview?.error ? (
        <p className="error" data-testid="fix-error">
          {preview.error}
        </p>
      ) : null}
      {preview?.applied ? (
        <ul data-testid="fix-summary">
          {describeApplied(preview.applied, fixes).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
      <button data-testid="create-notebook" disabled={!creatable || busy} onClick={() => void actions.createNotebook()}>
        Create notebook
      </button>
    </div>
  );
}
