import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { modelDefinition } from '../ml/models/registry';
import { resolveTarget } from '../ml/models/types';
import { checkRunBudget, estimatedRows, estimateRun, parameterCount, RUN_BUDGET } from './budget';
import { parseNotebookJson } from './parse';
import type { CellOf, ModelCellSpec } from './schema';

const root = resolve(__dirname, '../..');
const demo = parseNotebookJson(readFileSync(join(root, 'public/notebooks/demo.json'), 'utf8'));

describe('run budget', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('estimates the demo notebook: 24 folds, well inside every limit', () => {
    const estimate = checkRunBudget(demo, 1500);
    expect(estimate.folds).toBe(24);
    expect(estimate.trainings).toBe(24);
    expect(estimate.bytes).toBeLessThan(RUN_BUDGET.maxBytes / 50);
    expect(estimate.trainingSteps!).toBeLessThan(RUN_BUDGET.maxTrainingSteps / 100);
  });

  it('knows rows from the document where it can, and not for a CSV', () => {
    const data = (source: unknown, extra: object = {}) => ({ id: 'd', kind: 'data', source, ...extra }) as CellOf<'data'>;
    expect(estimatedRows(data({ type: 'demo', seed: 1, bars: 1500 }))).toBe(1500);
    expect(estimatedRows(data({ type: 'binance', symbol: 'BTCUSDT', interval: '1h', start: '2024-01-01', end: '2024-01-08' }))).toBe(168);
    expect(estimatedRows(data({ type: 'binance', symbol: 'BTCUSDT', interval: '1h', start: '2024-01-01', end: '2024-01-08' }, { resample: '4h' }))).toBe(42);
    expect(estimatedRows(data({ type: 'csv', name: 'x.csv' }))).toBeNull();
    expect(estimateRun(demo, null).folds).toBeNull();
  });

  it.each<ModelCellSpec>([
    { type: 'lstm', lookback: 10, units: 16, layers: 2, dropout: 0, recurrentDropout: 0, recurrentActivation: 'sigmoid', engine: 'tfjs' },
    { type: 'gru', lookback: 10, units: 8, layers: 1, dropout: 0, recurrentDropout: 0, recurrentActivation: 'sigmoid', engine: 'tfjs' },
    { type: 'mlp', lookback: 10, hidden: [32, 16], dropout: 0 },
    { type: 'cnnLstm', lookback: 10, filters: 16, kernelSize: 3, units: 8, recurrentActivation: 'sigmoid' },
    { type: 'attention', lookback: 10, dModel: 16, heads: 4, ffDim: 32, blocks: 2, dropout: 0 },
  ])('counts $type parameters as the built model has them (within 10%)', (spec) => {
    const features = 3;
    const outputs = 2;
    const shape = { lookback: spec.lookback, features, horizon: outputs, target: resolveTarget(undefined), outputs };
    const built = modelDefinition(spec.type).build(spec, shape, 1);
    if (built.kind !== 'layers') throw new Error('expected a layers model');
    const actual = built.model.countParams();
    built.model.dispose();
    expect(Math.abs(parameterCount(spec, features, outputs) - actual) / actual).toBeLessThan(0.1);
  });
});
