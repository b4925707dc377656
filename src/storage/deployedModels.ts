/**
 * Saved (deployable) models: the metadata a forecast needs in `modelMeta`, the weights in
 * `models` under the same id (written through modelStore by deployedModelWeights.ts, which needs
 * tfjs; this file does not, so the page can list and delete models without loading it). Every
 * read is parsed: a damaged row is an error that names the model and the fix.
 */
import { parseDeployedModel, type DeployedModelMeta } from '../notebook/deployedModel';
import type { CryptoForecastLabDB } from './db';
import { StorageCorruptError } from './errors';

export interface DamagedModel {
  id: string;
  message: string;
}

export interface SavedModels {
  /** Newest first. */
  models: DeployedModelMeta[];
  /** Rows whose metadata no longer parses: listed so the user can delete them. */
  damaged: DamagedModel[];
}

export function parseMetaRow(id: string, meta: unknown): DeployedModelMeta {
  try {
    const parsed = parseDeployedModel(meta, `saved model "${id}"`);
    if (parsed.id !== id) throw new Error(`saved model "${id}" has metadata of model "${parsed.id}"`);
    return parsed;
  } catch (err) {
    throw new StorageCorruptError(`${err instanceof Error ? err.message : String(err)}; delete it and train again`, { cause: err });
  }
}

export async function listDeployedModels(db: CryptoForecastLabDB): Promise<SavedModels> {
  const rows = await db.modelMeta.orderBy('createdAt').reverse().toArray();
  const out: SavedModels = { models: [], damaged: [] };
  for (const row of rows) {
    try {
      out.models.push(parseMetaRow(row.id, row.meta));
    } catch (err) {
      out.damaged.push({ id: row.id, message: err instanceof Error ? err.message : String(err) });
    }
  }
  return out;
}

/** A saved model's metadata, checked; undefined when there is no such model. */
export async function loadDeployedMeta(db: CryptoForecastLabDB, id: string): Promise<DeployedModelMeta | undefined> {
  const row = await db.modelMeta.get(id);
  return row ? parseMetaRow(id, row.meta) : undefined;
}

export async function deleteDeployedModel(db: CryptoForecastLabDB, id: string): Promise<void> {
  await db.transaction('rw', db.models, db.modelMeta, async () => {
    await db.models.delete(id);
    await db.modelMeta.delete(id);
  });
}
