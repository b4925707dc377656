/**
 * Ensemble of member models. 'mean' trains every member on the whole training window and
 * averages their outputs. 'stacked' trains members on the head of the window, predicts the
 * validation tail, and fits a ridge (per horizon step, with intercept) from members' predictions
 * to the target there; the same weights apply to every quantile column of that step.
 * Training is injected (train.ts passes its own functions) so this file does not import train.ts.
 */
import type { EnsembleSpec, ModelSpec, TrainingSpec, TrainProgress, WindowedData } from '../../core/executor';
import { fitRidge } from '../../core/ridge';
import { validationPurge } from '../optimization';
import { type FittedModel, type ModelDefinition, type ModelShape, type StackWeights, type TrainedModel } from './types';

export interface EnsembleOps {
  train(model: ModelSpec, training: TrainingSpec, data: WindowedData, onProgress?: (p: TrainProgress) => void): Promise<TrainedModel>;
  predict(trained: TrainedModel, data: WindowedData): Promise<Float32Array>;
  dispose(trained: TrainedModel): void;
}

/** Windows start..end-1 of `data` (views, no copy). */
export function sliceWindows(data: WindowedData, start: number, end: number): WindowedData {
  const stride = data.lookback * data.features;
  return {
    ...data,
    n: end - start,
    x: data.x.subarray(start * stride, end * stride),
    y: data.y.subarray(start * data.horizon, end * data.horizon),
  };
}

/** Member seeds are spread apart so members differ even when their specs are equal. */
const memberSeed = (seed: number, i: number): number => seed + 7919 * (i + 1);

export async function trainEnsemble(
  spec: EnsembleSpec,
  training: TrainingSpec,
  data: WindowedData,
  shape: ModelShape,
  ops: EnsembleOps,
  onProgress?: (p: TrainProgress) => void,
): Promise<FittedModel> {
  const m = spec.members.length;
  let head = data;
  let tail: WindowedData | null = null;
  if (spec.combine === 'stacked') {
    const nVal = Math.floor(data.n * (training.validationFraction ?? 0.1));
    // Purged like the early-stopping tail: no member's training target reaches into the tail.
    const purge = validationPurge(training, data);
    if (nVal < m + 2 || data.n - nVal - purge < 1) {
      throw new Error(
        `stacked ensemble: the validation tail has ${nVal} windows but needs at least members + 2 = ${m + 2}; ` +
          'raise training.validationFraction or use combine "mean"',
      );
    }
    head = sliceWindows(data, 0, data.n - nVal - purge);
    tail = sliceWindows(data, data.n - nVal, data.n);
  }
  const members: TrainedModel[] = [];
  try {
    for (let i = 0; i < m; i++) {
      const forward = onProgress ? (p: TrainProgress) => onProgress({ ...p, member: i, members: m }) : undefined;
      members.push(await ops.train(spec.members[i]!, { ...training, seed: memberSeed(training.seed, i) }, head, forward));
    }
    const stack = tail ? await fitStack(members, tail, shape, ops) : null;
    return { kind: 'ensemble', combine: spec.combine, members, stack };
  } catch (err) {
    members.forEach((t) => ops.dispose(t));
    throw err;
  }
}

/** Per step h: the member's central prediction (mean over quantiles) at h. */
function central(pred: Float32Array, i: number, h: number, shape: ModelShape): number {
  const per = shape.outputs / shape.horizon;
  let s = 0;
  for (let j = 0; j < per; j++) s += pred[(i * shape.horizon + h) * per + j]!;
  return s / per;
}

async function fitStack(members: TrainedModel[], tail: WindowedData, shape: ModelShape, ops: EnsembleOps): Promise<StackWeights> {
  const preds = await Promise.all(members.map((t) => ops.predict(t, tail)));
  const m = members.length;
  const { horizon } = shape;
  const weights = new Array<number>(m * horizon).fill(0);
  const intercept = new Array<number>(horizon).fill(0);
  for (let h = 0; h < horizon; h++) {
    const x = new Float64Array(tail.n * m);
    const y = new Float64Array(tail.n);
    for (let i = 0; i < tail.n; i++) {
      preds.forEach((p, k) => (x[i * m + k] = central(p, i, h, shape)));
      const v = tail.y[i * horizon + h]!;
      y[i] = shape.target.type === 'direction' ? (v > 0 ? 1 : 0) : v;
    }
    // A small penalty: members' predictions are strongly collinear.
    const fit = fitRidge(x, y, tail.n, m, 1, 1e-3 * tail.n);
    for (let k = 0; k < m; k++) weights[k * horizon + h] = fit.weights[k]!;
    intercept[h] = fit.intercept[0]!;
  }
  return { weights, intercept };
}

export function combinePredictions(
  combine: 'mean' | 'stacked',
  stack: StackWeights | null,
  preds: Float32Array[],
  n: number,
  shape: Pick<ModelShape, 'horizon' | 'outputs' | 'target'>,
): Float32Array {
  const out = new Float32Array(n * shape.outputs);
  if (combine === 'mean' || !stack) {
    for (const p of preds) for (let i = 0; i < out.length; i++) out[i]! += p[i]! / preds.length;
    return out;
  }
  const per = shape.outputs / shape.horizon;
  for (let i = 0; i < n; i++) {
    for (let h = 0; h < shape.horizon; h++) {
      for (let j = 0; j < per; j++) {
        const col = (i * shape.horizon + h) * per + j;
        let s = stack.intercept[h]!;
        preds.forEach((p, k) => (s += stack.weights[k * shape.horizon + h]! * p[col]!));
        out[col] = shape.target.type === 'direction' ? Math.min(0.999, Math.max(0.001, s)) : s;
      }
    }
  }
  return out;
}

export const ensemble: ModelDefinition<EnsembleSpec> = {
  type: 'ensemble',
  trainable: true,
  build: () => ({ kind: 'ensemble' }),
};
