import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelSpec } from '../core/executor';
import { bundleToFiles, filesToBundle, normalizeFileName, ModelFilesError } from './modelFiles';
import { exportTrained, importTrained } from './persist';
import { FAST_TRAINING, LOOKBACK, plantedWindows } from './testFixtures.testkit';
import { disposeModel, predict, trainModel } from './train';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const bits = (a: Float32Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));

async function trainedFiles() {
  const data = plantedWindows(64, 5);
  const trained = await trainModel({ type: 'gru', lookback: LOOKBACK, units: 4 }, FAST_TRAINING, data);
  const expected = await predict(trained, data);
  const files = bundleToFiles(await exportTrained(trained), { deployment: 'meta' });
  disposeModel(trained);
  return { data, expected, files };
}

describe('model files (tfjs layers format + meta.json)', () => {
  it('writes model.json + weights.bin + meta.json that read back to identical predictions, and plain tfjs loads them', async () => {
    const before = tf.memory().numTensors;
    const { data, expected, files } = await trainedFiles();
    expect([...files.keys()]).toEqual(['model.json', 'weights.bin', 'meta.json']);
    const { deployment, bundle } = filesToBundle(files);
    expect(deployment).toEqual({ deployment: 'meta' });
    const reloaded = await importTrained(bundle);
    expect(bits(await predict(reloaded, data))).toEqual(bits(expected));
    disposeModel(reloaded);

    // What tf.loadLayersModel does with the two files (tf.io.browserFiles / a URL).
    const modelJson = JSON.parse(new TextDecoder().decode(files.get('model.json'))) as tf.io.ModelJSON;
    expect(modelJson.weightsManifest[0]!.paths).toEqual(['weights.bin']);
    const weights = files.get('weights.bin')!;
    const artifacts = await tf.io.getModelArtifactsForJSON(modelJson, async (m) => [tf.io.getWeightSpecs(m), weights.slice().buffer]);
    const plain = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
    expect(plain.outputs[0]!.shape).toEqual([null, 1]);
    plain.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('names what is wrong: a missing, foreign, damaged or truncated file', async () => {
    const { files } = await trainedFiles();
    const without = (name: string) => new Map([...files].filter(([n]) => n !== name));
    const replaced = (name: string, text: string | Uint8Array) => new Map([...files, [name, typeof text === 'string' ? new TextEncoder().encode(text) : text]]);
    const fails = (f: Map<string, Uint8Array>) => expect(() => filesToBundle(f));
    fails(without('meta.json')).toThrow(/"meta.json" is missing: choose the files Export wrote/);
    fails(without('weights.bin')).toThrow(/"weights.bin" is missing: model.json names it/);
    fails(without('model.json')).toThrow(/"model.json" is missing/);
    fails(replaced('meta.json', '{not json')).toThrow(/"meta.json" is not JSON/);
    fails(replaced('meta.json', JSON.stringify({ format: 'something' }))).toThrow(/not a Crypto Forecast Lab model file \(format "something"\)/);
    fails(replaced('model.json', JSON.stringify({ hello: 1 }))).toThrow(/"model.json" is not a tfjs layers model.json/);
    fails(replaced('weights.bin', files.get('weights.bin')!.subarray(0, 10))).toThrow(/"weights.bin" has 10 bytes, model.json describes \d+: the file is truncated or belongs to another model/);
    expect(() => filesToBundle(without('meta.json'))).toThrow(ModelFilesError);
  });

  it.each([
    ['an ensemble of two networks', { type: 'ensemble', lookback: LOOKBACK, combine: 'mean', members: [{ type: 'mlp', lookback: LOOKBACK, hidden: [4], dropout: 0 }, { type: 'gru', lookback: LOOKBACK, units: 4 }] }, ['model.json', 'weights.bin', 'model-1.json', 'weights-1.bin', 'meta.json']],
    ['a ridge model (no network)', { type: 'ridge', lookback: LOOKBACK, lambda: 1 }, ['meta.json']],
  ] as const)('%s: writes its files and reads back to identical predictions', async (_, spec, names) => {
    const data = plantedWindows(64, 5);
    const trained = await trainModel(spec as ModelSpec, FAST_TRAINING, data);
    const expected = await predict(trained, data);
    const files = bundleToFiles(await exportTrained(trained), null);
    disposeModel(trained);
    expect([...files.keys()]).toEqual(names);
    const reloaded = await importTrained(filesToBundle(files).bundle);
    expect(bits(await predict(reloaded, data))).toEqual(bits(expected));
    disposeModel(reloaded);
  });

  it('accepts the names a browser gives a second download of the same file', () => {
    expect(normalizeFileName('model (1).json')).toBe('model.json');
    expect(normalizeFileName('weights (12).bin')).toBe('weights.bin');
    expect(normalizeFileName('meta.json')).toBe('meta.json');
  });
});
