/**
 * What a saved (deployable) model needs besides its weights to forecast again: the notebook that
 * made it, the data it saw, the feature and target names, the scaling it learned (fit on its
 * training rows only) and where it ran. A stored format (IndexedDB rows, meta.json files): it is
 * parsed on every read, and a change needs a new version.
 */
import { z } from 'zod';
import type { FoldFit } from '../core/foldData';
import { notebookHash } from './canonical';
import { describeIssues } from './parse';
import { notebookSchema, trainingSchema, type NotebookDoc } from './schema';

export const DEPLOYED_MODEL_FORMAT = 'crypto-forecast-lab/deployed-model';
export const DEPLOYED_MODEL_VERSION = 1;

const finite = z.number();
const count = z.number().int().nonnegative();
/**
 * Scaling a forecast can trust: a std of 1e-300 or a mean of 1e300 turns any input into
 * Infinity. Features are prices, volumes and counts (below 1e15); targets are log returns or 0/1.
 */
const featureMean = z.number().min(-1e15).max(1e15);
const featureStd = z.number().min(1e-12, 'a feature std must be > 1e-12 (a constant feature cannot be scaled)').max(1e15);
const targetMean = z.number().min(-1e3).max(1e3);
const targetStd = z.number().min(1e-12, 'the target std must be > 1e-12').max(1e3);

export const deployedModelSchema = z
  .strictObject({
    format: z.literal(DEPLOYED_MODEL_FORMAT),
    version: z.literal(DEPLOYED_MODEL_VERSION),
    id: z.string().min(1).max(200),
    name: z.string().min(1).max(400),
    notebook: z.strictObject({
      id: z.string().min(1),
      title: z.string(),
      hash: z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 hex digest'),
      doc: notebookSchema,
    }),
    data: z.strictObject({ hash: z.string().min(1), name: z.string(), rows: count, intervalMs: z.number().nonnegative() }),
    features: z.array(z.string().min(1)).min(1),
    target: z.string().min(1),
    horizon: z.number().int().min(1),
    lookback: z.number().int().min(1),
    modelType: z.string().min(1),
    training: trainingSchema,
    fit: z.strictObject({ featureMean: z.array(featureMean), featureStd: z.array(featureStd), targetMean, targetStd }),
    trained: z.strictObject({
      /** UTC ms of the first and last training row (the rows whose targets the model learned). */
      start: finite,
      end: finite,
      rows: count,
      samples: count,
      seed: z.number().int(),
      backend: z.enum(['webgpu', 'wasm', 'cpu']),
      engine: z.string().nullable(),
      trainMs: z.number().nonnegative(),
    }),
    createdAt: count,
    /** Set on a model read back from exported files: the id it had where it was exported. */
    importedFrom: z.string().optional(),
  })
  .superRefine((m, ctx) => {
    const n = m.features.length;
    if (m.fit.featureMean.length !== n || m.fit.featureStd.length !== n) {
      ctx.addIssue({ code: 'custom', path: ['fit'], message: `the scaler has ${m.fit.featureMean.length} means and ${m.fit.featureStd.length} stds for ${n} features` });
    }
    if (notebookHash(m.notebook.doc) !== m.notebook.hash) {
      ctx.addIssue({ code: 'custom', path: ['notebook', 'hash'], message: 'does not match the stored notebook' });
    }
  });

export type DeployedModelMeta = z.output<typeof deployedModelSchema>;

export class DeployedModelFormatError extends Error {
  override readonly name = 'DeployedModelFormatError';
}

/** Parses untrusted metadata (an IndexedDB row, a meta.json); `where` names it in the error. */
export function parseDeployedModel(input: unknown, where: string): DeployedModelMeta {
  const parsed = deployedModelSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = describeIssues(parsed.error);
  const more = problems.length > 3 ? ` and ${problems.length - 3} more` : '';
  throw new DeployedModelFormatError(
    `${where} is not ${DEPLOYED_MODEL_FORMAT} v${DEPLOYED_MODEL_VERSION} metadata: ${problems.slice(0, 3).join('; ')}${more}`,
  );
}

/** The scaling a model learned, as stored (plain arrays) and as used (a FoldFit). */
export function storedFit(fit: FoldFit): DeployedModelMeta['fit'] {
  return {
    featureMean: Array.from(fit.featureScaler.mean),
    featureStd: Array.from(fit.featureScaler.std),
    targetMean: fit.targetMean,
    targetStd: fit.targetStd,
  };
}

export function foldFitOf(fit: DeployedModelMeta['fit']): FoldFit {
  return {
    featureScaler: { mean: Float64Array.from(fit.featureMean), std: Float64Array.from(fit.featureStd) },
    targetMean: fit.targetMean,
    targetStd: fit.targetStd,
  };
}

export function describeNotebook(id: string, doc: NotebookDoc): DeployedModelMeta['notebook'] {
  return { id, title: doc.title, hash: notebookHash(doc), doc };
}
