import { sampleRows } from '../../core/explain';
import type { FeatureTable } from '../../core/featureTable';
import type { Fold } from '../../core/walkforward';
import { buildWindows } from '../../core/windows';
import type { CellOf } from '../schema';

export interface ChosenWindow {
  fold: Fold;
  /** Index into the fold's test windows (foldData.prepareFold's `test`, in time order). */
  index: number;
}

/** The test windows the cell explains: of the last fold or every fold; all, the last N, or N sampled (seeded). */
export function chooseWindows(cell: CellOf<'explain'>, folds: readonly Fold[], table: FeatureTable, lookback: number): ChosenWindow[] {
  const last = folds[folds.length - 1];
  if (!last) throw new Error('the explain cell found no walk-forward fold');
  const candidates: ChosenWindow[] = [];
  for (const fold of cell.fold === 'last' ? [last] : folds) {
    // Scaling never changes which windows exist, so the raw table tells which test windows there are.
    const { n } = buildWindows(table.features, table.target, fold.testStart, fold.testEnd, lookback, table.steps);
    for (let index = 0; index < n; index++) candidates.push({ fold, index });
  }
  if (candidates.length === 0) throw new Error('the explain cell found no complete test window in the chosen folds');
  if (cell.windows === 'all') return candidates;
  if (cell.windows === 'last') return candidates.slice(-cell.windowCount);
  return sampleRows(candidates.length, cell.windowCount, cell.seed).map((i) => candidates[i]!);
}
