import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CancelledError } from '../core/executor';
import type { MlpSpec, ModelSpecInput, TrainingSpec, TrainProgress, WindowedData } from '../core/executor';
import { createRng } from '../core/rng';
import { sliceWindows } from './models/ensemble';
import { FAST_TRAINING, LOOKBACK, mse, plantedWindows } from './testFixtures.testkit';
import { disposeModel, learningRateAt, predict, trainModel, type TrainedModel } from './train';

const lstm = (units: number): ModelSpecInput => ({ type: 'lstm', units, lookback: LOOKBACK, recurrentActivation: 'sigmoid' });
const mlp: MlpSpec = { type: 'mlp', lookback: LOOKBACK, hidden: [16], dropout: 0 };
const small: TrainingSpec = { ...FAST_TRAINING, validationFraction: 0 };

async function weightsOf(trained: TrainedModel): Promise<Float32Array[]> {
  if (trained.built.kind !== 'layers') throw new Error('expected a layers model');
  return Promise.all(trained.built.model.getWeights().map(async (w) => Float32Array.from(await w.data())));
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('trainModel', () => {
  it('reports progress at every batch end, with the validation loss on the last batch of each epoch', async () => {
    const seen: TrainProgress[] = [];
    const trained = await trainModel(lstm(4), { ...small, validationFraction: 0.1 }, plantedWindows(70, 3), {
      onProgress: (p) => seen.push(p),
    });
    disposeModel(trained);
    // 70 windows: the last 7 validate, 63 train in batches of 32.
    expect(seen.map((p) => p.batch)).toEqual([1, 2, 1, 2]);
    expect(seen.map((p) => p.valLoss !== undefined)).toEqual([false, true, false, true]);
    for (const p of seen) {
      expect(p.batches).toBe(2);
      expect(Number.isFinite(p.loss)).toBe(true);
      expect(p.samplesPerSecond).toBeGreaterThan(0);
      expect(p.learningRate).toBe(0.01);
    }
    expect(trained.valLoss).toEqual(seen.filter((p) => p.valLoss !== undefined).map((p) => p.valLoss));
  });

  it('cancels within one batch with CancelledError and leaks no tensors', async () => {
    const data = plantedWindows(128, 6);
    const before = tf.memory().numTensors;
    let batches = 0;
    const run = trainModel(lstm(4), { ...small, epochs: 50 }, data, {
      onProgress: () => void batches++,
      shouldStop: () => batches >= 3,
    });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(batches).toBe(3);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects windows whose sizes do not match, and bad training fields, with precise errors', async () => {
    const data = { ...plantedWindows(8, 7), n: 9 };
    await expect(trainModel(lstm(4), small, data)).rejects.toThrow(/x has 96 values, expected n\*lookback\*features = 108/);
    await expect(trainModel(lstm(4), { ...small, validationFraction: 1 }, plantedWindows(8, 7))).rejects.toThrow(
      'training.validationFraction: Too big: expected number to be <=0.5',
    );
  });

  it('forecasts every step of a multi-output horizon directly', async () => {
    const train = plantedWindows(256, 21, { horizon: 3 });
    const test = plantedWindows(100, 22, { horizon: 3 });
    const trained = await trainModel(mlp, { ...small, epochs: 15, learningRate: 0.02 }, train);
    const pred = await predict(trained, test);
    disposeModel(trained);
    expect(pred.length).toBe(300);
    for (let h = 0; h < 3; h++) {
      const column = (a: Float32Array): number[] => Array.from({ length: 100 }, (_, i) => a[i * 3 + h]!);
      expect(mse(column(pred), column(test.y))).toBeLessThan(0.25 * mse(new Float32Array(100), column(test.y)));
    }
  });
});

describe('targets', () => {
  it('direction: probabilities in [0, 1] that call the planted sign far better than a coin', async () => {
    const train = plantedWindows(256, 31, { noise: 0.5 });
    const test = plantedWindows(200, 32, { noise: 0.5 });
    const trained = await trainModel(mlp, { ...small, epochs: 15, learningRate: 0.02, target: { type: 'direction' } }, train);
    const p = await predict(trained, test);
    disposeModel(trained);
    expect(p.every((v) => v >= 0 && v <= 1)).toBe(true);
    const hits = Array.from(p).filter((v, i) => v > 0.5 === test.y[i]! > 0).length / test.n;
    console.info(`direction: hit rate ${(100 * hits).toFixed(1)}% on ${test.n} held-out windows`);
    expect(hits).toBeGreaterThan(0.7);
  });

  it('quantile: ordered outputs whose 10-90 band covers about 80% of held-out targets', async () => {
    const train = plantedWindows(384, 41, { noise: 0.5 });
    const test = plantedWindows(300, 42, { noise: 0.5 });
    const quantiles = [0.1, 0.5, 0.9];
    // A small net: a wide one overfits and its in-sample residuals (so its bands) shrink.
    const spec: MlpSpec = { ...mlp, hidden: [8] };
    const trained = await trainModel(spec, { ...small, epochs: 20, learningRate: 0.05, target: { type: 'quantile', quantiles } }, train);
    const p = await predict(trained, test);
    disposeModel(trained);
    expect(p.length).toBe(test.n * 3);
    const mean = (j: number): number => Array.from({ length: test.n }, (_, i) => p[i * 3 + j]!).reduce((a, b) => a + b, 0) / test.n;
    expect(mean(0)).toBeLessThan(mean(1));
    expect(mean(1)).toBeLessThan(mean(2));
    const covered = Array.from(test.y).filter((y, i) => y >= p[i * 3]! && y <= p[i * 3 + 2]!).length / test.n;
    console.info(`quantile: mean q10 ${mean(0).toFixed(3)}, q50 ${mean(1).toFixed(3)}, q90 ${mean(2).toFixed(3)}; 10-90 coverage ${(100 * covered).toFixed(1)}%`);
    expect(covered).toBeGreaterThan(0.65);
    expect(covered).toBeLessThan(0.93);
  });
});

describe('early stopping, clipping and schedules', () => {
  it('stops early on a noise target and restores the best validation weights', async () => {
    const rng = createRng(51);
    const data: WindowedData = { ...plantedWindows(200, 51), y: Float32Array.from({ length: 200 }, () => rng.normal()) };
    const spec: MlpSpec = { ...mlp, hidden: [32] };
    const trained = await trainModel(spec, { ...small, epochs: 60, learningRate: 0.01, validationFraction: 0.2, patience: 3 }, data);
    const tail = sliceWindows(data, 160, 200);
    const tailMse = mse(await predict(trained, tail), tail.y);
    disposeModel(trained);
    console.info(`early stop: ran ${trained.epochLoss.length}/60 epochs, best epoch ${trained.bestEpoch}`);
    expect(trained.stoppedEarly).toBe(true);
    expect(trained.epochLoss.length).toBeLessThan(60);
    expect(trained.epochLoss.length).toBe(trained.bestEpoch + 3);
    expect(tailMse).toBeCloseTo(Math.min(...trained.valLoss), 5);
  });

  it('keeps weights finite under the largest declared learning rate when gradients are clipped', async () => {
    // Targets of 1e18: gradients near 1e18 square past float32's range inside Adam's second
    // moment, which then freezes the model; clipped to norm 1, every step is taken and learns.
    const data = plantedWindows(128, 61, { signal: 1e18 });
    const trained = await trainModel(mlp, { ...small, epochs: 5, learningRate: 1, clipNorm: 1 }, data);
    const weights = await weightsOf(trained);
    const pred = await predict(trained, data);
    disposeModel(trained);
    const maxW = Math.max(...weights.map((w) => Math.max(...w.map(Math.abs))));
    console.info(`clipping: ${trained.skippedSteps} steps skipped, max |w| ${maxW.toExponential(2)}, loss ${trained.epochLoss.map((l) => l.toExponential(4)).join(' > ')}`);
    expect(weights.every((w) => w.every(Number.isFinite))).toBe(true);
    expect(pred.every(Number.isFinite)).toBe(true);
    expect(trained.skippedSteps).toBe(0);
    expect(trained.epochLoss.at(-1)!).toBeLessThan(trained.epochLoss[0]!);
  });

  it('skips a step whose gradient overflows instead of writing NaN into the weights', async () => {
    const data = plantedWindows(64, 62, { signal: 1e25 });
    const trained = await trainModel(mlp, { ...small, epochs: 2, learningRate: 1 }, data);
    const weights = await weightsOf(trained);
    disposeModel(trained);
    expect(weights.every((w) => w.every(Number.isFinite))).toBe(true);
  });

  it('schedules the learning rate: constant, cosine to zero, step halving', () => {
    const t: TrainingSpec = { ...small, epochs: 6, learningRate: 0.1 };
    expect(learningRateAt(t, 5, 59, 60)).toBe(0.1);
    const cosine = { ...t, lrSchedule: 'cosine' as const };
    expect(learningRateAt(cosine, 0, 0, 60)).toBeCloseTo(0.1, 12);
    expect(learningRateAt(cosine, 3, 30, 60)).toBeCloseTo(0.05, 12);
    expect(learningRateAt(cosine, 5, 60, 60)).toBeCloseTo(0, 12);
    const step = { ...t, lrSchedule: 'step' as const };
    expect([0, 1, 2, 3, 4, 5].map((e) => learningRateAt(step, e, 0, 60))).toEqual([0.1, 0.1, 0.05, 0.05, 0.025, 0.025]);
  });
});

describe('ensembles', () => {
  it('stacked: refuses a validation tail too short to fit the stack, naming the fix', async () => {
    const spec = {
      type: 'ensemble' as const,
      lookback: LOOKBACK,
      combine: 'stacked' as const,
      members: [mlp, { type: 'ridge' as const, lookback: LOOKBACK, lambda: 1 }],
    };
    await expect(trainModel(spec, { ...small, validationFraction: 0.1 }, plantedWindows(30, 71))).rejects.toThrow(
      /validation tail has 3 windows but needs at least members \+ 2 = 4; raise training.validationFraction/,
    );
  });
});
