export type { SweepReport, SweepTrial } from '../notebook/sweep/sweepReport';
import { holdoutFoldCount } from '../core/sweep/holdout';
import type { ParameterDomain } from '../notebook/cells/sweep.decl';
import type { NotebookDoc } from '../notebook/schema';
import type { SweepReport, SweepTrial } from '../notebook/sweep/sweepReport';

export interface SweepState {
  status: 'idle' | 'running' | 'done' | 'cancelled' | 'error';
  /** Trials as they finish (the report's list once it is done). */
  trials: SweepTrial[];
  total: number;
  report: SweepReport | null;
  error: string | null;
  /** The two parameters the heatmap shows. */
  axes: [string, string] | null;
}

export function initialSweepState(): SweepState {
  return { status: 'idle', trials: [], total: 0, report: null, error: null, axes: null };
}

/** The notebook's sweep cell's parameter domains (the same object while the cell is unchanged), or null. */
export function sweepDomains(doc: NotebookDoc | null): Readonly<Record<string, ParameterDomain>> | null {
  const cell = doc?.cells.find((c) => c.kind === 'sweep');
  return cell?.kind === 'sweep' ? cell.parameters : null;
}

/** Each parameter's axis in the sweep views: a list of values in its order, a range on its scale. */
export function axisScales(domains: Readonly<Record<string, ParameterDomain>> | null): Record<string, 'ordinal' | 'linear' | 'log'> {
  return Object.fromEntries(Object.entries(domains ?? {}).map(([name, d]) => [name, Array.isArray(d) ? 'ordinal' : d.scale]));
}

/** How many of the last walk-forward folds a sweep cell in `doc` holds out (0 without a sweep cell). */
export function sweepHoldoutFolds(doc: NotebookDoc | null, folds: number): number {
  const cell = doc?.cells.find((c) => c.kind === 'sweep');
  return cell?.kind === 'sweep' ? holdoutFoldCount(folds, cell.holdout) : 0;
}
