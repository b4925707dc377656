/**
 * Saved (deployable) models in the page: train & save through the worker pool, list, forecast
 * the next bar with a stored model (imported into a worker, never retrained), export to and
 * import from the tfjs file format, delete. The weights module (tfjs) loads on first use.
 */
import type { BackendPreference, TrainProgress } from '../core/executor';
import { filesToBundle, normalizeFileName, bundleToFiles, type PortableBundle } from '../ml/modelFiles';
import { forecastWithSaved, trainDeployable, type DeployEnvironment } from '../notebook/deploy';
import { parseDeployedModel, type DeployedModelMeta } from '../notebook/deployedModel';
import type { NextBarForecast } from '../notebook/nextBar';
import type { NotebookDoc } from '../notebook/schema';
import type { CryptoForecastLabDB } from '../storage/db';
import { deleteDeployedModel, listDeployedModels, type DamagedModel } from '../storage/deployedModels';
import type { SavedModelGates } from './gatesService';
import type { LoadData } from './notebookData';
import type { WorkerPool } from './workerPool';

export interface SavedModelView {
  id: string;
  name: string;
  notebookId: string;
  notebookTitle: string;
  createdAt: number;
  backend: string;
  engine: string | null;
  dataHash: string;
  modelType: string;
  objective: string;
  /** ISO dates of the first and last training row. */
  trainedFrom: string;
  trainedTo: string;
  importedFrom: string | null;
}

export interface SavedModelsView {
  models: SavedModelView[];
  damaged: DamagedModel[];
}

export interface ModelFile {
  name: string;
  blob: Blob;
}

export interface TrainCallbacks {
  signal: AbortSignal;
  /** fraction 0..1 of the whole train & save. */
  onProgress(fraction: number, message: string, train?: TrainProgress): void;
}

export interface ModelServices {
  list(): Promise<SavedModelsView>;
  trainAndSave(notebookId: string, doc: NotebookDoc, preference: BackendPreference, callbacks: TrainCallbacks): Promise<SavedModelView>;
  predict(id: string, preference: BackendPreference, signal?: AbortSignal): Promise<NextBarForecast>;
  exportFiles(id: string): Promise<ModelFile[]>;
  /** Reads exported files into a NEW saved model (the original, if stored, is kept). */
  importFiles(files: readonly ModelFile[], preference: BackendPreference): Promise<SavedModelView>;
  remove(id: string): Promise<SavedModelsView>;
  /** An LSTM/GRU model's gates and states over the window ending at `date` (null: the last bar). */
  gates(id: string, date: string | null): Promise<SavedModelGates>;
}

export interface ModelServicesDeps {
  db: CryptoForecastLabDB;
  executorFor(preference: BackendPreference): WorkerPool;
  loadData: LoadData;
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function savedModelView(meta: DeployedModelMeta): SavedModelView {
  return {
    id: meta.id,
    name: meta.name,
    notebookId: meta.notebook.id,
    notebookTitle: meta.notebook.title,
    createdAt: meta.createdAt,
    backend: meta.trained.backend,
    engine: meta.trained.engine,
    dataHash: meta.data.hash,
    modelType: meta.modelType,
    objective: meta.training.objective,
    trainedFrom: isoDay(meta.trained.start),
    trainedTo: isoDay(meta.trained.end),
    importedFrom: meta.importedFrom ?? null,
  };
}

/** A copy whose buffers survive the original being transferred to a worker. */
const cloneBundle = (bundle: PortableBundle): PortableBundle => structuredClone(bundle);

export function createModelServices(deps: ModelServicesDeps): ModelServices {
  const { db } = deps;
  const weights = () => import('../storage/deployedModelWeights');
  const list = async (): Promise<SavedModelsView> => {
    const { models, damaged } = await listDeployedModels(db);
    return { models: models.map(savedModelView), damaged };
  };
  const env = (preference: BackendPreference, extra: Partial<DeployEnvironment<PortableBundle>> = {}): DeployEnvironment<PortableBundle> => ({
    executor: deps.executorFor(preference),
    loadData: deps.loadData,
    ...extra,
  });

  return {
    list,

    async trainAndSave(notebookId, doc, preference, callbacks) {
      callbacks.onProgress(0, 'loading the data');
      const { meta, bundle } = await trainDeployable(notebookId, doc, env(preference, {
        signal: callbacks.signal,
        onProgress: (message, train) => {
          const fraction = train ? 0.05 + 0.9 * ((train.epoch - 1 + train.batch / Math.max(1, train.batches)) / train.epochs) : 0.05;
          callbacks.onProgress(fraction, message, train);
        },
      }));
      callbacks.onProgress(0.97, 'saving to this browser');
      await (await weights()).saveDeployedModel(db, meta, bundle);
      return savedModelView(meta);
    },

    async predict(id, preference, signal) {
      const saved = await (await weights()).loadDeployedModel(db, id);
      if (!saved) throw new Error(`no saved model "${id}" in this browser`);
      return forecastWithSaved(saved.meta, saved.model, saved.meta.notebook.doc, env(preference, signal ? { signal } : {}));
    },

    async exportFiles(id) {
      const saved = await (await weights()).loadDeployedModel(db, id);
      if (!saved) throw new Error(`no saved model "${id}" to export`);
      const files = bundleToFiles(saved.model, saved.meta);
      return [...files].map(([name, bytes]) => ({ name, blob: new Blob([bytes], { type: name.endsWith('.json') ? 'application/json' : 'application/octet-stream' }) }));
    },

    async importFiles(files, preference) {
      if (files.length === 0) throw new Error('choose the exported files: model.json, weights.bin and meta.json');
      const map = new Map<string, Uint8Array>();
      for (const file of files) map.set(normalizeFileName(file.name), new Uint8Array(await file.blob.arrayBuffer()));
      const { deployment, bundle } = filesToBundle(map);
      const original = parseDeployedModel(deployment, '"meta.json"');
      const createdAt = Date.now();
      const meta: DeployedModelMeta = {
        ...original,
        id: `${original.id}-i${createdAt.toString(36)}`,
        name: `${original.name} (imported)`,
        createdAt,
        importedFrom: original.importedFrom ?? original.id,
      };
      // Prove the network loads (topology, custom layers, weight shapes) before storing anything.
      const executor = deps.executorFor(preference);
      const handle = await executor.importModel(cloneBundle(bundle)).catch((err: unknown) => {
        throw new Error(`the model files do not load as a tfjs model: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
      });
      await executor.release(handle);
      await (await weights()).saveDeployedModel(db, meta, bundle);
      return savedModelView(meta);
    },

    async remove(id) {
      await deleteDeployedModel(db, id);
      return list();
    },

    async gates(id, date) {
      const saved = await (await weights()).loadDeployedModel(db, id);
      if (!saved) throw new Error(`no saved model "${id}" in this browser`);
      return (await import('./gatesService')).computeGates(saved, date, deps.loadData);
    },
  };
}
