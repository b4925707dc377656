import { holdoutFoldCount } from '../../core/sweep/holdout';
import type { Dimension } from '../../core/sweep/space';
import { walkforwardFolds } from '../cells/walkforwardFolds';
import type { ParameterDomain } from '../cells/sweep.decl';
import { computeFeatureTable } from '../runner';
import type { RunEnvironment } from '../runState';
import type { CellOf, NotebookDoc } from '../schema';
import { resolveParameter, type ResolvedParameter } from './paths';

export interface SweepPlan {
  sweep: CellOf<'sweep'>;
  /** The notebook without its sweep cell: what every trial changes a copy of. */
  base: NotebookDoc;
  resolved: ResolvedParameter[];
  space: Dimension[];
}

function dimension(name: string, domain: ParameterDomain): Dimension {
  if (Array.isArray(domain)) return { name, kind: 'choice', values: domain };
  return { name, kind: 'range', min: domain.min, max: domain.max, scale: domain.scale, integer: domain.integer, steps: domain.steps };
}

export function planSweep(doc: NotebookDoc): SweepPlan {
  const sweeps = doc.cells.filter((c): c is CellOf<'sweep'> => c.kind === 'sweep');
  if (sweeps.length !== 1) throw new Error(`a sweep needs exactly one sweep cell; the notebook has ${sweeps.length}: ${sweeps.length === 0 ? 'add one' : 'remove all but one'}`);
  const sweep = sweeps[0]!;
  if (Object.keys(sweep.parameters).length === 0) throw new Error(`sweep cell "${sweep.id}" names no parameters: add one, e.g. "parameters": { "model.units": [8, 16, 32] }`);
  const resolved = Object.entries(sweep.parameters).map(([name, domain]) => {
    const found = resolveParameter(doc, name, domain);
    if (typeof found === 'string') throw new Error(`sweep cell "${sweep.id}" parameters.${name}: ${found}`);
    return found;
  });
  return { sweep, base: { ...doc, cells: doc.cells.filter((c) => c.kind !== 'sweep') }, resolved, space: Object.entries(sweep.parameters).map(([n, d]) => dimension(n, d)) };
}

/** Where the hold-out starts: the base notebook's folds, the last `fraction` of them held out. */
export interface HoldoutLayout {
  folds: number;
  searchFolds: number;
  holdoutFolds: number;
  /** First bar time of the hold-out (UTC ms): trials see only bars before it. */
  from: number;
  /** The time before which a trial sees exactly its first k search folds (k = 1..searchFolds). */
  untilAfterFolds(k: number): number;
}

export async function holdoutLayout(plan: SweepPlan, env: Omit<RunEnvironment, 'executor' | 'versions'>): Promise<HoldoutLayout> {
  const { table } = await computeFeatureTable(plan.base, env);
  const model = plan.base.cells.find((c): c is CellOf<'model'> => c.kind === 'model');
  const walkforward = plan.base.cells.find((c): c is CellOf<'walkforward'> => c.kind === 'walkforward');
  if (!model || !walkforward) throw new Error('a sweep needs a model and a walkforward cell');
  const { folds } = walkforwardFolds(walkforward, table, model.model.lookback);
  const holdoutFolds = holdoutFoldCount(folds.length, plan.sweep.holdout);
  const searchFolds = folds.length - holdoutFolds;
  if (searchFolds < 1) {
    throw new Error(`sweep cell "${plan.sweep.id}": the walk-forward has ${folds.length} fold(s); holding out ${holdoutFolds} leaves none to search on: add data or lower walkforward.testSize/step (a sweep needs at least 2 folds)`);
  }
  const untilAfterFolds = (k: number) => table.time[folds[Math.min(k, searchFolds)]!.testStart]!;
  return { folds: folds.length, searchFolds, holdoutFolds, from: untilAfterFolds(searchFolds), untilAfterFolds };
}
