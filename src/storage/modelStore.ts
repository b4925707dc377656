/**
 * Model artifacts in IndexedDB (the `models` table of db.ts, schema unchanged): a record
 * `{ id, createdAt, artifacts }` where `artifacts` is a StoredModel: a JSON `meta` written by
 * src/ml/persist.ts (spec, target, array-model state, ensemble layout) plus one tfjs artifact per
 * layers model (modelTopology, weightSpecs, and weightData as ONE ArrayBuffer). Also a plain
 * tfjs IOHandler for a single LayersModel, and export/import of the tfjs file format
 * (model.json + model.weights.bin). Custom layers (attention) must be registered before a load:
 * importing src/ml/persist.ts does it.
 */
import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import type { CryptoForecastLabDB } from './db';
import { StorageCorruptError, withQuotaCheck } from './errors';

export const STORED_MODEL_FORMAT = 'crypto-forecast-lab/model-artifacts';
export const STORED_MODEL_VERSION = 1;

export interface StoredModel {
  /** JSON-safe description of the model (null for a bare tfjs model saved through the handler). */
  meta: unknown;
  parts: tf.io.ModelArtifacts[];
}

const partSchema = z.object({
  modelTopology: z.record(z.string(), z.unknown()),
  weightSpecs: z.array(z.object({ name: z.string(), shape: z.array(z.number()), dtype: z.string() }).loose()),
  weightData: z.instanceof(ArrayBuffer),
  format: z.string().optional(),
  generatedBy: z.string().optional(),
  convertedBy: z.string().nullable().optional(),
  userDefinedMetadata: z.record(z.string(), z.unknown()).optional(),
});
const artifactsSchema = z.object({
  format: z.literal(STORED_MODEL_FORMAT),
  version: z.literal(STORED_MODEL_VERSION),
  meta: z.unknown(),
  parts: z.array(partSchema),
});

function toPart(a: tf.io.ModelArtifacts): tf.io.ModelArtifacts {
  if (a.modelTopology === undefined || a.modelTopology instanceof ArrayBuffer || !a.weightSpecs || a.weightData === undefined) {
    throw new Error('saveModel: the artifacts need a JSON modelTopology, weightSpecs and weightData');
  }
  const part: tf.io.ModelArtifacts = {
    modelTopology: a.modelTopology,
    weightSpecs: a.weightSpecs,
    weightData: tf.io.concatenateArrayBuffers(a.weightData),
  };
  if (a.format !== undefined) part.format = a.format;
  if (a.generatedBy !== undefined) part.generatedBy = a.generatedBy;
  if (a.userDefinedMetadata !== undefined) part.userDefinedMetadata = a.userDefinedMetadata;
  return part;
}

async function artifactsOf(model: tf.LayersModel): Promise<tf.io.ModelArtifacts> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    }),
  );
  if (!saved) throw new Error('model.save handed no artifacts to the save handler');
  return saved;
}

async function put(db: CryptoForecastLabDB, id: string, model: StoredModel): Promise<void> {
  const artifacts = { format: STORED_MODEL_FORMAT, version: STORED_MODEL_VERSION, meta: model.meta, parts: model.parts.map(toPart) };
  await withQuotaCheck(() => db.models.put({ id, createdAt: Date.now(), artifacts }));
}

/** Stores a bare LayersModel, or a StoredModel (from src/ml/persist.ts exportTrained), under `id`. */
export async function saveModel(db: CryptoForecastLabDB, id: string, model: tf.LayersModel | StoredModel): Promise<void> {
  const stored = model instanceof tf.LayersModel ? { meta: null, parts: [await artifactsOf(model)] } : model;
  await put(db, id, stored);
}

/** The stored model under `id`, checked; undefined when there is none. */
export async function loadModel(db: CryptoForecastLabDB, id: string): Promise<StoredModel | undefined> {
  const row = await db.models.get(id);
  if (!row) return undefined;
  const parsed = artifactsSchema.safeParse(row.artifacts);
  if (!parsed.success) {
    throw new StorageCorruptError(
      `stored model "${id}" does not have the ${STORED_MODEL_FORMAT} v${STORED_MODEL_VERSION} shape ` +
        `(${parsed.error.issues[0]?.message ?? 'unknown'}); delete it and train again`,
    );
  }
  return { meta: parsed.data.meta, parts: parsed.data.parts as tf.io.ModelArtifacts[] };
}

export async function deleteModel(db: CryptoForecastLabDB, id: string): Promise<void> {
  await db.models.delete(id);
}

/**
 * A tfjs IOHandler on the store, for one LayersModel: `model.save(modelStoreHandler(db, id))`
 * and `tf.loadLayersModel(modelStoreHandler(db, id))`. A save keeps the record's meta, if any.
 */
export function modelStoreHandler(db: CryptoForecastLabDB, id: string): tf.io.IOHandler {
  return {
    async save(artifacts) {
      const previous = await loadModel(db, id).catch(() => undefined);
      await put(db, id, { meta: previous?.meta ?? null, parts: [artifacts] });
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    },
    async load() {
      const stored = await loadModel(db, id);
      const part = stored?.parts[0];
      if (!part) throw new Error(`no stored tfjs model "${id}": save it first`);
      return part;
    },
  };
}
