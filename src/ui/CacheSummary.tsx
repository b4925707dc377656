import type { RunReport } from '../state/labState';

/** One line: which cells and walk-forward folds the run took from the run cache. */
export function CacheSummary({ report }: { report: RunReport }) {
  const cache = report.cache;
  if (!cache) return null;
  const cells = Object.entries(cache.cells);
  const hits = cells.filter(([, status]) => status === 'hit').map(([id]) => id);
  const foldHits = cache.folds.filter((status) => status === 'hit').length;
  return (
    <p className="muted" data-testid="run-cache">
      From the run cache: {hits.length ? hits.join(', ') : 'no cell'}
      {cache.folds.length ? `; ${foldHits} of ${cache.folds.length} folds (${cache.folds.length - foldHits} trained)` : ''}
      {cache.problems?.length ? `; not stored: ${cache.problems.length} (${cache.problems[0]})` : ''}
    </p>
  );
}
