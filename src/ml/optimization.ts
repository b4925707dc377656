/**
 * The optimisation pieces shared by the tfjs training loop (train.ts) and the fused engine
 * (fused/fusedTrainer.ts): losses per target, the learning-rate schedule, clipped Adam steps.
 */
import * as tf from '@tensorflow/tfjs';
import type { TrainingSpec, TrainProgress } from '../core/executor';
import { TRAINING_DEFAULTS } from '../spec';
import type { ResolvedTarget, TrainedModel } from './models/types';
import { cos, pow } from '../core/math';

export interface TrainHooks {
  onProgress?: (p: TrainProgress) => void;
  /** Polled at every batch end; true cancels (the promise rejects with CancelledError). */
  shouldStop?: () => boolean;
}

export { TRAINING_DEFAULTS } from '../spec';

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
      return lr * 0.5 * (1 + cos((Math.PI * step) / Math.max(1, totalSteps)));
    case 'step':
      return lr * pow(0.5, Math.floor(epoch / Math.max(1, Math.ceil(training.epochs / 3))));
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


/**
 * The training/validation split of n windows: the most recent windows validate, being closest in
 * time to the test fold. `purge` windows between the two are dropped (the walk-forward purge,
 * lookback + horizon - 1): a training target must not reach into the validation windows' inputs,
 * or early stopping would pick the epoch that memorised them. Windows are one a row or sparser,
 * so `purge` windows span at least `purge` rows. With too few windows for a purged tail there is
 * no validation tail (and no early stopping).
 */
export function splitValidation(n: number, training: TrainingSpec, purge = 0): { nTrain: number; nVal: number; valStart: number } {
  const fraction = training.validationFraction ?? TRAINING_DEFAULTS.validationFraction;
  const nVal = fraction > 0 && n >= 2 ? Math.min(n - 1, Math.max(1, Math.floor(n * fraction))) : 0;
  if (nVal === 0 || n - nVal - purge < 1) return { nTrain: n, nVal: 0, valStart: n };
  return { nTrain: n - nVal - purge, nVal, valStart: n - nVal };
}

/** Windows purged between training and validation: the spec's, else lookback + outputs per sample - 1. */
export function validationPurge(training: TrainingSpec, data: { lookback: number; horizon: number }): number {
  return training.validationPurge ?? data.lookback + data.horizon - 1;
}

export interface BatchReport {
  epoch: number;
  batch: number;
  size: number;
  loss: number;
  learningRate: number;
  valLoss: number | undefined;
}

/** Emits per-batch progress with samples/s since the first batch (one shape for every trainer). */
export function batchReporter(hooks: TrainHooks, epochs: number, batches: number): (report: BatchReport) => void {
  const begun = performance.now();
  let seen = 0;
  let epochSum = 0;
  let epochSeen = 0;
  return ({ epoch, batch, size, loss, learningRate, valLoss }) => {
    seen += size;
    if (batch === 0) epochSum = epochSeen = 0;
    epochSum += loss * size;
    epochSeen += size;
    const elapsed = (performance.now() - begun) / 1000;
    hooks.onProgress?.({
      epoch: epoch + 1,
      epochs,
      batch: batch + 1,
      batches,
      loss,
      epochLoss: epochSum / epochSeen,
      samplesPerSecond: elapsed > 0 ? seen / elapsed : 0,
      learningRate,
      ...(valLoss !== undefined ? { valLoss } : {}),
    });
  };
}

/**
 * Early stopping on the validation loss of each epoch: records the loss curve and the best epoch
 * in `trained`; the caller snapshots its weights on 'improved' and stops on 'stop'.
 */
export function earlyStopping(training: TrainingSpec, trained: Pick<TrainedModel, 'valLoss' | 'bestEpoch' | 'stoppedEarly'>) {
  const patience = training.patience ?? TRAINING_DEFAULTS.patience;
  let bestLoss = Infinity;
  let sinceBest = 0;
  return {
    observe(epoch: number, valLoss: number): 'improved' | 'wait' | 'stop' {
      trained.valLoss.push(valLoss);
      if (valLoss < bestLoss) {
        bestLoss = valLoss;
        sinceBest = 0;
        trained.bestEpoch = epoch + 1;
        return 'improved';
      }
      if (++sinceBest < patience) return 'wait';
      trained.stoppedEarly = epoch + 1 < training.epochs;
      return 'stop';
    },
    /** True when the weights of the last epoch are not the best ones (restore the snapshot). */
    get lastIsWorse(): boolean {
      return trained.bestEpoch !== trained.valLoss.length;
    },
  };
}

/**
 * Yields to the event loop once per batch, so cancel messages get in, without setTimeout's 1-4 ms
 * clamp (tf.nextFrame needs requestAnimationFrame, absent in workers and Node).
 */
export function yieldToEventLoop(): Promise<void> {
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  if (typeof MessageChannel === 'function') {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}
