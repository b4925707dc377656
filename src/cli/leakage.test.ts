import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildFeatureTable } from '../core/featureTable';
import type { Frame } from '../core/frame';
import { prepareFold } from '../core/foldData';
import { walkForwardSplits } from '../core/walkforward';
import { trainModel, disposeModel } from '../ml/train';
import { generateDemoMarket } from '../sources/demo';

const requests = [
  { name: 'logReturn', params: {} },
  { name: 'logReturn', column: 'activeAddresses', params: {} },
  { name: 'rsi', params: { period: 14 } },
];
const lookback = 8;

async function trainedWeights(frame: Frame, foldIndex: number): Promise<{ weights: Float32Array[]; mean: Float64Array; x: Float32Array }> {
  const table = buildFeatureTable(frame, requests, 1);
  const fold = walkForwardSplits(table.time.length - 1, { mode: 'rolling', trainSize: 150, testSize: 40, step: 40, purge: lookback, start: table.firstComplete + lookback - 1 })[foldIndex]!;
  const data = prepareFold(table, fold, lookback);
  const x = data.train.x.slice();
  const trained = await trainModel({ type: 'lstm', lookback, units: 4, recurrentActivation: 'sigmoid' }, { epochs: 2, batchSize: 32, learningRate: 0.01, seed: 5 }, data.train);
  if (trained.built.kind !== 'layers') throw new Error('expected a tfjs model');
  const weights = trained.built.model.getWeights().map((w) => w.dataSync() as Float32Array).map((a) => a.slice());
  disposeModel(trained);
  return { weights, mean: data.featureScaler.mean, x };
}

describe('no look-ahead through training (cpu)', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each([0, 1, 2])('fold %i: trained weights are bit-identical when every value from the test start on changes', async (foldIndex) => {
    const frame = generateDemoMarket({ seed: 9, bars: 330 });
    const table = buildFeatureTable(frame, requests, 1);
    const fold = walkForwardSplits(table.time.length - 1, { mode: 'rolling', trainSize: 150, testSize: 40, step: 40, purge: lookback, start: table.firstComplete + lookback - 1 })[foldIndex]!;
    const perturbed: Frame = {
      ...frame,
      columns: Object.fromEntries(Object.entries(frame.columns).map(([k, v]) => [k, v.map((x, t) => (t >= fold.testStart ? x * 3 + 7 : x))])),
    };
    const a = await trainedWeights(frame, foldIndex);
    const b = await trainedWeights(perturbed, foldIndex);
    expect(b.mean).toEqual(a.mean);
    expect(b.x).toEqual(a.x);
    expect(b.weights).toEqual(a.weights);
  });
});
