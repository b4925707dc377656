import { z } from 'zod';

/** The run report's `explain` (ARCHITECTURE.md) and the per-window series behind its views. */

const finite = z.number().refine(Number.isFinite, 'expected a finite number');

export const explainedOutputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('return') }),
  z.object({ kind: z.literal('probability') }),
  z.object({ kind: z.literal('quantile'), level: z.number() }),
]);

export const explainReportSchema = z.object({
  method: z.enum(['shapley', 'integratedGradients', 'permutation']),
  /** exact: all 2^k coalitions; kernel: Kernel SHAP; integratedGradients; permutation: permutation importance. */
  estimator: z.enum(['exact', 'kernel', 'integratedGradients', 'permutation']),
  grouping: z.enum(['feature', 'lag', 'featureLag']),
  /** What the numbers explain (the sentence says it too). */
  output: explainedOutputSchema,
  groups: z.array(z.string()),
  backgroundSize: z.number().int().nonnegative(),
  /** Coalitions sent through the model per window (each against the whole background). */
  coalitions: z.number().int().nonnegative(),
  /** Walk-forward fold indices whose models were explained. */
  folds: z.array(z.number().int().nonnegative()),
  /** Sorted by meanAbs, largest first. Permutation: meanSigned is the mean loss increase, spread its deviation over the repeats. */
  global: z.array(z.object({ group: z.string(), meanAbs: finite, meanSigned: finite, spread: finite })),
  windows: z.array(
    z.object({
      date: z.iso.datetime(),
      base: finite,
      prediction: finite,
      values: z.array(finite),
      /** Kernel SHAP only. */
      standardError: z.array(finite).optional(),
      /** Integrated gradients only: the trapezoid intervals this window used (more than the cell's steps after refinement). */
      steps: z.number().int().positive().optional(),
    }),
  ),
  /**
   * Largest |sum(values) - (prediction - base)| over the windows; for integrated gradients the
   * completeness error (base = f(background mean)); null for permutation importance.
   */
  additivityError: z.number().nullable(),
  /** Kernel SHAP: the largest standard error of any value; null otherwise. */
  standardError: z.number().nullable(),
  /** Integrated gradients: the declared steps, the most any window used, and the worst completeness gap relative to |f(x) - f(baseline)|. */
  integratedGradients: z.object({ steps: z.number().int().positive(), maxStepsUsed: z.number().int().positive(), relativeError: z.number().nonnegative() }).optional(),
  /** The attention model: its attention weights averaged over the explained windows (and blocks, heads, queries), per lag (index 0 = the newest bar). */
  attention: z.object({ byLag: z.array(finite), windows: z.number().int().nonnegative() }).optional(),
  permutation: z.object({ loss: z.string(), baseLoss: finite, repeats: z.number().int().positive() }).optional(),
  notes: z.array(z.string()),
});

export const explainSeriesSchema = z.object({
  /** Each group's feature (null: all) and lag range, for the feature x lag grid. */
  spans: z.array(z.object({ feature: z.string().nullable(), lagFrom: z.number().int(), lagTo: z.number().int() })),
  /** UTC ms of each explained window (the forecast chart's x). */
  time: z.array(z.number()),
  /** [window][group]: the group's feature value at lag 0 (unscaled), for the beeswarm's colour; null for multi-feature groups. */
  featureValues: z.array(z.array(z.number().nullable())),
  /** Integrated gradients: every window's attribution per cell, values[window][position * features + feature] (position lookback - 1 = lag 0). */
  cells: z.object({ features: z.array(z.string()), lookback: z.number().int().positive(), values: z.array(z.array(finite)) }).optional(),
});

export type ExplainReport = z.infer<typeof explainReportSchema>;
export type ExplainSeries = z.infer<typeof explainSeriesSchema>;

/** What the explain cell hands to the report and caches under its key. */
export const explainOutputSchema = z.object({ report: explainReportSchema, series: explainSeriesSchema });
export type ExplainOutput = z.infer<typeof explainOutputSchema>;

/** One line saying how the numbers were made (the UI's summary and the CLI's footer). */
export function describeEstimator(report: ExplainReport): string {
  const ig = report.integratedGradients;
  switch (report.estimator) {
    case 'exact':
      return `exact group Shapley over all ${2 ** report.groups.length} coalitions of ${report.groups.length} groups`;
    case 'kernel':
      return `Kernel SHAP over ${report.groups.length} groups, ${report.coalitions} coalitions per window (largest standard error ${(report.standardError ?? 0).toExponential(1)})`;
    case 'integratedGradients':
      return `integrated gradients from the mean of the background, ${ig?.steps ?? 0} steps${ig && ig.maxStepsUsed > ig.steps ? ` (refined up to ${ig.maxStepsUsed} where the gap passed the tolerance)` : ''}; completeness gap at worst ${((ig?.relativeError ?? 0) * 100).toFixed(2)}% of f(x) - f(baseline)`;
    case 'permutation':
      return `permutation importance (${report.permutation?.loss ?? 'loss'} increase, ${report.permutation?.repeats ?? 0} repeats)`;
  }
}
