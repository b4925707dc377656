/**
 * The naive baseline for next-bar log returns: predict a zero return for every window (a random
 * walk). No tfjs: a model to beat should not need a GPU to exist.
 */
import type { WindowedData } from '../../core/executor';

/** A model that predicts from plain arrays: [n, lookback, features] -> [n, horizon]. */
export interface ArrayModel {
  readonly horizon: number;
  predict(data: WindowedData): Float32Array;
}

export function createNaiveModel(horizon: number): ArrayModel {
  if (!Number.isInteger(horizon) || horizon < 1) {
    throw new Error(`naive model horizon must be an integer >= 1, got ${horizon}`);
  }
  return {
    horizon,
    predict: (data) => new Float32Array(data.n * horizon),
  };
}
