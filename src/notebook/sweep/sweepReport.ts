import { z } from 'zod';
import { objectiveMetricSchema } from '../cells/sweep.decl';
import { figuresSchema } from './trial';

/** The sweep report (`npm run cli -- sweep`, the browser's sweep view): every trial, the choice, its hold-out figures. */
const paramsSchema = z.record(z.string(), z.union([z.number(), z.string(), z.boolean()]));

export const sweepTrialSchema = z.object({
  id: z.string(),
  params: paramsSchema,
  /** The objective on the search folds (on the folds it reached, when pruned); null when undefined or failed. */
  objective: z.number().nullable(),
  status: z.enum(['ok', 'pruned', 'failed', 'cancelled']),
  /** Walk-forward folds the trial ran. */
  folds: z.number().int().nonnegative(),
  ms: z.number().nonnegative(),
  error: z.string().optional(),
});
export type SweepTrial = z.infer<typeof sweepTrialSchema>;

export const sweepReportSchema = z.object({
  notebookHash: z.string(),
  search: z.enum(['grid', 'random', 'tpe']),
  seed: z.number().int(),
  objective: z.object({ metric: objectiveMetricSchema, direction: z.enum(['maximize', 'minimize']) }),
  pruning: z.enum(['none', 'asha']),
  parameters: z.array(z.string()),
  trials: z.array(sweepTrialSchema),
  best: z.object({ id: z.string(), params: paramsSchema, objective: z.number().nullable() }).nullable(),
  holdout: z.object({
    fraction: z.number(),
    /** The search ran on the bars before this time; the hold-out starts here. */
    from: z.string(),
    searchFolds: z.number().int().nonnegative(),
    holdoutFolds: z.number().int().nonnegative(),
    /** The chosen configuration: its objective on the search folds and, once, on the hold-out. */
    searchObjective: z.number().nullable(),
    objective: z.number().nullable(),
    figures: figuresSchema.nullable(),
  }),
  deflatedSharpe: z.object({
    value: z.number().nullable(),
    trials: z.number().int().nonnegative(),
    sharpeVariance: z.number().nonnegative(),
    sentence: z.string(),
  }),
  cancelled: z.boolean(),
  /** Trial runs read back from the run cache instead of computed (a resumed sweep). */
  resumed: z.number().int().nonnegative(),
});
export type SweepReport = z.infer<typeof sweepReportSchema>;

/** The report without run times and resume counts, for comparing two sweeps of the same notebook. */
export function withoutTimes(report: SweepReport): SweepReport {
  return { ...report, trials: report.trials.map((t) => ({ ...t, ms: 0 })), resumed: 0 };
}
