import { z } from 'zod';
import type { FeatureTable } from '../core/featureTable';

/** The features cell's output in the run cache: the feature table and its look-ahead check. */

const f64 = z.custom<Float64Array>((v) => v instanceof Float64Array, 'expected a Float64Array');
const int = z.number().int().nonnegative();

export const cachedFeaturesSchema = z
  .object({
    table: z.object({
      time: f64,
      names: z.array(z.string()),
      features: z.array(f64),
      target: f64,
      targetName: z.string(),
      horizon: int,
      steps: int,
      firstComplete: int,
    }),
    leakage: z.object({ featuresChecked: int, cuts: z.array(int) }),
  })
  .refine(({ table: t }) => t.features.length === t.names.length && [t.target, ...t.features].every((c) => c.length === t.time.length), 'feature columns differ in length');

export type CachedFeatures = z.infer<typeof cachedFeaturesSchema>;

export function encodeFeatures(table: FeatureTable, leakage: CachedFeatures['leakage']): CachedFeatures {
  const { time, names, features, target, targetName, horizon, steps, firstComplete } = table;
  return { table: { time, names, features, target, targetName, horizon, steps, firstComplete }, leakage };
}
