/**
 * trainFused as a drop-in for trainModel: the trained weights load into the registry's tfjs model
 * (and survive export/import) and predict what the engine predicts; training follows tfjs's own
 * training step for step; progress, cancellation and the unsupported cases behave.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildWasm } from '../../../scripts/build-wasm.mjs';
import { CancelledError } from '../../core/executor';
import type { GruSpec, LstmSpec, TrainingSpec, TrainProgress } from '../../core/executor';
import { exportTrained, importTrained } from '../persist';
import { FEATURES, LOOKBACK, plantedWindows } from '../testFixtures.testkit';
import { disposeModel, predict, trainModel, type TrainedModel } from '../train';
import { createEngine, fusedUnsupported, trainFused } from './index';
import { maxAbsDiff } from './fusedFixtures.testkit';
import { gruSchema, lstmSchema } from '../../spec';

beforeAll(async () => {
  await buildWasm({ quiet: true });
  await tf.setBackend('cpu');
});

const training: TrainingSpec = { epochs: 3, batchSize: 16, learningRate: 1e-3, seed: 5, validationFraction: 0.2 };
const specs: (LstmSpec | GruSpec)[] = [
  lstmSchema.parse({ type: 'lstm', units: 8, lookback: LOOKBACK, layers: 1, recurrentActivation: 'sigmoid' }),
  lstmSchema.parse({ type: 'lstm', units: 8, lookback: LOOKBACK, layers: 2, recurrentActivation: 'hardSigmoid' }),
  gruSchema.parse({ type: 'gru', units: 8, lookback: LOOKBACK, layers: 1, recurrentActivation: 'sigmoid' }),
  gruSchema.parse({ type: 'gru', units: 8, lookback: LOOKBACK, layers: 2, recurrentActivation: 'hardSigmoid' }),
];

async function flatWeights(trained: TrainedModel): Promise<Float32Array> {
  if (trained.built.kind !== 'layers') throw new Error('expected a layers model');
  const parts = await Promise.all(trained.built.model.getWeights().map((w) => w.data()));
  return Float32Array.from(parts.flatMap((p) => Array.from(p)));
}

describe('trainFused', () => {
  it.each(specs)('$type ($recurrentActivation, $layers layers): the tfjs model, saved and loaded, predicts what the engine predicts', async (spec) => {
    const data = plantedWindows(90, 3, { horizon: 2 });
    const trained = await trainFused(spec, training, data);
    expect(trained.engine.kind).toBe('wasm');
    expect(trained.epochLoss).toHaveLength(3);
    expect(trained.valLoss).toHaveLength(3);
    const params = await flatWeights(trained);
    const { engine } = await createEngine({
      cell: spec.type, layers: spec.layers, units: spec.units, features: FEATURES, lookback: LOOKBACK,
      outputs: 2, maxBatch: data.n, hardSigmoid: spec.recurrentActivation === 'hardSigmoid',
    });
    engine.params().set(params);
    engine.x().set(data.x);
    engine.forward(data.n);
    const fromEngine = engine.out().slice();
    const fromTfjs = await predict(trained, data);
    const reloaded = await importTrained(await exportTrained(trained));
    const fromLoaded = await predict(reloaded, data);
    const worst = Math.max(maxAbsDiff(fromTfjs, fromEngine), maxAbsDiff(fromLoaded, fromEngine));
    console.log(`${spec.type} ${spec.recurrentActivation} x${spec.layers}: tfjs (and reloaded) vs engine predictions max |diff| ${worst}`);
    expect(worst).toBeLessThan(1e-5);
    disposeModel(trained);
    disposeModel(reloaded);
  });

  const followCases = (['wasm', 'js'] as const).flatMap((engine) =>
    (['regression', 'direction', 'quantile'] as const).map((target) => ({ engine, target })),
  );
  it.each(followCases)('$engine, $target target: follows tfjs training (trainModel on tfjs layers) step for step', async ({ engine, target }) => {
    const spec: LstmSpec = lstmSchema.parse({ type: 'lstm', units: 8, lookback: LOOKBACK, recurrentActivation: 'sigmoid' });
    const data = plantedWindows(80, 4, { horizon: target === 'regression' ? 1 : 2 });
    const t: TrainingSpec = { ...training, lrSchedule: 'cosine', clipNorm: 1, target: { type: target } };
    const fused = await trainFused(spec, t, data, {}, { engine });
    const reference = await trainModel({ ...spec, engine: 'tfjs' }, t, data);
    expect(fused.engine.kind).toBe(engine);
    expect(reference).not.toHaveProperty('engine');
    expect(fused.outputs).toBe(reference.outputs);
    const diff = maxAbsDiff(await flatWeights(fused), await flatWeights(reference));
    console.log(`trainFused(${engine}, ${target}) vs trainModel(tfjs) after 3 epochs: weights max |diff| ${diff}`);
    expect(diff).toBeLessThan(1e-5);
    expect(maxAbsDiff(fused.valLoss, reference.valLoss)).toBeLessThan(1e-5);
    expect(maxAbsDiff(fused.epochLoss, reference.epochLoss)).toBeLessThan(1e-5);
    expect(fused.bestEpoch).toBe(reference.bestEpoch);
    disposeModel(fused);
    disposeModel(reference);
  });

  it('reports progress at every batch and cancels between batches', async () => {
    const spec: GruSpec = gruSchema.parse({ type: 'gru', units: 4, lookback: LOOKBACK });
    const seen: TrainProgress[] = [];
    const before = tf.memory().numTensors;
    const run = trainFused(spec, { ...training, epochs: 5 }, plantedWindows(90, 3), {
      onProgress: (p) => seen.push(p),
      shouldStop: () => seen.length >= 3,
    });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(seen.map((p) => [p.epoch, p.batch])).toEqual([[1, 1], [1, 2], [1, 3]]);
    expect(seen.every((p) => p.batches === 5 && Number.isFinite(p.loss) && p.samplesPerSecond > 0)).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('names the specs that must stay on tfjs layers', () => {
    const lstm: LstmSpec = lstmSchema.parse({ type: 'lstm', units: 8, lookback: 5, recurrentActivation: 'sigmoid' });
    expect(fusedUnsupported(lstm, training)).toBeNull();
    expect(fusedUnsupported(lstm, { ...training, target: { type: 'direction' } })).toBeNull();
    expect(fusedUnsupported(lstm, { ...training, target: { type: 'quantile', quantiles: [0.1, 0.9] } })).toBeNull();
    expect(fusedUnsupported({ ...lstm, layers: 2, dropout: 0.2 }, training)).toBeNull();
    expect(fusedUnsupported({ ...lstm, recurrentDropout: 0.1 }, training)).toMatch(/recurrentDropout/);
    expect(fusedUnsupported({ type: 'mlp', lookback: 5, hidden: [4], dropout: 0 }, training)).toMatch(/not mlp/);
  });
});
