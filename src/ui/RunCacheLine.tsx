import { useLabActions, useLabState } from './LabContext';

/** The Library's line on the run cache (reruns reuse its entries) with a button to empty it. */
export function RunCacheLine() {
  const actions = useLabActions();
  const runCache = useLabState((s) => s.library.view?.runCache);
  if (!runCache) return null;
  return (
    <p className="muted" data-testid="library-run-cache">
      Run cache: {runCache.entries} {runCache.entries === 1 ? 'entry' : 'entries'}, {runCache.size}{' '}
      <button data-testid="library-clear-run-cache" onClick={() => void actions.clearRunCache()} disabled={runCache.entries === 0}>
        Clear
      </button>
    </p>
  );
}
