/**
 * Training options, declared once: the notebook's model cell holds `trainingSchema`; the
 * executor contract (`TrainingSpec`) is the same fields plus the run's seed and the objective as
 * a target, and the compute worker checks an incoming one with `executorTrainingSchema`.
 */
import { z } from 'zod';
import './meta';

const quantilesField = z
  .array(z.number().gt(0).lt(1))
  .min(1)
  .max(9)
  .refine((q) => q.every((v, i) => i === 0 || v > q[i - 1]!), { message: 'quantiles must be strictly increasing' })
  .default([0.1, 0.5, 0.9])
  .meta({ description: 'Quantile levels for the quantile objective, strictly increasing in (0, 1).' });

export const trainingFields = {
  epochs: z.number().int().min(1).max(1000).meta({ description: 'Passes over the training windows (early stopping may end sooner).' }),
  batchSize: z.number().int().min(1).max(4096).meta({ description: 'Windows per gradient step.', unit: 'windows' }),
  learningRate: z.number().positive().max(1).meta({ description: 'Adam step size.' }),
  validationFraction: z
    .number()
    .min(0)
    .max(0.5)
    .default(0.1)
    .meta({ description: "Tail of each fold's training windows held out for early stopping (never the test fold); 0 = off.", unit: 'fraction' }),
  patience: z.number().int().min(1).max(1000).default(5).meta({ description: 'Epochs without a validation improvement before stopping (best weights kept).', unit: 'epochs' }),
  clipNorm: z.number().positive().max(1e6).optional().meta({ description: 'Clip gradients to this global L2 norm before each step; absent = no clipping.' }),
  lrSchedule: z
    .enum(['constant', 'cosine', 'step'])
    .default('constant')
    .meta({ description: 'constant; cosine (per batch, to 0 at the end); step (halve every third of the epochs).' }),
};

export const trainingSchema = z
  .strictObject({
    ...trainingFields,
    objective: z
      .enum(['regression', 'direction', 'quantile'])
      .default('regression')
      .meta({ description: 'regression: the return itself (MSE); direction: P(up), logistic loss; quantile: pinball loss per quantile.' }),
    quantiles: quantilesField,
  })
  .meta({ title: 'Training', description: 'How each fold trains the model.' });

/** The objective as the executor receives it. */
export const objectiveTargetSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('regression') }),
  z.strictObject({ type: z.literal('direction') }),
  z.strictObject({ type: z.literal('quantile'), quantiles: quantilesField }),
]);

export const seedField = z.number().int().meta({ description: 'Seed of initial weights, shuffles and dropout masks: same seed, same weights.' });

export const executorTrainingSchema = z.strictObject({
  ...trainingFields,
  seed: seedField,
  /**
   * Windows dropped between the training part and the validation tail, so no training target
   * overlaps a validation window (the walk-forward purge, lookback + target bars - 1).
   */
  validationPurge: z
    .number()
    .int()
    .min(0)
    .max(100_000)
    .optional()
    .meta({ description: 'Windows left out between the training part and the early-stopping tail (default lookback + horizon - 1).', unit: 'windows' }),
  target: objectiveTargetSchema.default({ type: 'regression' }),
});

/** The training defaults, read from the declaration (for code that reads an unchecked TrainingSpec). */
export const TRAINING_DEFAULTS = {
  validationFraction: trainingFields.validationFraction.parse(undefined),
  patience: trainingFields.patience.parse(undefined),
  lrSchedule: trainingFields.lrSchedule.parse(undefined),
} as const;

export type TrainingCellSpec = z.output<typeof trainingSchema>;
/** Training as a caller may send it to an executor (defaults optional). */
export type TrainingSpec = z.input<typeof executorTrainingSchema>;
/** Training with every default filled, as the trainer reads it. */
export type ResolvedTraining = z.output<typeof executorTrainingSchema>;
export type ObjectiveTarget = z.input<typeof objectiveTargetSchema>;
/** The objective with its quantiles filled in. */
export type ResolvedTarget = z.output<typeof objectiveTargetSchema>;
