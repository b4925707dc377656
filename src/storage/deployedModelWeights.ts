/**
 * Saving and loading a deployable model whole: its weights through modelStore (tfjs artifacts in
 * the `models` table) and its metadata in `modelMeta`, in one transaction. Imports tfjs (through
 * modelStore): the page loads this module on demand.
 */
import type { DeployedModelMeta } from '../notebook/deployedModel';
import type { CryptoForecastLabDB } from './db';
import { loadDeployedMeta } from './deployedModels';
import { StorageCorruptError, withQuotaCheck } from './errors';
import { loadModel, saveModel, type StoredModel } from './modelStore';

export async function saveDeployedModel(db: CryptoForecastLabDB, meta: DeployedModelMeta, model: StoredModel): Promise<void> {
  await withQuotaCheck(() =>
    db.transaction('rw', db.models, db.modelMeta, async () => {
      await saveModel(db, meta.id, model);
      await db.modelMeta.put({ id: meta.id, notebookId: meta.notebook.id, createdAt: meta.createdAt, meta });
    }),
  );
}

/** The metadata and the weights of a saved model, both checked; undefined when there is none. */
export async function loadDeployedModel(db: CryptoForecastLabDB, id: string): Promise<{ meta: DeployedModelMeta; model: StoredModel } | undefined> {
  const meta = await loadDeployedMeta(db, id);
  if (!meta) return undefined;
  const model = await loadModel(db, id);
  if (!model) throw new StorageCorruptError(`saved model "${id}" has its metadata but no weights; delete it and train again`);
  return { meta, model };
}
