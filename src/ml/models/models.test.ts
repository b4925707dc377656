import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelSpecInput, TrainingSpec } from '../../core/executor';
import { FAST_TRAINING, LOOKBACK, mse, plantedWindows, SMALL_SPECS } from '../testFixtures.testkit';
import { disposeModel, predict, trainModel, type TrainedModel } from '../train';
import { MODEL_SCHEMAS } from '../../spec';
import { MODELS, parseModelSpec } from './registry';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Every weight of every layers model inside (ensemble members too), as raw bits. */
async function weightBits(trained: TrainedModel): Promise<Uint32Array[]> {
  const { built } = trained;
  if (built.kind === 'array') return [];
  if (built.kind === 'ensemble') return (await Promise.all(built.members.map(weightBits))).flat();
  return Promise.all(built.model.getWeights().map(async (w) => new Uint32Array(Float32Array.from(await w.data()).buffer)));
}

describe('the registry', () => {
  it('builds every declared model type, once each', () => {
    const types = MODELS.map((m) => m.type);
    expect(types).toEqual(MODEL_SCHEMAS.map((schema) => schema.shape.type.value));
    expect(SMALL_SPECS.map((s) => s.type)).toEqual(types);
  });

  it('checks a spec against its declaration, naming the field by its path, the range and the value', () => {
    expect(() => parseModelSpec({ type: 'mlp', lookback: LOOKBACK, hidden: [8, 0], dropout: 0 })).toThrow(/model\.hidden\[1\]: Too small: expected number to be >=1/);
    expect(() => parseModelSpec({ type: 'ridge', lookback: LOOKBACK, lambda: -1 })).toThrow(/model\.lambda: Too small/);
    const nested = { type: 'ensemble', lookback: LOOKBACK, combine: 'mean', members: [{ type: 'naive', lookback: 3 }] } as const;
    expect(() => parseModelSpec(nested)).toThrow(`model.members[0].lookback: must equal the ensemble's lookback ${LOOKBACK}`);
    expect(() => parseModelSpec({ type: 'ensemble', lookback: LOOKBACK, members: [{ type: 'ensemble', lookback: LOOKBACK, members: [] }] })).toThrow(/model\.members\[0\]\.type/);
    expect(parseModelSpec({ type: 'gru', lookback: LOOKBACK, units: 4 })).toEqual({
      type: 'gru',
      lookback: LOOKBACK,
      units: 4,
      layers: 1,
      dropout: 0,
      recurrentDropout: 0,
      recurrentActivation: 'sigmoid',
      engine: 'fused',
    });
  });

  it('trainModel refuses a bad spec or training before any work, with its path', async () => {
    const data = plantedWindows(32, 2);
    await expect(trainModel({ type: 'lstm', lookback: LOOKBACK, units: 0 }, FAST_TRAINING, data)).rejects.toThrow(/model\.units: Too small/);
    await expect(trainModel({ type: 'ridge', lookback: LOOKBACK }, { ...FAST_TRAINING, batchSize: 0.5 }, data)).rejects.toThrow(/training\.batchSize: /);
  });
});

describe('every model', () => {
  it.each(SMALL_SPECS.map((s) => [s.type, s] as const))('%s: the same seed gives identical weights and predictions', async (_type, spec) => {
    const data = plantedWindows(96, 2);
    const a = await trainModel(spec, FAST_TRAINING, data);
    const b = await trainModel(spec, FAST_TRAINING, data);
    const c = await trainModel(spec, { ...FAST_TRAINING, seed: 12 }, data);
    const [wa, wb, wc] = await Promise.all([weightBits(a), weightBits(b), weightBits(c)]);
    const [pa, pb] = await Promise.all([predict(a, data), predict(b, data)]);
    [a, b, c].forEach(disposeModel);
    expect(wa).toEqual(wb);
    expect(new Uint32Array(pa.buffer)).toEqual(new Uint32Array(pb.buffer));
    if (wa.length > 0) expect(wc[0]).not.toEqual(wa[0]);
  });
});

/** Specs for the planted-signal race: small, and tuned to learn within 20 epochs. */
const PLANTED: readonly [ModelSpecInput, Partial<TrainingSpec>][] = [
  [{ type: 'ridge', lookback: LOOKBACK, lambda: 0.1 }, {}],
  [{ type: 'mlp', lookback: LOOKBACK, hidden: [16], dropout: 0 }, {}],
  [{ type: 'lstm', lookback: LOOKBACK, units: 16, recurrentActivation: 'sigmoid' }, {}],
  [{ type: 'gru', lookback: LOOKBACK, units: 16 }, {}],
  [{ type: 'cnnLstm', lookback: LOOKBACK, filters: 4, kernelSize: 3, units: 8 }, {}],
  [{ type: 'attention', lookback: LOOKBACK, dModel: 8, heads: 2, ffDim: 16, dropout: 0 }, { learningRate: 0.01 }],
  [
    {
      type: 'ensemble',
      lookback: LOOKBACK,
      combine: 'mean',
      members: [
        { type: 'ridge', lookback: LOOKBACK, lambda: 0.1 },
        { type: 'mlp', lookback: LOOKBACK, hidden: [16], dropout: 0 },
      ],
    },
    {},
  ],
];

describe('planted signal (target = feature 1 three bars before the window end, noise sd 0.1)', () => {
  const train = plantedWindows(256, 4);
  const test = plantedWindows(200, 5);
  // Patience above the epoch count: no early stop (recurrent nets sit on a plateau for ~10 epochs
  // before they find the lag), but the best-epoch weights on the 51-window tail are restored.
  const training: TrainingSpec = { epochs: 20, batchSize: 32, learningRate: 0.02, seed: 7, patience: 21, validationFraction: 0.2 };
  let naiveMse = NaN;
  let driftMse = NaN;

  beforeAll(async () => {
    for (const type of ['naive', 'drift'] as const) {
      const base = await trainModel({ type, lookback: LOOKBACK }, training, train);
      const value = mse(await predict(base, test), test.y);
      disposeModel(base);
      if (type === 'naive') naiveMse = value;
      else driftMse = value;
    }
    console.info(`planted baselines: naive mse ${naiveMse.toFixed(4)}, drift mse ${driftMse.toFixed(4)}`);
  });

  it.each(PLANTED.map(([s, t]) => [s.type, s, t] as const))('%s beats the naive baseline by a wide margin', async (type, spec, extra) => {
    const trained = await trainModel(spec, { ...training, ...extra }, train);
    const value = mse(await predict(trained, test), test.y);
    const seconds = trained.trainSeconds;
    disposeModel(trained);
    console.info(`planted ${type}: mse ${value.toFixed(4)} vs naive ${naiveMse.toFixed(4)} (${(value / naiveMse).toFixed(3)}x), train ${seconds.toFixed(2)} s`);
    expect(value).toBeLessThan(0.25 * naiveMse);
  });
});
