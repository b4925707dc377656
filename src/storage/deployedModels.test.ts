import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { DEPLOYED_MODEL_FORMAT, describeNotebook, type DeployedModelMeta } from '../notebook/deployedModel';
import { parseNotebookJson } from '../notebook/parse';
import { CryptoForecastLabDB, SCHEMA_V1 } from './db';
import { loadDeployedModel, saveDeployedModel } from './deployedModelWeights';
import { deleteDeployedModel, listDeployedModels, loadDeployedMeta } from './deployedModels';
import { StorageCorruptError, StorageQuotaError } from './errors';
import { loadModel, type StoredModel } from './modelStore';

const tiny = parseNotebookJson(readFileSync(join(resolve(__dirname, '../..'), 'public/notebooks/tiny.json'), 'utf8'));

function fixtureMeta(id: string, createdAt = 1_700_000_000_000): DeployedModelMeta {
  return {
    format: DEPLOYED_MODEL_FORMAT,
    version: 1,
    id,
    name: `model ${id}`,
    notebook: describeNotebook('tiny', tiny),
    data: { hash: 'a'.repeat(64), name: 'demo', rows: 290, intervalMs: 86_400_000 },
    features: ['logReturn', 'rsi_14'],
    target: 'logReturn_h1',
    horizon: 1,
    lookback: 8,
    modelType: 'lstm',
    training: { epochs: 1, batchSize: 64, learningRate: 0.01, validationFraction: 0.1, patience: 5, lrSchedule: 'constant', objective: 'regression', quantiles: [0.1, 0.5, 0.9] },
    fit: { featureMean: [0.001, 50], featureStd: [0.03, 12], targetMean: 0.0005, targetStd: 0.03 },
    trained: { start: 1_550_000_000_000, end: 1_570_000_000_000, rows: 200, samples: 200, seed: 1, backend: 'cpu', engine: 'tfjs layers', trainMs: 12 },
    createdAt,
  };
}

/** A one-part artifact as modelStore keeps it (the weights content does not matter here). */
const weights: StoredModel = {
  meta: { any: 'trained meta' },
  parts: [{ modelTopology: { class_name: 'Sequential' }, weightSpecs: [{ name: 'w', shape: [2], dtype: 'float32' }], weightData: new Float32Array([1, 2]).buffer }],
};

const opened: Dexie[] = [];
let counter = 0;
const freshDb = (): CryptoForecastLabDB => {
  const db = new CryptoForecastLabDB(`deployed-${++counter}`);
  opened.push(db);
  return db;
};
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
});

describe('saved deployable models', () => {
  it('save, list (newest first), load (meta and weights), delete both', async () => {
    const db = freshDb();
    await saveDeployedModel(db, fixtureMeta('old', 1), weights);
    await saveDeployedModel(db, fixtureMeta('new', 2), weights);
    const list = await listDeployedModels(db);
    expect(list.models.map((m) => m.id)).toEqual(['new', 'old']);
    expect(list.damaged).toEqual([]);
    const loaded = await loadDeployedModel(db, 'new');
    expect(loaded?.meta).toEqual(fixtureMeta('new', 2));
    expect(new Float32Array(loaded!.model.parts[0]!.weightData as ArrayBuffer)).toEqual(new Float32Array([1, 2]));
    await deleteDeployedModel(db, 'new');
    expect(await loadDeployedModel(db, 'new')).toBeUndefined();
    expect(await loadModel(db, 'new')).toBeUndefined();
    expect((await listDeployedModels(db)).models.map((m) => m.id)).toEqual(['old']);
  });

  it('rejects corrupted metadata with a message naming the model, the field and the fix', async () => {
    const db = freshDb();
    await saveDeployedModel(db, fixtureMeta('good'), weights);
    const broken = { ...fixtureMeta('bad'), fit: { ...fixtureMeta('bad').fit, featureStd: [0.03, -1] } };
    await db.modelMeta.put({ id: 'bad', notebookId: 'tiny', createdAt: 5, meta: broken });
    await expect(loadDeployedMeta(db, 'bad')).rejects.toBeInstanceOf(StorageCorruptError);
    await expect(loadDeployedMeta(db, 'bad')).rejects.toThrow(/saved model "bad" is not crypto-forecast-lab\/deployed-model v1 metadata: fit\.featureStd\[1\]: .*; delete it and train again/);
    // A notebook edited in place no longer matches the hash the model recorded.
    const edited = fixtureMeta('edited');
    await db.modelMeta.put({ id: 'edited', notebookId: 'tiny', createdAt: 6, meta: { ...edited, notebook: { ...edited.notebook, title: 'changed' , doc: { ...edited.notebook.doc, seed: 99 } } } });
    await expect(loadDeployedMeta(db, 'edited')).rejects.toThrow(/notebook\.hash: does not match the stored notebook/);
    // The list keeps the good model and names the damaged ones, so they can be deleted.
    const list = await listDeployedModels(db);
    expect(list.models.map((m) => m.id)).toEqual(['good']);
    expect(list.damaged.map((d) => d.id)).toEqual(['edited', 'bad']);
    await expect(loadDeployedModel(db, 'bad')).rejects.toThrow(/fit\.featureStd/);
  });

  it('metadata without weights is reported, not crashed on', async () => {
    const db = freshDb();
    await db.modelMeta.put({ id: 'lonely', notebookId: 'tiny', createdAt: 1, meta: fixtureMeta('lonely') });
    await expect(loadDeployedModel(db, 'lonely')).rejects.toThrow(/"lonely" has its metadata but no weights; delete it/);
  });

  it('a full disk surfaces as StorageQuotaError and stores neither half', async () => {
    const db = freshDb();
    await db.open();
    const quota = Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
    db.modelMeta.hook('creating', () => {
      throw quota;
    });
    await expect(saveDeployedModel(db, fixtureMeta('big'), weights)).rejects.toBeInstanceOf(StorageQuotaError);
    expect(await loadModel(db, 'big')).toBeUndefined();
  });
});

describe('database version 1 -> 2', () => {
  it('opens a database written by version 1: its rows stay, modelMeta is added and works', async () => {
    const name = `v1-upgrade-${++counter}`;
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_V1);
    await v1.table('notebooks').put({ id: 'nb', title: 'kept', doc: { any: 1 }, updatedAt: 3 });
    await v1.table('models').put({ id: 'legacy', createdAt: 4, artifacts: { format: 'crypto-forecast-lab/model-artifacts', version: 1, meta: null, parts: [] } });
    v1.close();

    const db = new CryptoForecastLabDB(name);
    opened.push(db);
    await db.open();
    // Later versions only add tables (db.test.ts pins them).
    expect(db.verno).toBeGreaterThanOrEqual(2);
    expect((await db.notebooks.get('nb'))?.title).toBe('kept');
    expect((await loadModel(db, 'legacy'))?.parts).toEqual([]);
    // A version-1 model has no deployment metadata: it is not listed as a deployable model.
    expect(await listDeployedModels(db)).toEqual({ models: [], damaged: [] });
    await saveDeployedModel(db, fixtureMeta('after'), weights);
    expect((await listDeployedModels(db)).models.map((m) => m.id)).toEqual(['after']);
  });
});
