import 'fake-indexeddb/auto';
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { exportTrained, importTrained } from '../ml/persist';
import { FAST_TRAINING, plantedWindows, SMALL_SPECS } from '../ml/testFixtures.testkit';
import { disposeModel, predict, trainModel } from '../ml/train';
import { openDb, type CryptoForecastLabDB } from './db';
import { StorageCorruptError } from './errors';
import { deleteModel, loadModel, modelStoreHandler, saveModel } from './modelStore';

let db: CryptoForecastLabDB;
let counter = 0;

beforeAll(async () => {
  await tf.setBackend('cpu');
});
beforeEach(() => {
  db = openDb(`model-store-${++counter}`);
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const bits = (a: Float32Array): Uint32Array => new Uint32Array(a.buffer, a.byteOffset, a.length);

describe('saveModel / loadModel', () => {
  it.each(SMALL_SPECS.map((s) => [s.type, s] as const))(
    '%s: reloads to identical predictions, and train+predict+save+load+dispose leaves no tensors',
    async (_type, spec) => {
      const data = plantedWindows(96, 3);
      const before = tf.memory().numTensors;
      const trained = await trainModel(spec, FAST_TRAINING, data);
      const expected = await predict(trained, data);
      await saveModel(db, 'm', await exportTrained(trained));
      disposeModel(trained);
      const stored = await loadModel(db, 'm');
      if (!stored) throw new Error('not stored');
      const reloaded = await importTrained(stored);
      const got = await predict(reloaded, data);
      disposeModel(reloaded);
      expect(bits(got)).toEqual(bits(expected));
      expect(tf.memory().numTensors).toBe(before);
    },
  );

  it('works as a plain tfjs IOHandler for a bare LayersModel, and deletes', async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [3], kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) })] });
    await model.save(modelStoreHandler(db, 'bare'));
    const loaded = await tf.loadLayersModel(modelStoreHandler(db, 'bare'));
    const x = tf.tensor2d([[1, 2, 3]]);
    const [a, b] = [model.predict(x) as tf.Tensor, loaded.predict(x) as tf.Tensor];
    expect(Array.from(await b.data())).toEqual(Array.from(await a.data()));
    tf.dispose([x, a, b]);
    model.dispose();
    loaded.dispose();
    await deleteModel(db, 'bare');
    expect(await loadModel(db, 'bare')).toBeUndefined();
    await expect(tf.loadLayersModel(modelStoreHandler(db, 'bare'))).rejects.toThrow(/no stored tfjs model "bare"/);
  });

  it('refuses a damaged record with a StorageCorruptError naming the model and the fix', async () => {
    await db.models.put({ id: 'bad', createdAt: 0, artifacts: { format: 'something else' } });
    await expect(loadModel(db, 'bad')).rejects.toBeInstanceOf(StorageCorruptError);
    await expect(loadModel(db, 'bad')).rejects.toThrow(/stored model "bad".*delete it and train again/);
  });
});
