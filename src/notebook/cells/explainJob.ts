import type { ModelSpec } from '../../core/executor';
import type { AttributionGroup } from '../../core/explain';
import type { ExplainReport } from '../explainReport';
import type { CellContext } from '../runState';
import type { CellOf } from '../schema';
import type { FoldModel } from './explainModel';
import type { ChosenWindow } from './explainWindows';

/** One fold's explanation request: its model, its chosen test windows and the groups. */
export interface FoldJob {
  cell: CellOf<'explain'>;
  ctx: CellContext;
  model: FoldModel;
  chosen: ChosenWindow[];
  groups: readonly AttributionGroup[];
  /** Progress within this fold, 0..1. */
  progress(fraction: number, message: string): void;
}

/** What a method yields for one fold: attributions per window (Shapley), or one global ranking (permutation). */
export type FoldResult =
  | {
      kind: 'windows';
      estimator: ExplainReport['estimator'];
      backgroundSize: number;
      coalitions: number;
      windows: ExplainReport['windows'];
      /** UTC ms and beeswarm colour values of each window (explainSeriesSchema). */
      time: number[];
      featureValues: (number | null)[][];
      /** Integrated gradients: each window's attribution per cell, and the worst completeness gap relative to f(x) - f(baseline). */
      cells?: number[][];
      relativeError?: number;
    }
  | { kind: 'global'; global: ExplainReport['global']; permutation: NonNullable<ExplainReport['permutation']> };

/** How a method explains one fold; the explain cell picks one by the cell's `method`. */
export type FoldExplainer = (job: FoldJob) => Promise<FoldResult>;

export interface Explainer {
  explain: FoldExplainer;
  /** Why the method cannot explain this model (checked before any training), or null. */
  refuses?: (model: ModelSpec) => string | null;
}
