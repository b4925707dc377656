import type { ModelSpec, TargetSpec, TrainingSpec } from '../../core/executor';
import type { ModelCellSpec, TrainingCellSpec } from '../schema';

/** The notebook's model spec is the executor's (zod filled every default). */
export function toExecutorSpec(spec: ModelCellSpec): ModelSpec {
  return spec as ModelSpec;
}

export function toTrainingSpec(training: TrainingCellSpec, seed: number): TrainingSpec {
  const target: TargetSpec =
    training.objective === 'quantile' ? { type: 'quantile', quantiles: training.quantiles } : { type: training.objective };
  return {
    epochs: training.epochs,
    batchSize: training.batchSize,
    learningRate: training.learningRate,
    seed,
    validationFraction: training.validationFraction,
    patience: training.patience,
    lrSchedule: training.lrSchedule,
    target,
    ...(training.clipNorm !== undefined ? { clipNorm: training.clipNorm } : {}),
  };
}

/** A fold's forecasts in return units, read from the model's raw outputs. */
export interface Interpreted {
  /**
   * The signal used for scoring and trading: the forecast return (regression, the median for
   * quantile); for a direction model P(up) - 0.5, which has the sign of the call but no size.
   */
  point: number[];
  /** Direction models: P(up). */
  probability?: number[];
  /** Quantile models: the lowest and highest quantiles, in return units. */
  lower?: number[];
  upper?: number[];
}

export function interpretPredictions(
  raw: Float32Array,
  n: number,
  training: TrainingCellSpec,
  scale: { targetMean: number; targetStd: number },
): Interpreted {
  const unscale = (v: number) => v * scale.targetStd + scale.targetMean;
  if (training.objective === 'direction') {
    const probability = Array.from(raw.subarray(0, n));
    return { point: probability.map((p) => p - 0.5), probability };
  }
  if (training.objective === 'quantile') {
    const q = training.quantiles;
    const order = q.map((value, i) => ({ value, i })).sort((a, b) => a.value - b.value);
    const median = order.reduce((best, c) => (Math.abs(c.value - 0.5) < Math.abs(best.value - 0.5) ? c : best)).i;
    const at = (sample: number, index: number) => unscale(raw[sample * q.length + index]!);
    const samples = Array.from({ length: n }, (_, s) => s);
    return {
      point: samples.map((s) => at(s, median)),
      lower: samples.map((s) => at(s, order[0]!.i)),
      upper: samples.map((s) => at(s, order[order.length - 1]!.i)),
    };
  }
  return { point: Array.from(raw.subarray(0, n), unscale) };
}
