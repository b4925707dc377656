/**
 * The WGSL trainer's loop on the cpu backend with the tf-ops step (the WGSL kernels themselves run
 * only in a browser: selftest.html): same seeded shuffle, Adam, validation tail and clipping as
 * train.ts's tfjs-layers loop, so both train to the same weights; plus the routing predicate.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LstmSpec, TrainingSpec } from '../../core/executor';
import { FAST_TRAINING, LOOKBACK, plantedWindows } from '../testFixtures.testkit';
import { disposeModel, predict, trainModel } from '../train';
import { classifyAdapter } from './adapterKind';
import { referenceStepOps } from './referenceStep';
import { wgslEngineChoice } from './usable';
import { trainWgsl } from './wgslTrainer';
import { gruSchema, lstmSchema } from '../../spec';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const maxAbs = (a: Float32Array, b: Float32Array): number => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);

describe('trainWgsl (tf-ops step, cpu)', () => {
  it.each(['sigmoid', 'hardSigmoid'] as const)('trains like the tfjs-layers loop (%s, 2 layers, clipping, validation tail)', async (act) => {
    const spec: LstmSpec = lstmSchema.parse({ type: 'lstm', units: 5, layers: 2, lookback: LOOKBACK, recurrentActivation: act });
    const training: TrainingSpec = { ...FAST_TRAINING, validationFraction: 0.2, clipNorm: 0.5 };
    const data = plantedWindows(80, 4);
    const before = tf.memory().numTensors;
    const ours = await trainWgsl(spec, training, data, {}, referenceStepOps);
    const layers = await trainModel({ ...spec, engine: 'tfjs' }, training, data);
    try {
      expect(ours.engineLabel).toBe('fused tf ops');
      expect(ours.epochLoss).toHaveLength(2);
      ours.epochLoss.forEach((l, i) => expect(l).toBeCloseTo(layers.epochLoss[i]!, 5));
      ours.valLoss.forEach((l, i) => expect(l).toBeCloseTo(layers.valLoss[i]!, 5));
      expect(maxAbs(await predict(ours, data), await predict(layers, data))).toBeLessThan(1e-4);
    } finally {
      disposeModel(ours);
      disposeModel(layers);
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('WGSL engine routing', () => {
  it('classifies adapters: SwiftShader and isFallbackAdapter are software', () => {
    expect(classifyAdapter({ vendor: 'google', architecture: 'swiftshader' }).kind).toBe('software');
    expect(classifyAdapter({ vendor: 'acme', isFallbackAdapter: true }).kind).toBe('software');
    expect(classifyAdapter({ vendor: 'acme' }, true).kind).toBe('software');
    expect(classifyAdapter({ vendor: 'nvidia', architecture: 'ampere', isFallbackAdapter: false })).toEqual({ kind: 'hardware', name: 'nvidia / ampere' });
  });

  it('is not used off webgpu, nor for what it cannot train, and says why', async () => {
    const lstm = lstmSchema.parse({ type: 'lstm', lookback: 4, units: 4, recurrentActivation: 'sigmoid' });
    const regression = { epochs: 1, batchSize: 8, learningRate: 0.01, seed: 1 };
    expect(await wgslEngineChoice(lstm, regression)).toEqual({ use: false, why: 'the active tfjs backend is cpu' });
    expect(await wgslEngineChoice(gruSchema.parse({ type: 'gru', lookback: 4, units: 4 }), regression)).toEqual({ use: false, why: 'the WGSL engine trains lstm, not gru' });
    expect(await wgslEngineChoice(lstm, { ...regression, target: { type: 'direction' } })).toEqual({ use: false, why: 'the WGSL engine has an MSE head only, not direction' });
    expect(await wgslEngineChoice({ ...lstm, layers: 2, dropout: 0.2 }, regression)).toEqual({ use: false, why: 'the WGSL engine has no dropout between layers' });
  });
});
