/**
 * trainFused on direction and quantile targets and with dropout between stacked layers: the
 * trained tfjs model predicts what the engine computes (train.ts predict reads the same raw
 * outputs), dropout training is reproducible from the seed, and a direction model learns a
 * planted signal.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildWasm } from '../../../scripts/build-wasm.mjs';
import type { LstmSpec, GruSpec, TrainingSpec } from '../../core/executor';
import { FEATURES, LOOKBACK, plantedWindows } from '../testFixtures.testkit';
import { disposeModel, predict, type TrainedModel } from '../train';
import { maxAbsDiff } from './fusedFixtures.testkit';
import { createEngine, headLossOf, trainFused } from './fusedTrainer';
import { gruSchema, lstmSchema } from '../../spec';

beforeAll(async () => {
  await buildWasm({ quiet: true });
  await tf.setBackend('cpu');
});

const training: TrainingSpec = { epochs: 3, batchSize: 16, learningRate: 1e-3, seed: 5, validationFraction: 0.2 };

async function flatWeights(trained: TrainedModel): Promise<Float32Array> {
  if (trained.built.kind !== 'layers') throw new Error('expected a layers model');
  const parts = await Promise.all(trained.built.model.getWeights().map((w) => w.data()));
  return Float32Array.from(parts.flatMap((p) => Array.from(p)));
}

describe('trainFused targets and dropout', () => {
  it.each([
    { target: { type: 'direction' as const }, width: 2 },
    { target: { type: 'quantile' as const, quantiles: [0.1, 0.5, 0.9] }, width: 6 },
  ])('$target.type: predict gives what the engine computes, $width values per window', async ({ target, width }) => {
    const spec: GruSpec = gruSchema.parse({ type: 'gru', units: 8, lookback: LOOKBACK, layers: 2, dropout: 0.2, recurrentActivation: 'sigmoid' });
    const data = plantedWindows(90, 3, { horizon: 2 });
    const trained = await trainFused(spec, { ...training, target }, data);
    expect(trained.outputs).toBe(width);
    const { engine } = await createEngine({
      cell: 'gru', layers: 2, units: 8, features: FEATURES, lookback: LOOKBACK, outputs: width, maxBatch: data.n,
      hardSigmoid: false, loss: headLossOf(trained.target), dropout: 0.2,
    });
    engine.params().set(await flatWeights(trained));
    engine.x().set(data.x);
    engine.forward(data.n);
    const raw = engine.out().slice();
    const expected = target.type === 'direction' ? raw.map((z) => 1 / (1 + Math.exp(-z))) : raw;
    const predicted = await predict(trained, data);
    expect(predicted).toHaveLength(data.n * width);
    expect(maxAbsDiff(predicted, expected)).toBeLessThan(1e-5);
    disposeModel(trained);
  });

  it.each(['wasm', 'js'] as const)('%s: dropout between layers is reproducible from the seed and changes training', async (engine) => {
    const spec: LstmSpec = lstmSchema.parse({ type: 'lstm', units: 8, lookback: LOOKBACK, layers: 2, dropout: 0.3, recurrentActivation: 'sigmoid' });
    const data = plantedWindows(80, 4);
    const run = async (s: LstmSpec, seed: number): Promise<Float32Array> => {
      const trained = await trainFused(s, { ...training, seed }, data, {}, { engine });
      expect(trained.engine.kind).toBe(engine);
      const w = await flatWeights(trained);
      disposeModel(trained);
      return w;
    };
    const first = await run(spec, 5);
    const again = await run(spec, 5);
    expect(maxAbsDiff(first, again)).toBe(0);
    expect(maxAbsDiff(first, await run({ ...spec, dropout: 0 }, 5))).toBeGreaterThan(1e-4);
  });

  it('a direction model trained fused learns a planted signal', async () => {
    const spec: LstmSpec = lstmSchema.parse({ type: 'lstm', units: 8, lookback: LOOKBACK, layers: 2, dropout: 0.1, recurrentActivation: 'sigmoid' });
    const all = plantedWindows(600, 8, { noise: 0.3 });
    const nTrain = 400;
    const stride = LOOKBACK * FEATURES;
    const part = (from: number, to: number) => ({
      ...all, n: to - from, x: all.x.slice(from * stride, to * stride), y: all.y.slice(from, to),
    });
    const trained = await trainFused(spec, { epochs: 15, batchSize: 32, learningRate: 1e-2, seed: 3, validationFraction: 0.1, target: { type: 'direction' } }, part(0, nTrain));
    expect(trained.engine.kind).toBe('wasm');
    const test = part(nTrain, all.n);
    const p = await predict(trained, test);
    let hits = 0;
    for (let i = 0; i < test.n; i++) if (p[i]! > 0.5 === test.y[i]! > 0) hits++;
    const hitRate = hits / test.n;
    console.log(`planted-signal direction, fused wasm: hit rate ${hitRate.toFixed(3)} on ${test.n} held-out windows`);
    expect(hitRate).toBeGreaterThan(0.75);
    disposeModel(trained);
  });
});
