/**
 * The optimisation pieces shared by the tfjs training loop (train.ts) and the fused engine
 * (fused/fusedTrainer.ts): losses per target, the learning-rate schedule, clipped Adam steps.
 */
import * as tf from '@tensorflow/tfjs';
import type { TrainingSpec, TrainProgress } from '../core/executor';
import type { ResolvedTarget } from './models/types';

export interface TrainHooks {
  onProgress?: (p: TrainProgress) => void;
  /** Polled at every batch end; true cancels (the promise rejects with CancelledError). */
  shouldStop?: () => boolean;
}

export const TRAINING_DEFAULTS = { validationFraction: 0.1, patience: 5, lrSchedule: 'constant' } as const;

/** The loss on raw model outputs [b, outputs] against y [b, horizon]. */
export function lossFor(target: ResolvedTarget, horizon: number): (pred: tf.Tensor, y: tf.Tensor) => tf.Scalar {
  if (target.type === 'regression') return (pred, y) => tf.mean(tf.squaredDifference(pred, y));
  if (target.type === 'direction') {
    // Logistic loss on logits, stable form: max(z, 0) - z l + log(1 + exp(-|z|)).
    return (z, y) => {
      const label = tf.cast(tf.greater(y, 0), 'float32');
      return tf.mean(tf.relu(z).sub(z.mul(label)).add(tf.log1p(tf.exp(tf.neg(tf.abs(z))))));
    };
  }
  const taus = target.quantiles;
  return (pred, y) => {
    const q = pred.reshape([-1, horizon, taus.length]);
    const e = y.reshape([-1, horizon, 1]).sub(q);
    const tau = tf.tensor1d(taus);
    return tf.mean(tf.maximum(e.mul(tau), e.mul(tau.sub(1))));
  };
}

export function learningRateAt(training: TrainingSpec, epoch: number, step: number, totalSteps: number): number {
  const lr = training.learningRate;
  switch (training.lrSchedule ?? TRAINING_DEFAULTS.lrSchedule) {
    case 'cosine':
      return lr * 0.5 * (1 + Math.cos((Math.PI * step) / Math.max(1, totalSteps)));
    case 'step':
      return lr * 0.5 ** Math.floor(epoch / Math.max(1, Math.ceil(training.epochs / 3)));
    default:
      return lr;
  }
}


/**
 * Scales the gradients to global L2 norm <= clipNorm and applies them; a step whose gradient is
 * not finite is skipped (returns false) so one overflow cannot turn every weight into NaN.
 */
export async function applyClipped(optimizer: tf.Optimizer, grads: tf.NamedTensorMap, clipNorm: number | undefined): Promise<boolean> {
  const names = Object.keys(grads);
  try {
    // norm = max|g| * sqrt(sum((g / max|g|)^2)): squaring a gradient above ~1.8e19 overflows float32.
    const stats = tf.tidy(() => {
      const peak = tf.max(tf.stack(names.map((k) => tf.max(tf.abs(grads[k]!)))));
      const safe = tf.maximum(peak, 1e-30);
      // stack + sum, not addN: webgpu's AddN binds every input in one shader and its pipeline is
      // invalid past 7 inputs (maxStorageBuffersPerShaderStage 8), e.g. a 2-layer LSTM's 8 weights.
      const sumSq = tf.sum(tf.stack(names.map((k) => tf.sum(tf.square(grads[k]!.div(safe))))));
      return tf.stack([peak, sumSq]);
    });
    const [peak = NaN, sumSq = NaN] = await stats.data();
    stats.dispose();
    const norm = peak * Math.sqrt(sumSq);
    if (!Number.isFinite(norm)) return false;
    if (clipNorm === undefined || norm <= clipNorm) {
      optimizer.applyGradients(grads);
      return true;
    }
    const scaled = tf.tidy(() => Object.fromEntries(names.map((k) => [k, grads[k]!.mul(clipNorm / norm)])) as tf.NamedTensorMap);
    optimizer.applyGradients(scaled);
    tf.dispose(Object.values(scaled));
    return true;
  } finally {
    tf.dispose(Object.values(grads));
  }
}

