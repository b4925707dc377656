import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CancelledError } from '../core/executor';
import type { LstmSpec, TrainingSpec, WindowedData } from '../core/executor';
import { createRng } from '../core/rng';
import { disposeModel, predict, trainModel, type TrainedModel } from './train';

const LOOKBACK = 10;
const FEATURES = 2;

/**
 * Planted signal: random normal features; the target is feature 1 three steps before the end of
 * the window, plus a little noise. A model that remembers the window beats the zero forecast.
 */
function plantedWindows(n: number, seed: number): WindowedData {
  const rng = createRng(seed);
  const x = new Float32Array(n * LOOKBACK * FEATURES);
  const y = new Float32Array(n);
  for (let i = 0; i < x.length; i++) x[i] = rng.normal();
  for (let s = 0; s < n; s++) {
    const lagged = x[(s * LOOKBACK + LOOKBACK - 3) * FEATURES + 1]!;
    y[s] = lagged + 0.1 * rng.normal();
  }
  return { x, y, n, lookback: LOOKBACK, features: FEATURES, horizon: 1 };
}

const lstm = (units: number): LstmSpec => ({ type: 'lstm', units, lookback: LOOKBACK, recurrentActivation: 'sigmoid' });

function mse(pred: Float32Array, y: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < y.length; i++) sum += (pred[i]! - y[i]!) ** 2;
  return sum / y.length;
}

async function weightsOf(trained: TrainedModel): Promise<Float32Array[]> {
  if (trained.built.kind !== 'layers') throw new Error('expected a layers model');
  return Promise.all(trained.built.model.getWeights().map(async (w) => Float32Array.from(await w.data())));
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('trainModel', () => {
  const small: TrainingSpec = { epochs: 2, batchSize: 32, learningRate: 0.01, seed: 11 };

  it('leaves no tensors behind after train + predict + dispose', async () => {
    const data = plantedWindows(96, 1);
    const before = tf.memory().numTensors;
    const trained = await trainModel(lstm(4), small, data, {});
    const pred = await predict(trained, data);
    expect(pred.length).toBe(96);
    disposeModel(trained);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('gives bitwise identical weights for the same seed', async () => {
    const data = plantedWindows(96, 2);
    const a = await trainModel(lstm(4), small, data);
    const b = await trainModel(lstm(4), small, data);
    const c = await trainModel(lstm(4), { ...small, seed: 12 }, data);
    const [wa, wb, wc] = await Promise.all([weightsOf(a), weightsOf(b), weightsOf(c)]);
    [a, b, c].forEach(disposeModel);
    expect(wa.length).toBe(wb.length);
    wa.forEach((w, i) => expect(new Uint32Array(w.buffer)).toEqual(new Uint32Array(wb[i]!.buffer)));
    expect(wc[0]).not.toEqual(wa[0]);
  });

  it('reports progress at every batch end', async () => {
    const seen: number[] = [];
    const trained = await trainModel(lstm(4), small, plantedWindows(70, 3), {
      onProgress: (p) => {
        seen.push(p.batch);
        expect(p.batches).toBe(3);
        expect(Number.isFinite(p.loss)).toBe(true);
        expect(p.samplesPerSecond).toBeGreaterThan(0);
      },
    });
    disposeModel(trained);
    expect(seen).toEqual([1, 2, 3, 1, 2, 3]);
  });

  it('learns a planted lagged signal far better than the naive zero forecast', async () => {
    const train = plantedWindows(400, 4);
    const test = plantedWindows(200, 5);
    const started = performance.now();
    const trained = await trainModel(lstm(8), { epochs: 30, batchSize: 32, learningRate: 0.02, seed: 7 }, train);
    const seconds = (performance.now() - started) / 1000;
    const naive = await trainModel({ type: 'naive', lookback: LOOKBACK }, small, test);
    const lstmMse = mse(await predict(trained, test), test.y);
    const naiveMse = mse(await predict(naive, test), test.y);
    disposeModel(trained);
    disposeModel(naive);
    console.info(`planted signal: lstm mse ${lstmMse.toFixed(4)}, naive mse ${naiveMse.toFixed(4)}, train ${seconds.toFixed(1)} s`);
    expect(lstmMse).toBeLessThan(0.5 * naiveMse);
  });

  it('cancels via shouldStop with CancelledError and leaks no tensors', async () => {
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

  it('rejects windows whose sizes do not match with a precise error', async () => {
    const data = { ...plantedWindows(8, 7), n: 9 };
    await expect(trainModel(lstm(4), small, data)).rejects.toThrow(/x has 160 values, expected n\*lookback\*features = 180/);
  });
});
