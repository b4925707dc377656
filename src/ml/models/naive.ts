/**
 * The naive baseline for next-bar log returns: a zero return for every window (a random walk);
 * for a direction target a coin flip (0.5); for a quantile target 0 for every quantile. No tfjs:
 * a model to beat should not need a GPU to exist.
 */
import type { NaiveSpec } from '../../core/executor';
import { type ArrayModel, type ModelDefinition, type ModelShape } from './types';

export function createNaiveModel(shape: Pick<ModelShape, 'outputs' | 'target'>): ArrayModel {
  const { outputs, target } = shape;
  if (!Number.isInteger(outputs) || outputs < 1) throw new Error(`naive model outputs must be an integer >= 1, got ${outputs}`);
  const value = target.type === 'direction' ? 0.5 : 0;
  return {
    outputs,
    fit: () => undefined,
    predict: (data) => new Float32Array(data.n * outputs).fill(value),
    // A constant: its gradient is zero everywhere.
    inputGradients: (data) => new Float32Array(data.x.length),
    toJSON: () => ({}),
  };
}

export const naive: ModelDefinition<NaiveSpec> = {
  type: 'naive',
  trainable: false,
  build: (_spec, shape) => ({ kind: 'array', model: createNaiveModel(shape) }),
  restore: (_json, shape) => createNaiveModel(shape),
};
