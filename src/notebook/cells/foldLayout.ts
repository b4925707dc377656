import type { FeatureTable } from '../../core/featureTable';
import { walkForwardSplits, type Fold } from '../../core/walkforward';
import type { CellOf } from '../schema';

/** The walk-forward cell's folds over a feature table, for a model with `lookback` (the purge grows with it). */
export function foldLayout(cell: CellOf<'walkforward'>, table: FeatureTable, lookback: number): { folds: Fold[]; purge: number; embargo: number } {
  const minPurge = lookback + table.horizon - 1;
  const purge = cell.purge ?? minPurge;
  if (purge < minPurge) {
    throw new Error(`walk-forward purge ${purge} is too small: it must be at least lookback + horizon - 1 = ${minPurge}`);
  }
  // The last `horizon` rows have no target yet, so they can neither train nor be scored.
  const embargo = cell.embargo ?? 0;
  const folds = walkForwardSplits(table.time.length - table.horizon, {
    mode: cell.mode,
    trainSize: cell.trainSize,
    testSize: cell.testSize,
    step: cell.step,
    purge,
    embargo,
    start: table.firstComplete + lookback - 1,
  });
  return { folds, purge, embargo };
}
