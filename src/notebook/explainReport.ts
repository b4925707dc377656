import { z } from 'zod';

/** The run report's `explain` (ARCHITECTURE.md) and the per-window series behind its views. */

const finite = z.number().refine(Number.isFinite, 'expected a finite number');

export const explainedOutputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('return') }),
  z.object({ kind: z.literal('probability') }),
  z.object({ kind: z.literal('quantile'), level: z.number() }),
]);

export const explainReportSchema = z.object({
  method: z.enum(['shapley', 'permutation']),
  /** exact: all 2^k coalitions; kernel: Kernel SHAP; permutation: permutation importance. */
  estimator: z.enum(['exact', 'kernel', 'permutation']),
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
    }),
  ),
  /** Largest |sum(values) - (prediction - base)| over the windows; null for permutation importance. */
  additivityError: z.number().nullable(),
  /** Kernel SHAP: the largest standard error of any value; null otherwise. */
  standardError: z.number().nullable(),
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
});

export type ExplainReport = z.infer<typeof explainReportSchema>;
export type ExplainSeries = z.infer<typeof explainSeriesSchema>;

/** What the explain cell hands to the report and caches under its key. */
export const explainOutputSchema = z.object({ report: explainReportSchema, series: explainSeriesSchema });
export type ExplainOutput = z.infer<typeof explainOutputSchema>;
