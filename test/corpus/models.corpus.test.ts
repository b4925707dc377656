/**
 * Hostile model files: NaN weights, a network whose input is not lookback x features, metadata of
 * another model, broken scaling (test/corpus/models/fit-cases.json), and a network whose forecast
 * is NaN. The files are written by a real (tiny) training at test time and then damaged.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FeatureTable } from '../../src/core/featureTable';
import { createLocalExecutor } from '../../src/ml/localExecutor';
import { bundleToFiles, filesToBundle, ModelFilesError, type ModelFileMap } from '../../src/ml/modelFiles';
import { exportTrained } from '../../src/ml/persist';
import { FAST_TRAINING, FEATURES, LOOKBACK, plantedWindows } from '../../src/ml/testFixtures.testkit';
import { disposeModel, trainModel } from '../../src/ml/train';
import { DEPLOYED_MODEL_FORMAT, describeNotebook, parseDeployedModel, type DeployedModelMeta } from '../../src/notebook/deployedModel';
import { checkForecast, predictNextBar } from '../../src/notebook/nextBar';
import { parseNotebookJson } from '../../src/notebook/parse';

const ROOT = resolve(__dirname, '../..');
const tiny = parseNotebookJson(readFileSync(join(ROOT, 'public/notebooks/tiny.json'), 'utf8'));
const FEATURE_NAMES = ['logReturn', 'rsi_14'].slice(0, FEATURES);

function deployment(): DeployedModelMeta {
  return {
    format: DEPLOYED_MODEL_FORMAT,
    version: 1,
    id: 'corpus',
    name: 'corpus model',
    notebook: describeNotebook('tiny', tiny),
    data: { hash: 'a'.repeat(64), name: 'demo', rows: 290, intervalMs: 86_400_000 },
    features: FEATURE_NAMES,
    target: 'logReturn_h1',
    horizon: 1,
    lookback: LOOKBACK,
    modelType: 'mlp',
    training: { epochs: 1, batchSize: 64, learningRate: 0.01, validationFraction: 0.1, patience: 5, lrSchedule: 'constant', objective: 'regression', quantiles: [0.1, 0.5, 0.9] },
    fit: { featureMean: [0.001, 50], featureStd: [0.03, 12], targetMean: 0.0005, targetStd: 0.03 },
    trained: { start: 1_550_000_000_000, end: 1_570_000_000_000, rows: 200, samples: 200, seed: 1, backend: 'cpu', engine: 'tfjs layers', trainMs: 12 },
    createdAt: 1_700_000_000_000,
  };
}

let files: ModelFileMap;

beforeAll(async () => {
  await tf.setBackend('cpu');
  const trained = await trainModel({ type: 'mlp', lookback: LOOKBACK, hidden: [4], dropout: 0 }, FAST_TRAINING, plantedWindows(64, 3));
  files = bundleToFiles(await exportTrained(trained), deployment());
  disposeModel(trained);
});

const json = (name: string) => JSON.parse(new TextDecoder().decode(files.get(name))) as Record<string, unknown>;
const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const replaced = (name: string, bytes: Uint8Array<ArrayBuffer>): ModelFileMap => new Map([...files, [name, bytes]]);

/** weights.bin with one float32 set to `value`. */
function poisoned(index: number, value: number): ModelFileMap {
  const bytes = files.get('weights.bin')!.slice();
  new DataView(bytes.buffer).setFloat32(index * 4, value, true);
  return replaced('weights.bin', bytes);
}

describe('model corpus: files', () => {
  it('the undamaged files read back', () => {
    expect(filesToBundle(files).bundle.parts).toHaveLength(1);
  });

  it.each([NaN, Infinity, -Infinity])('a %s weight is refused with the weight and its index', (value) => {
    const check = () => filesToBundle(poisoned(3, value));
    expect(check).toThrow(ModelFilesError);
    expect(check).toThrow(new RegExp(`^"weights.bin": weight "[^"]+" has ${value} at index 3 of \\d+: the model is damaged`));
  });

  it('a network whose input shape is not lookback x features is refused', () => {
    const model = json('model.json') as { modelTopology: { config: { layers: Array<{ config: { batch_input_shape?: unknown } }> } } };
    model.modelTopology.config.layers[0]!.config.batch_input_shape = [null, LOOKBACK + 4, FEATURES];
    expect(() => filesToBundle(replaced('model.json', encode(model)))).toThrow(
      `"model.json": the network takes input [null,${LOOKBACK + 4},${FEATURES}], but meta.json says [null, ${LOOKBACK}, ${FEATURES}] (lookback x features): the files belong to different models`,
    );
  });

  it('deployment metadata of another shape is refused', () => {
    const meta = json('meta.json') as { deployment: { lookback: number } };
    meta.deployment.lookback = 30;
    expect(() => filesToBundle(replaced('meta.json', encode(meta)))).toThrow(
      `"meta.json": the deployment says lookback 30 x ${FEATURES} features, the trained model ${LOOKBACK} x ${FEATURES}: the metadata belongs to another model`,
    );
  });
});

interface FitCase {
  name: string;
  field: 'featureMean' | 'featureStd' | 'targetMean' | 'targetStd';
  index?: number;
  value: number | 'NaN' | 'Infinity';
  error: string;
}
const fitCases = (JSON.parse(readFileSync(join(__dirname, 'models/fit-cases.json'), 'utf8')) as { cases: FitCase[] }).cases;

describe('model corpus: scaling', () => {
  it('the undamaged metadata parses', () => {
    expect(parseDeployedModel(deployment(), 'meta.json').fit.targetStd).toBe(0.03);
  });

  it.each(fitCases.map((c) => [c.name, c] as const))('%s is refused, naming the field', (_, c) => {
    const meta = deployment();
    const value = c.value === 'NaN' ? NaN : c.value === 'Infinity' ? Infinity : c.value;
    if (c.field === 'featureMean' || c.field === 'featureStd') meta.fit[c.field][c.index!] = value;
    else meta.fit[c.field] = value;
    expect(() => parseDeployedModel(meta, '"meta.json"')).toThrow(`"meta.json" is not crypto-forecast-lab/deployed-model v1 metadata: ${c.error}: `);
  });
});

describe('model corpus: forecasts', () => {
  it('a forecast that is not a finite number is an error, never "NaN" or a price of 0.00', () => {
    expect(() => checkForecast('m', { 'log return': NaN })).toThrow('model "m": the forecast\'s log return is NaN, not a usable number');
    expect(() => checkForecast('m', { 'implied close': 0 })).toThrow("the forecast's implied close is 0");
    expect(() => checkForecast('m', { 'log return': 0.01, 'implied close': 101 })).not.toThrow();
  });

  it('a network with a NaN weight (loaded past the file checks) makes predictNextBar fail with the model named', async () => {
    const bundle = filesToBundle(files).bundle;
    const weights = new Float32Array((bundle.parts[0]!.weightData as ArrayBuffer).slice(0));
    weights.fill(NaN);
    const executor = createLocalExecutor('cpu');
    const handle = await executor.importModel({ meta: bundle.meta, parts: [{ ...bundle.parts[0]!, weightData: weights.buffer }] });
    const rows = 20;
    const table: FeatureTable = {
      time: Float64Array.from({ length: rows }, (_, i) => Date.UTC(2024, 0, 1 + i)),
      names: FEATURE_NAMES,
      features: FEATURE_NAMES.map((_, c) => Float64Array.from({ length: rows }, (_, i) => Math.sin(i + c))),
      target: new Float64Array(rows).fill(0.001),
      targetName: 'logReturn_h1',
      horizon: 1,
      steps: 1,
      firstComplete: 0,
    };
    const meta = deployment();
    try {
      await expect(
        predictNextBar(executor, handle, table, {
          modelId: 'nan-model',
          lookback: LOOKBACK,
          training: meta.training,
          fit: { featureScaler: { mean: Float64Array.from(meta.fit.featureMean), std: Float64Array.from(meta.fit.featureStd) }, targetMean: 0, targetStd: 0.03 },
          intervalMs: 86_400_000,
          dataHash: 'x',
          close: new Float64Array(rows).fill(100),
        }),
      ).rejects.toThrow('model "nan-model": the forecast\'s log return is NaN, not a usable number');
    } finally {
      await executor.release(handle);
    }
  });
});
