/**
 * Ridge regression on the flattened window (lookback * features inputs), solved in closed form
 * by core/ridge (Cholesky). Direction: a linear probability model on 0/1 labels, clipped to
 * [0.01, 0.99]. Quantile: the ridge mean plus the empirical quantiles of its training residuals.
 */
import type { RidgeSpec, WindowedData } from '../../core/executor';
import { fitRidge, predictRidge, type RidgeFit } from '../../core/ridge';
import { empiricalQuantile, sortedColumn } from './drift';
import { type ArrayModel, type ModelDefinition, type ModelShape } from './types';

interface RidgeState {
  fit: RidgeFit;
  /** Quantile target: residual quantile offsets [horizon * quantiles]; otherwise empty. */
  offsets: number[];
}

const clip = (p: number): number => Math.min(0.99, Math.max(0.01, p));

export function createRidgeModel(spec: RidgeSpec, shape: ModelShape, restored: RidgeState | null = null): ArrayModel {
  const { target, horizon, outputs } = shape;
  const d = shape.lookback * shape.features;
  let state = restored;
  return {
    outputs,
    fit(data: WindowedData) {
      const labels = target.type === 'direction' ? data.y.map((v) => (v > 0 ? 1 : 0)) : data.y;
      const fit = fitRidge(data.x, labels, data.n, d, horizon, spec.lambda);
      const offsets: number[] = [];
      if (target.type === 'quantile') {
        const fitted = predictRidge(fit, data.x, data.n);
        const residuals = data.y.map((v, i) => v - fitted[i]!);
        for (let h = 0; h < horizon; h++) {
          const col = sortedColumn(residuals, data.n, horizon, h);
          for (const q of target.quantiles) offsets.push(empiricalQuantile(col, q));
        }
      }
      state = { fit, offsets };
    },
    predict(data: WindowedData) {
      if (!state) throw new Error('ridge model: predict before fit');
      const mean = predictRidge(state.fit, data.x, data.n);
      if (target.type === 'regression') return Float32Array.from(mean);
      if (target.type === 'direction') return Float32Array.from(mean, clip);
      const q = target.quantiles.length;
      const out = new Float32Array(data.n * outputs);
      for (let i = 0; i < data.n; i++) {
        for (let h = 0; h < horizon; h++) {
          for (let j = 0; j < q; j++) out[(i * horizon + h) * q + j] = mean[i * horizon + h]! + state.offsets[h * q + j]!;
        }
      }
      return out;
    },
    inputGradients(data: WindowedData, output: number) {
      if (!state) throw new Error('ridge model: inputGradients before fit');
      const { weights, m } = state.fit;
      const step = Math.floor(output / (outputs / horizon));
      const column = Float32Array.from({ length: d }, (_, j) => weights[j * m + step]!);
      const out = new Float32Array(data.n * d);
      // Direction: where the probability is clipped it does not move with x.
      const mean = target.type === 'direction' ? predictRidge(state.fit, data.x, data.n) : null;
      for (let i = 0; i < data.n; i++) {
        const p = mean ? mean[i * horizon + step]! : 0.5;
        if (clip(p) === p) out.set(column, i * d);
      }
      return out;
    },
    toJSON() {
      if (!state) return { fit: null };
      const { fit, offsets } = state;
      return { fit: { ...fit, weights: Array.from(fit.weights), intercept: Array.from(fit.intercept) }, offsets };
    },
  };
}

function parseState(json: unknown, shape: ModelShape): RidgeState {
  const fit = (json as { fit?: Record<string, unknown> }).fit;
  const offsets = (json as { offsets?: unknown }).offsets;
  const d = shape.lookback * shape.features;
  const nums = (v: unknown, len: number): v is number[] =>
    Array.isArray(v) && v.length === len && v.every((x) => typeof x === 'number');
  if (!fit || !nums(fit['weights'], d * shape.horizon) || !nums(fit['intercept'], shape.horizon) || !Array.isArray(offsets)) {
    throw new Error(`stored ridge model: expected ${d}x${shape.horizon} weights and ${shape.horizon} intercepts`);
  }
  return {
    fit: {
      d,
      m: shape.horizon,
      lambda: Number(fit['lambda']),
      weights: Float64Array.from(fit['weights']),
      intercept: Float64Array.from(fit['intercept']),
    },
    offsets: offsets.map(Number),
  };
}

export const ridge: ModelDefinition<RidgeSpec> = {
  type: 'ridge',
  trainable: false,
  build: (spec, shape) => ({ kind: 'array', model: createRidgeModel(spec, shape) }),
  restore: (json, shape) => {
    const state = parseState(json, shape);
    return createRidgeModel({ type: 'ridge', lookback: shape.lookback, lambda: state.fit.lambda }, shape, state);
  },
};
