/**
 * The walk-forward's diagnostics options (conformal intervals, drift), declared once: they are
 * fields of the walk-forward cell, since every diagnostic reads its folds. All have defaults, so
 * diagnostics are on in every run.
 */
import { z } from 'zod';
import '../../spec/meta';

/** Training windows per fold whose forecasts are kept for calibration (the most `calibrationSize` may ask for). */
export const CALIBRATION_MAX = 2000;

export const diagnosticsFields = {
  intervalLevels: z
    .array(z.number().gt(0).lt(1))
    .min(1)
    .max(5)
    .refine((q) => q.every((v, i) => i === 0 || v > q[i - 1]!), { message: 'interval levels must be strictly increasing' })
    .default([0.8, 0.95])
    .meta({ description: 'Coverage levels of the split conformal intervals (absolute residuals of a calibration tail of each training window).', unit: 'fraction' }),
  adaptiveIntervals: z
    .boolean()
    .default(false)
    .meta({ description: 'Scale each interval by the trailing volatility of the target known at forecast time (wider in turbulent periods).' }),
  calibrationSize: z
    .number()
    .int()
    .min(10)
    .max(CALIBRATION_MAX)
    .optional()
    .meta({
      description: "Last training windows of each fold whose residuals calibrate the intervals; absent = the early-stopping tail (validationFraction), or 20% when it is 0.",
      unit: 'windows',
    }),
  volatilityWindow: z.number().int().min(2).max(1000).default(20).meta({ description: 'Bars of trailing volatility for adaptive intervals.', unit: 'bars' }),
  psiBins: z
    .number()
    .int()
    .min(2)
    .max(100)
    .default(10)
    .meta({ description: "Bins of the population stability index, cut at each fold's training quantiles (an empty bin counts as 0.0001).", unit: 'bins' }),
};
