/**
 * Drift baseline: the mean training target per horizon step (direction: the share of up moves;
 * quantile: the empirical quantiles of the training target). Ignores the window.
 */
import type { DriftSpec, WindowedData } from '../../core/executor';
import { type ArrayModel, type ModelDefinition, type ModelShape } from './types';

/** Linear-interpolated empirical quantile of sorted values. */
export function empiricalQuantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return 0;
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (pos - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Column h of y [n, horizon], sorted ascending. */
export function sortedColumn(y: ArrayLike<number>, n: number, horizon: number, h: number): Float64Array {
  const col = new Float64Array(n);
  for (let i = 0; i < n; i++) col[i] = y[i * horizon + h]!;
  return col.sort();
}

function driftLevels(data: WindowedData, shape: ModelShape): number[] {
  const { n, horizon, y } = data;
  const { target } = shape;
  const levels: number[] = [];
  for (let h = 0; h < horizon; h++) {
    if (target.type === 'quantile') {
      const col = sortedColumn(y, n, horizon, h);
      for (const q of target.quantiles) levels.push(empiricalQuantile(col, q));
      continue;
    }
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const v = y[i * horizon + h]!;
      sum += target.type === 'direction' ? (v > 0 ? 1 : 0) : v;
    }
    levels.push(sum / n);
  }
  return levels;
}

export function createDriftModel(shape: ModelShape, levels: number[] | null = null): ArrayModel {
  let fitted = levels;
  return {
    outputs: shape.outputs,
    fit(data) {
      fitted = driftLevels(data, shape);
    },
    predict(data) {
      if (!fitted) throw new Error('drift model: predict before fit');
      const out = new Float32Array(data.n * shape.outputs);
      for (let i = 0; i < data.n; i++) out.set(fitted, i * shape.outputs);
      return out;
    },
    // The window is ignored: the gradient is zero everywhere.
    inputGradients: (data) => new Float32Array(data.x.length),
    toJSON: () => ({ levels: fitted }),
  };
}

export const drift: ModelDefinition<DriftSpec> = {
  type: 'drift',
  trainable: false,
  build: (_spec, shape) => ({ kind: 'array', model: createDriftModel(shape) }),
  restore(json, shape) {
    const levels = (json as { levels?: unknown }).levels;
    if (!Array.isArray(levels) || levels.length !== shape.outputs || !levels.every((v) => typeof v === 'number')) {
      throw new Error(`stored drift model: expected ${shape.outputs} levels, got ${JSON.stringify(levels)}`);
    }
    return createDriftModel(shape, levels as number[]);
  },
};
