/**
 * A trained model as plain, storable data: a JSON description (`meta`) plus one tfjs artifact
 * (modelTopology, weightSpecs, weightData) per layers model inside it. Array models (naive,
 * drift, ridge) live entirely in `meta`; an ensemble nests its members' metas and points at
 * their parts. src/storage/modelStore.ts writes this to IndexedDB and exports the tfjs format;
 * this file knows tfjs and the registry, storage knows neither.
 */
import * as tf from '@tensorflow/tfjs';
// Registers the custom layers so attention (and dropout) models deserialize.
import './models/layers';
import { modelDefinition, parseModelSpec } from './models/registry';
import { outputsPerStep, resolveTarget, type FittedModel, type ModelShape, type StackWeights, type TrainedModel } from './models/types';

export const BUNDLE_FORMAT = 'crypto-forecast-lab/trained-model';
export const BUNDLE_VERSION = 1;

type Body =
  | { kind: 'layers'; part: number }
  | { kind: 'array'; state: unknown }
  | { kind: 'ensemble'; combine: 'mean' | 'stacked'; stack: StackWeights | null; members: TrainedMeta[] };

/** A trained model's description without its weights (which travel as `parts`). */
export interface TrainedMeta extends Omit<TrainedModel, 'built' | 'engineLabel'> {
  format: typeof BUNDLE_FORMAT;
  version: typeof BUNDLE_VERSION;
  body: Body;
}

/** Structurally the same as src/storage/modelStore's StoredModel. */
export interface ModelBundle {
  meta: TrainedMeta;
  parts: tf.io.ModelArtifacts[];
}

/** The model's artifacts with its weights in one ArrayBuffer (tfjs may hand back several). */
export async function artifactsOf(model: tf.LayersModel): Promise<tf.io.ModelArtifacts> {
  let saved: tf.io.ModelArtifacts | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const artifacts = saved as tf.io.ModelArtifacts | null;
  if (!artifacts) throw new Error('model.save handed no artifacts to the save handler');
  const { weightData } = artifacts;
  return weightData === undefined ? artifacts : { ...artifacts, weightData: tf.io.concatenateArrayBuffers(weightData) };
}

export async function exportTrained(trained: TrainedModel): Promise<ModelBundle> {
  const parts: tf.io.ModelArtifacts[] = [];
  const meta = await describe(trained, parts);
  return { meta, parts };
}

async function describe(trained: TrainedModel, parts: tf.io.ModelArtifacts[]): Promise<TrainedMeta> {
  const { built } = trained;
  let body: Body;
  if (built.kind === 'layers') {
    parts.push(await artifactsOf(built.model));
    body = { kind: 'layers', part: parts.length - 1 };
  } else if (built.kind === 'array') {
    body = { kind: 'array', state: JSON.parse(JSON.stringify(built.model.toJSON())) as unknown };
  } else {
    const members: TrainedMeta[] = [];
    for (const member of built.members) members.push(await describe(member, parts));
    body = { kind: 'ensemble', combine: built.combine, stack: built.stack, members };
  }
  const { spec, target, lookback, features, horizon, outputs, epochLoss, valLoss, bestEpoch, stoppedEarly, skippedSteps, trainSeconds } = trained;
  return {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    ...{ spec, target, lookback, features, horizon, outputs, bestEpoch, stoppedEarly, skippedSteps, trainSeconds },
    epochLoss: [...epochLoss],
    valLoss: [...valLoss],
    body,
  };
}

/** Rebuilds a TrainedModel; `meta` comes from storage, so it is checked before use. */
export async function importTrained(bundle: { meta: unknown; parts: readonly tf.io.ModelArtifacts[] }): Promise<TrainedModel> {
  const loaded: tf.LayersModel[] = [];
  try {
    return await rebuild(bundle.meta, bundle.parts, loaded);
  } catch (err) {
    loaded.forEach((m) => m.dispose());
    throw err;
  }
}

async function rebuild(raw: unknown, parts: readonly tf.io.ModelArtifacts[], loaded: tf.LayersModel[]): Promise<TrainedModel> {
  const meta = raw as Partial<TrainedMeta> | null;
  if (!meta || meta.format !== BUNDLE_FORMAT || meta.version !== BUNDLE_VERSION || !meta.spec || !meta.body) {
    throw new Error(`stored model: expected format "${BUNDLE_FORMAT}" version ${BUNDLE_VERSION}; save the model again`);
  }
  const spec = parseModelSpec(meta.spec);
  const target = resolveTarget(meta.target);
  const { lookback = 0, features = 0, horizon = 0 } = meta;
  const shape: ModelShape = { lookback, features, horizon, target, outputs: horizon * outputsPerStep(target) };
  if (meta.outputs !== shape.outputs) throw new Error(`stored model: ${meta.outputs} outputs, expected ${shape.outputs}`);
  const { body } = meta;
  let built: FittedModel;
  if (body.kind === 'layers') {
    const part = parts[body.part];
    if (!part) throw new Error(`stored model: weights part ${body.part} is missing`);
    const model = await tf.loadLayersModel(tf.io.fromMemory(part));
    loaded.push(model);
    built = { kind: 'layers', model };
  } else if (body.kind === 'array') {
    const restore = modelDefinition(spec.type).restore;
    if (!restore) throw new Error(`stored model: "${spec.type}" is not an array model`);
    built = { kind: 'array', model: restore(body.state, shape) };
  } else {
    const members: TrainedModel[] = [];
    for (const m of body.members) members.push(await rebuild(m, parts, loaded));
    built = { kind: 'ensemble', combine: body.combine, stack: body.stack, members };
  }
  return {
    spec,
    built,
    target,
    lookback,
    features,
    horizon,
    outputs: shape.outputs,
    epochLoss: meta.epochLoss ?? [],
    valLoss: meta.valLoss ?? [],
    bestEpoch: meta.bestEpoch ?? 0,
    stoppedEarly: meta.stoppedEarly ?? false,
    skippedSteps: meta.skippedSteps ?? 0,
    trainSeconds: meta.trainSeconds ?? 0,
  };
}
