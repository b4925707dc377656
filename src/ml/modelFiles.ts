/**
 * A trained model as files, in the tfjs layers format: `model.json` (modelTopology +
 * weightsManifest) and `weights.bin`, which `tf.loadLayersModel` reads as they are, plus our
 * `meta.json` (the trained model's description, the deployment metadata and the file list).
 * An ensemble adds `model-<i>.json` + `weights-<i>.bin` per further network; an array model
 * (naive, drift, ridge) is meta.json alone. Bytes in, bytes out: the page turns them into
 * downloads, the CLI into files. No tfjs at run time here, so the page bundle stays light.
 */
import type * as tf from '@tensorflow/tfjs';
import { z } from 'zod';

export const MODEL_FILES_FORMAT = 'crypto-forecast-lab/model-files';
export const MODEL_FILES_VERSION = 1;
export const META_FILE = 'meta.json';

export type ModelFileMap = Map<string, Uint8Array<ArrayBuffer>>;

/** A trained model as data (src/ml/persist ModelBundle, with its meta not yet checked). */
export interface PortableBundle {
  meta: unknown;
  parts: tf.io.ModelArtifacts[];
}

export class ModelFilesError extends Error {
  override readonly name = 'ModelFilesError';
}

const partNames = (i: number) => (i === 0 ? { model: 'model.json', weights: 'weights.bin' } : { model: `model-${i}.json`, weights: `weights-${i}.bin` });

const metaFileSchema = z.object({
  format: z.literal(MODEL_FILES_FORMAT),
  version: z.literal(MODEL_FILES_VERSION),
  deployment: z.unknown(),
  trained: z.record(z.string(), z.unknown()),
  parts: z.array(z.object({ model: z.string().min(1), weights: z.string().min(1) })),
});

function concat(data: tf.io.WeightData | undefined): Uint8Array<ArrayBuffer> {
  const buffers = data === undefined ? [] : Array.isArray(data) ? data : [data];
  const out = new Uint8Array(buffers.reduce((sum, b) => sum + b.byteLength, 0));
  let at = 0;
  for (const b of buffers) {
    out.set(new Uint8Array(b), at);
    at += b.byteLength;
  }
  return out;
}

const encode = (value: unknown): Uint8Array<ArrayBuffer> => new TextEncoder().encode(JSON.stringify(value, null, 1));

/** The bundle (src/ml/persist exportTrained) and our deployment metadata as files. */
export function bundleToFiles(bundle: PortableBundle, deployment: unknown): ModelFileMap {
  const files: ModelFileMap = new Map();
  const names = bundle.parts.map((part, i) => {
    const { model, weights } = partNames(i);
    if (part.modelTopology === undefined || part.modelTopology instanceof ArrayBuffer) {
      throw new ModelFilesError(`network ${i} has no JSON modelTopology to write`);
    }
    const modelJson: tf.io.ModelJSON = {
      modelTopology: part.modelTopology,
      format: part.format ?? 'layers-model',
      generatedBy: part.generatedBy ?? 'TensorFlow.js tfjs-layers',
      convertedBy: null,
      weightsManifest: [{ paths: [weights], weights: part.weightSpecs ?? [] }],
    };
    files.set(model, encode(modelJson));
    files.set(weights, concat(part.weightData));
    return { model, weights };
  });
  files.set(META_FILE, encode({ format: MODEL_FILES_FORMAT, version: MODEL_FILES_VERSION, deployment, trained: bundle.meta, parts: names }));
  return files;
}

/** "model (1).json" -> "model.json": a browser renames a download whose name is taken. */
export function normalizeFileName(name: string): string {
  return name.replace(/ \(\d+\)(?=\.[^.]+$)/, '');
}

const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1 };

function expectedBytes(specs: tf.io.WeightsManifestEntry[]): number | null {
  let total = 0;
  for (const spec of specs) {
    const size = BYTES[spec.dtype];
    if (size === undefined || spec.quantization) return null;
    total += spec.shape.reduce((a, b) => a * b, 1) * size;
  }
  return total;
}

function parseJson(files: ReadonlyMap<string, Uint8Array>, name: string, why: string): unknown {
  const bytes = files.get(name);
  if (!bytes) throw new ModelFilesError(`"${name}" is missing: ${why}`);
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch (err) {
    throw new ModelFilesError(`"${name}" is not JSON (${err instanceof Error ? err.message : String(err)}): choose the file Export wrote`);
  }
}

function readPart(files: ReadonlyMap<string, Uint8Array>, name: string): tf.io.ModelArtifacts {
  const json = parseJson(files, name, 'choose it together with meta.json and the weights') as Partial<tf.io.ModelJSON> | null;
  if (!json || typeof json.modelTopology !== 'object' || json.modelTopology === null || !Array.isArray(json.weightsManifest)) {
    throw new ModelFilesError(`"${name}" is not a tfjs layers model.json (it needs modelTopology and weightsManifest)`);
  }
  const specs = json.weightsManifest.flatMap((group) => group.weights);
  const chunks = json.weightsManifest.flatMap((group) => group.paths).map((path) => {
    const bytes = files.get(path);
    if (!bytes) throw new ModelFilesError(`"${path}" is missing: ${name} names it as its weights file; choose it too`);
    return bytes;
  });
  const weights = concat(chunks.map((c) => c.slice().buffer));
  const expected = expectedBytes(specs);
  const which = json.weightsManifest.flatMap((g) => g.paths).join(' + ');
  if (expected !== null && expected !== weights.byteLength) {
    throw new ModelFilesError(`"${which}" has ${weights.byteLength} bytes, ${name} describes ${expected}: the file is truncated or belongs to another model`);
  }
  if (expected !== null) checkFiniteWeights(specs, weights, which);
  return {
    modelTopology: json.modelTopology,
    weightSpecs: specs,
    weightData: weights.buffer,
    ...(json.format !== undefined ? { format: json.format } : {}),
    ...(json.generatedBy !== undefined ? { generatedBy: json.generatedBy } : {}),
  };
}

/** Every float32 weight must be a finite number: a NaN or Infinity weight forecasts NaN. */
function checkFiniteWeights(specs: tf.io.WeightsManifestEntry[], weights: Uint8Array<ArrayBuffer>, file: string): void {
  const view = new DataView(weights.buffer, weights.byteOffset, weights.byteLength);
  let offset = 0;
  for (const spec of specs) {
    const count = spec.shape.reduce((a, b) => a * b, 1);
    if (spec.dtype === 'float32') {
      for (let i = 0; i < count; i++) {
        const v = view.getFloat32(offset + 4 * i, true);
        if (!Number.isFinite(v)) {
          throw new ModelFilesError(`"${file}": weight "${spec.name}" has ${v} at index ${i} of ${count}: the model is damaged (or its training diverged); train and export it again`);
        }
      }
    }
    offset += count * BYTES[spec.dtype]!;
  }
}

type Topology = { config?: { layers?: unknown }; model_config?: { config?: { layers?: unknown } } };

/** The batch input shape of a layers model ([null, lookback, features]), or null when the topology does not say. */
export function inputShapeOf(topology: unknown): Array<number | null> | null {
  const t = topology as Topology | null;
  const layers = t?.model_config?.config?.layers ?? t?.config?.layers;
  if (!Array.isArray(layers)) return null;
  for (const layer of layers as Array<{ config?: { batch_input_shape?: unknown } }>) {
    const shape = layer.config?.batch_input_shape;
    if (Array.isArray(shape)) return shape as Array<number | null>;
  }
  return null;
}

const shapeSchema = z.looseObject({ lookback: z.number().int().positive(), features: z.number().int().positive() });
const deploymentShapeSchema = z.looseObject({ lookback: z.number().int().positive(), features: z.array(z.string()).min(1) });

/**
 * The networks must take what meta.json says they take: lookback x features, the same in the
 * trained model's description and in the deployment metadata (when it has them).
 */
function checkShapes(trained: unknown, deployment: unknown, parts: tf.io.ModelArtifacts[], names: string[]): void {
  const shape = shapeSchema.safeParse(trained);
  if (!shape.success) return;
  const { lookback, features } = shape.data;
  const deployed = deploymentShapeSchema.safeParse(deployment);
  if (deployed.success && (deployed.data.lookback !== lookback || deployed.data.features.length !== features)) {
    throw new ModelFilesError(
      `"${META_FILE}": the deployment says lookback ${deployed.data.lookback} x ${deployed.data.features.length} features, the trained model ${lookback} x ${features}: the metadata belongs to another model`,
    );
  }
  parts.forEach((part, i) => {
    const input = inputShapeOf(part.modelTopology);
    if (input === null) return;
    if (input.length !== 3 || input[1] !== lookback || input[2] !== features) {
      throw new ModelFilesError(`"${names[i]}": the network takes input ${JSON.stringify(input)}, but ${META_FILE} says [null, ${lookback}, ${features}] (lookback x features): the files belong to different models`);
    }
  });
}

/** Files written by bundleToFiles back into a bundle and the (still unchecked) deployment metadata. */
export function filesToBundle(files: ReadonlyMap<string, Uint8Array>): { deployment: unknown; bundle: PortableBundle } {
  const raw = parseJson(
    files,
    META_FILE,
    'choose the files Export wrote (model.json, weights.bin and meta.json); a tfjs model without meta.json lacks the feature names and scaling a forecast needs',
  );
  const meta = metaFileSchema.safeParse(raw);
  if (!meta.success) {
    const format = (raw as { format?: unknown } | null)?.format;
    if (format !== MODEL_FILES_FORMAT) throw new ModelFilesError(`"${META_FILE}" is not a Crypto Forecast Lab model file (format ${JSON.stringify(format ?? null)})`);
    const issue = meta.error.issues[0];
    throw new ModelFilesError(`"${META_FILE}" is damaged: ${issue ? `${issue.path.join('.') || '(file)'}: ${issue.message}` : 'unknown problem'}`);
  }
  const parts = meta.data.parts.map((p) => readPart(files, p.model));
  checkShapes(meta.data.trained, meta.data.deployment, parts, meta.data.parts.map((p) => p.model));
  return { deployment: meta.data.deployment, bundle: { meta: meta.data.trained, parts } };
}
