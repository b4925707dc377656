import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelSpec, TrainingSpec } from '../../core/executor';
import { FAST_TRAINING, LOOKBACK, mse, plantedWindows, SMALL_SPECS } from '../testFixtures.testkit';
import { disposeModel, predict, trainModel, type TrainedModel } from '../train';
import { checkSpec, defaultSpec, MODELS } from './registry';

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
  it('lists every model type once, each with defaults that pass its own schema', () => {
    const types = MODELS.map((m) => m.type);
    expect(types).toEqual(['naive', 'drift', 'ridge', 'mlp', 'lstm', 'gru', 'cnnLstm', 'attention', 'ensemble']);
    for (const m of MODELS) {
      expect(() => checkSpec(defaultSpec(m.type))).not.toThrow();
      expect(m.params[0]?.name).toBe('lookback');
      for (const p of m.params) expect(p.name in m.defaults || p.optional === true).toBe(true);
    }
    expect(SMALL_SPECS.map((s) => s.type)).toEqual(types);
  });

  it('rejects out-of-schema specs with the field, the range and the value', () => {
    expect(() => checkSpec({ type: 'mlp', lookback: LOOKBACK, hidden: [8, 0], dropout: 0 })).toThrow(
      'mlp.hidden[1] must be an integer in [1, 1024], got 0',
    );
    expect(() => checkSpec({ type: 'ridge', lookback: LOOKBACK, lambda: -1 })).toThrow(/ridge.lambda must be a number in/);
    const nested: ModelSpec = { type: 'ensemble', lookback: LOOKBACK, combine: 'mean', members: [{ type: 'naive', lookback: 3 }] };
    expect(() => checkSpec(nested)).toThrow(/members\[0\] has lookback 3 but the ensemble has 6/);
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
const PLANTED: readonly [ModelSpec, Partial<TrainingSpec>][] = [
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
