import { z } from 'zod';

/**
 * The run report's `diagnostics`: calibrated intervals (split conformal), drift between each
 * fold's training and test rows (PSI, KS) and the learning curves of every trained fold.
 */

const nullableNumber = z.number().nullable();
const int = z.number().int().nonnegative();

export const coverageLevelSchema = z.object({
  level: z.number().gt(0).lt(1),
  /** Share of test actuals inside the interval; null without a finite actual. */
  coverage: nullableNumber,
  /** Mean interval width in return units; null when the calibration was too small for the level. */
  meanWidth: nullableNumber,
  n: int,
});

export const conformalReportSchema = z.object({
  method: z.literal('split conformal'),
  adaptive: z.boolean(),
  volatilityWindow: z.number().int().positive().optional(),
  /** How the calibration windows were chosen, and whether the training steps saw them. */
  calibration: z.object({ windows: int, heldOut: z.boolean(), sentence: z.string() }),
  levels: z.array(coverageLevelSchema),
  folds: z.array(
    z.object({
      index: int,
      calibrationWindows: int,
      levels: z.array(coverageLevelSchema.extend({ quantile: nullableNumber })),
    }),
  ),
  /** Quantile objective: the model's own outer-quantile band, for comparison. */
  quantileModel: z.object({ nominal: z.number(), coverage: z.number() }).optional(),
});

export const driftReportSchema = z.object({
  bins: z.number().int().min(2),
  epsilon: z.number().positive(),
  /** Feature columns, then the target. */
  columns: z.array(z.string()),
  folds: z.array(
    z.object({
      index: int,
      /** The fold's model RMSE, beside its drift. */
      rmse: nullableNumber,
      columns: z.record(z.string(), z.object({ psi: nullableNumber, ks: nullableNumber })),
    }),
  ),
});

export const learningCurveReportSchema = z.object({
  fold: int,
  train: z.array(nullableNumber),
  val: z.array(nullableNumber),
  bestEpoch: z.number().int().positive().nullable(),
  diagnosis: z.enum(['over-fitting', 'still improving', 'not learning', 'no clear sign', 'too short']),
  sentence: z.string(),
});

export const diagnosticsReportSchema = z.object({
  /** Absent for direction models (their forecast is a probability, not a return). */
  conformal: conformalReportSchema.optional(),
  drift: driftReportSchema,
  learningCurves: z.array(learningCurveReportSchema),
});

export type DiagnosticsReport = z.infer<typeof diagnosticsReportSchema>;
export type ConformalReport = z.infer<typeof conformalReportSchema>;
export type DriftReport = z.infer<typeof driftReportSchema>;
export type LearningCurveReport = z.infer<typeof learningCurveReportSchema>;

/** A gap between training and test (ARCHITECTURE.md: train | embargo | purge | test), for the fold timeline. */
export const foldGapSchema = z.object({ rows: int, start: z.iso.datetime().nullable(), end: z.iso.datetime().nullable() });

/** Stitched conformal bands beside the forecast series (null where the calibration was too small for the level). */
export const intervalSeriesSchema = z.array(
  z.object({ level: z.number().gt(0).lt(1), lower: z.array(nullableNumber), upper: z.array(nullableNumber) }),
);
