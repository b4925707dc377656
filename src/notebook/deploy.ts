/**
 * Train-and-save and forecast-with-a-saved-model, end to end through an executor that can export
 * and import models (the page's worker pool, the CLI's in-process executor). The bundle type is
 * the executor's business (src/ml/persist ModelBundle); this file only passes it along.
 */
import type { Executor, ModelHandle, TrainProgress } from '../core/executor';
import type { FeatureTable } from '../core/featureTable';
import { DEPLOYED_MODEL_FORMAT, DEPLOYED_MODEL_VERSION, describeNotebook, foldFitOf, storedFit, type DeployedModelMeta } from './deployedModel';
import { finalModelCells, trainFinalModel } from './finalModel';
import { predictNextBar, type NextBarForecast } from './nextBar';
import { computeFeatureTable } from './runner';
import type { RunEnvironment } from './runState';
import type { NotebookDoc } from './schema';

/** An executor whose models can leave it as data and come back. */
export interface ModelPorter<B> {
  exportModel(handle: ModelHandle): Promise<B>;
  importModel(bundle: B): Promise<ModelHandle>;
}

export interface DeployEnvironment<B> {
  executor: Executor & ModelPorter<B>;
  loadData: RunEnvironment['loadData'];
  signal?: AbortSignal | undefined;
  /** Data loading and training progress, for a progress bar. */
  onProgress?: ((message: string, train?: TrainProgress) => void) | undefined;
  now?: () => number;
  /** Wall clock (UTC ms) for createdAt; default Date.now. */
  clock?: () => number;
}

function featureTableEnv<B>(env: DeployEnvironment<B>) {
  return {
    loadData: env.loadData,
    ...(env.signal ? { signal: env.signal } : {}),
    ...(env.onProgress ? { onProgress: (p: { message: string }) => env.onProgress?.(p.message) } : {}),
  };
}

export interface Deployable<B> {
  meta: DeployedModelMeta;
  bundle: B;
}

/** Trains the notebook's deployable model and returns it as metadata plus the executor's bundle. */
export async function trainDeployable<B>(notebookId: string, doc: NotebookDoc, env: DeployEnvironment<B>): Promise<Deployable<B>> {
  const { table, data } = await computeFeatureTable(doc, featureTableEnv(env));
  const { model, training } = finalModelCells(doc);
  const final = await trainFinalModel(doc, table, env.executor, {
    signal: env.signal,
    onProgress: (p) => env.onProgress?.(`training: epoch ${p.epoch}/${p.epochs}, loss ${p.loss.toFixed(4)}`, p),
    ...(env.now ? { now: env.now } : {}),
  });
  let bundle: B;
  try {
    bundle = await env.executor.exportModel(final.handle);
  } finally {
    await env.executor.release(final.handle);
  }
  const createdAt = Math.round((env.clock ?? Date.now)());
  const end = table.time[final.rows.trainEnd - 1]!;
  const meta: DeployedModelMeta = {
    format: DEPLOYED_MODEL_FORMAT,
    version: DEPLOYED_MODEL_VERSION,
    id: `${notebookId}-${createdAt.toString(36)}`,
    name: `${doc.title} · ${model.type} · to ${new Date(end).toISOString().slice(0, 10)}`,
    notebook: describeNotebook(notebookId, doc),
    data: { hash: data.hash, name: data.frame.meta.name, rows: table.time.length, intervalMs: data.frame.meta.intervalMs },
    features: [...table.names],
    target: table.targetName,
    horizon: table.horizon,
    lookback: model.lookback,
    modelType: model.type,
    training,
    fit: storedFit(final.fit),
    trained: {
      start: table.time[final.rows.trainStart]!,
      end,
      rows: final.rows.trainEnd - final.rows.trainStart,
      samples: final.samples,
      seed: doc.seed,
      backend: final.handle.backend,
      engine: final.handle.engine ?? null,
      trainMs: Math.max(0, final.trainMs),
    },
    createdAt,
  };
  return { meta, bundle };
}

/** Refuses a feature table the model was not trained on (other features, target or order). */
export function checkCompatible(meta: DeployedModelMeta, table: FeatureTable): void {
  const same = meta.features.length === table.names.length && meta.features.every((name, i) => name === table.names[i]);
  if (!same) {
    throw new Error(`model "${meta.name}" was trained on the features [${meta.features.join(', ')}], the notebook computes [${table.names.join(', ')}]`);
  }
  if (meta.target !== table.targetName) throw new Error(`model "${meta.name}" forecasts ${meta.target}, the notebook's target is ${table.targetName}`);
  // A path target and a one-bar target share the name logReturn_h1; the horizon tells them apart.
  if (meta.horizon !== table.horizon) throw new Error(`model "${meta.name}" forecasts ${meta.horizon} bars ahead, the notebook's target ${table.horizon}`);
}

/**
 * Forecasts the bar after the last one of `doc`'s data with the saved model: imports it (no
 * training), scales the latest window with the stored statistics, predicts, releases.
 */
export async function forecastWithSaved<B>(meta: DeployedModelMeta, bundle: B, doc: NotebookDoc, env: DeployEnvironment<B>): Promise<NextBarForecast> {
  const { table, data } = await computeFeatureTable(doc, featureTableEnv(env));
  checkCompatible(meta, table);
  const handle = await env.executor.importModel(bundle);
  try {
    return await predictNextBar(env.executor, handle, table, {
      modelId: meta.id,
      lookback: meta.lookback,
      training: meta.training,
      fit: foldFitOf(meta.fit),
      intervalMs: data.frame.meta.intervalMs || meta.data.intervalMs,
      dataHash: data.hash,
      close: data.frame.columns.close,
      ...(env.signal ? { signal: env.signal } : {}),
    });
  } finally {
    await env.executor.release(handle);
  }
}
