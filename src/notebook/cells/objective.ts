import type { TargetSpec, TrainingSpec } from '../../core/executor';
import type { TrainingCellSpec } from '../schema';

/** `validationPurge`: windows between the training part and the early-stopping tail (lookback + target bars - 1). */
export function toTrainingSpec(training: TrainingCellSpec, seed: number, validationPurge?: number): TrainingSpec {
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
    ...(validationPurge !== undefined ? { validationPurge } : {}),
  };
}

/** A fold's forecasts in return units, read from the model's raw outputs. */
export interface Interpreted {
  /**
   * The signal used for scoring and trading: the forecast return (regression, the median for
   * quantile); for a direction model P(up) - 0.5, which has the sign of the call but no size.
   * For a path target, the first step (the next bar).
   */
  point: number[];
  /** Direction models: P(up). */
  probability?: number[];
  /** Quantile models: the lowest and highest quantiles, in return units. */
  lower?: number[];
  upper?: number[];
  /** Path targets: byStep[j][s] is sample s's point forecast j + 1 bars ahead. */
  byStep?: number[][];
}

/**
 * Reads raw outputs laid out [n, steps] (regression, direction) or [n, steps, quantiles]
 * (quantile), undoing the target scaling of the fold.
 */
export function interpretPredictions(
  raw: Float32Array,
  n: number,
  training: TrainingCellSpec,
  scale: { targetMean: number; targetStd: number },
  steps = 1,
): Interpreted {
  const unscale = (v: number) => v * scale.targetStd + scale.targetMean;
  const samples = Array.from({ length: n }, (_, s) => s);
  const perStep = Array.from({ length: steps }, (_, j) => j);
  const withSteps = (interpreted: Interpreted, pointAt: (sample: number, step: number) => number): Interpreted =>
    steps > 1 ? { ...interpreted, byStep: perStep.map((j) => samples.map((s) => pointAt(s, j))) } : interpreted;

  if (training.objective === 'direction') {
    const probabilityAt = (s: number, j: number) => raw[s * steps + j]!;
    const probability = samples.map((s) => probabilityAt(s, 0));
    return withSteps({ point: probability.map((p) => p - 0.5), probability }, (s, j) => probabilityAt(s, j) - 0.5);
  }
  if (training.objective === 'quantile') {
    const q = training.quantiles;
    const order = q.map((value, i) => ({ value, i })).sort((a, b) => a.value - b.value);
    const median = order.reduce((best, c) => (Math.abs(c.value - 0.5) < Math.abs(best.value - 0.5) ? c : best)).i;
    const at = (s: number, j: number, index: number) => unscale(raw[(s * steps + j) * q.length + index]!);
    return withSteps(
      {
        point: samples.map((s) => at(s, 0, median)),
        lower: samples.map((s) => at(s, 0, order[0]!.i)),
        upper: samples.map((s) => at(s, 0, order[order.length - 1]!.i)),
      },
      (s, j) => at(s, j, median),
    );
  }
  const at = (s: number, j: number) => unscale(raw[s * steps + j]!);
  return withSteps({ point: samples.map((s) => at(s, 0)) }, at);
}
