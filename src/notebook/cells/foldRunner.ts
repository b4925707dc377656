import type { BackendName, Executor, TrainProgress } from '../../core/executor';
import type { FeatureTable } from '../../core/featureTable';
import { fitFold, prepareFold, type FoldFit } from '../../core/foldData';
import type { Fold } from '../../core/walkforward';
import { toWindowedData } from '../../core/windows';
import { readCached, writeCached, type RunCache } from '../cache';
import { encodeFoldOutcome, foldOutcomeSchema } from '../cacheFold';
import type { ModelCellSpec, TrainingCellSpec } from '../schema';
import { divergenceWatch, forecastDivergence, zeroForecastLoss } from './divergence';
import { baselineForecasts, foldMaseScale, type FoldBaselines } from './foldBaselines';
import { nextTask } from './nextTask';
import { interpretPredictions, toTrainingSpec, type Interpreted } from './objective';
import { calibrationTail, curveRecorder, type Calibration, type EpochCurve } from './foldExtras';

export interface FoldOutcome {
  fold: Fold;
  rows: number[];
  actual: number[];
  forecast: Interpreted;
  baselines: FoldBaselines;
  maseScale: number;
  trainSamples: number;
  /** Whether this fold trained a model or reused the one of its refit group. */
  refit: boolean;
  trainMs: number;
  finalLoss: number | null;
  engine: string | null;
  /** The backend the fold's model trained on (differs from the run's after a device loss). */
  backend: BackendName;
  /** Why the fold's training diverged (NaN or exploding loss, non-finite forecasts); absent when it did not. */
  diverged?: string;
  /** Forecasts of the model's last training windows (never the test period), for conformal intervals; absent for direction models. */
  calibration?: Calibration;
  /** Refit folds: the training and validation loss per epoch, as the trainer reported them. */
  curve?: EpochCurve;
}

export interface GroupContext {
  table: FeatureTable;
  model: { spec: ModelCellSpec; training: TrainingCellSpec };
  executor: Executor;
  seed: number;
  signal?: AbortSignal | undefined;
  now: () => number;
  onProgress(fold: Fold, fraction: number, train?: TrainProgress): void;
}

/**
 * Trains one model on the first fold of a refit group and forecasts every fold of the group with
 * it; later folds of the group reuse the first fold's fit (scaler), so nothing is refit on data the
 * model never saw. Each fold's baselines are fit on that fold's own training rows.
 */
export async function runRefitGroup(group: Fold[], ctx: GroupContext): Promise<FoldOutcome[]> {
  const { table, model, executor } = ctx;
  const first = group[0]!;
  const lookback = model.spec.lookback;
  const centered = model.training.objective !== 'direction';
  await nextTask();
  const fit: FoldFit = fitFold(table, first, lookback, centered);
  const firstData = prepareFold(table, first, lookback, { fit });
  if (firstData.train.n === 0) throw new Error(`fold ${first.index + 1} has no complete training window`);
  const trainSamples = firstData.train.n;
  await nextTask();
  // Baselines use each fold's own centred fit (the model's, unless it is a direction model); they
  // read the windows, so they run before training hands the buffers to the worker.
  const firstBaselines = baselineForecasts(table, first, centered ? firstData : prepareFold(table, first, lookback));
  // Copied before training hands the training buffers to the worker.
  const calibrationWindows = centered ? calibrationTail(firstData.train) : null;
  const curve = curveRecorder();

  const started = ctx.now();
  let finalLoss: number | null = null;
  const watch = divergenceWatch(zeroForecastLoss(firstData.train.y, model.training));
  const handle = await executor.train(model.spec, toTrainingSpec(model.training, ctx.seed + first.index, lookback + table.horizon - 1), toWindowedData(firstData.train), {
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    onProgress: (p) => {
      finalLoss = p.loss;
      watch.observe(p);
      curve.observe(p);
      ctx.onProgress(first, (p.epoch - 1 + p.batch / Math.max(1, p.batches)) / p.epochs, p);
    },
  });
  const trainMs = ctx.now() - started;
  const outcomes: FoldOutcome[] = [];
  try {
    let calibration: Calibration | undefined;
    if (calibrationWindows) {
      const raw = await executor.predict(handle, toWindowedData(calibrationWindows), ctx.signal ? { signal: ctx.signal } : {});
      calibration = { rows: Array.from(calibrationWindows.rows), predicted: interpretPredictions(raw, calibrationWindows.n, model.training, fit, table.steps).point };
    }
    for (const fold of group) {
      const data = fold === first ? firstData : prepareFold(table, fold, lookback, { fit });
      if (data.test.n === 0) throw new Error(`fold ${fold.index + 1} has no complete test window`);
      const raw = await executor.predict(handle, toWindowedData(data.test), ctx.signal ? { signal: ctx.signal } : {});
      const rows = Array.from(data.test.rows);
      const forecast = interpretPredictions(raw, data.test.n, model.training, fit, table.steps);
      const diverged = watch.verdict() ?? forecastDivergence(forecast.point);
      outcomes.push({
        fold,
        rows,
        actual: rows.map((row) => table.target[row]!),
        forecast,
        baselines: fold === first ? firstBaselines : baselineForecasts(table, fold, prepareFold(table, fold, lookback)),
        maseScale: foldMaseScale(table, fold),
        trainSamples,
        refit: fold === first,
        trainMs: fold === first ? trainMs : 0,
        finalLoss: fold === first ? finalLoss : null,
        engine: handle.engine ?? null,
        backend: handle.backend,
        ...(diverged ? { diverged } : {}),
        ...(calibration ? { calibration } : {}),
        ...(fold === first && curve.epochs() > 0 ? { curve: curve.value() } : {}),
      });
      ctx.onProgress(fold, 1);
    }
  } finally {
    await executor.release(handle);
  }
  return outcomes;
}

export interface GroupCache {
  cache: RunCache;
  /** The key of `fold` forecast by the model trained on `trainedOn` (cacheFold.ts). */
  keyOf(fold: Fold, trainedOn: Fold): string;
  /** The backend the keys name: a fold that moved to another backend (lost device) is not stored under them. */
  backend: BackendName;
  onUse(fold: Fold, status: 'hit' | 'miss'): void;
  onProblem(problem: string | null): void;
}

const sameBounds = (a: Fold, b: Fold) =>
  a.index === b.index && a.trainStart === b.trainStart && a.trainEnd === b.trainEnd && a.testStart === b.testStart && a.testEnd === b.testEnd;

/**
 * A refit group from the cache when every fold of it is there; otherwise the group's model trains
 * (one training serves the whole group, so a single missing fold retrains it) and each fold is stored.
 */
export async function runCachedRefitGroup(group: Fold[], ctx: GroupContext, cached: GroupCache | null): Promise<FoldOutcome[]> {
  if (!cached) return runRefitGroup(group, ctx);
  const first = group[0]!;
  const keys = group.map((fold) => cached.keyOf(fold, first));
  const hits: FoldOutcome[] = [];
  for (const [i, key] of keys.entries()) {
    const hit = await readCached(cached.cache, key, foldOutcomeSchema);
    if (!hit || !sameBounds(hit.fold, group[i]!)) break;
    hits.push(hit);
  }
  if (hits.length === group.length) {
    for (const fold of group) {
      cached.onUse(fold, 'hit');
      ctx.onProgress(fold, 1);
    }
    return hits;
  }
  const outcomes = await runRefitGroup(group, ctx);
  for (const [i, outcome] of outcomes.entries()) {
    cached.onUse(outcome.fold, 'miss');
    if (outcome.backend === cached.backend) cached.onProblem(await writeCached(cached.cache, keys[i]!, encodeFoldOutcome(outcome)));
  }
  return outcomes;
}

/** Runs tasks with at most `limit` in flight; results keep the tasks' order. */
export async function runLimited<T>(tasks: (() => Promise<T>)[], limit: number, signal?: AbortSignal): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length);
  let next = 0;
  const lane = async () => {
    while (next < tasks.length) {
      if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('cancelled');
      const index = next++;
      results[index] = await tasks[index]!();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, tasks.length)) }, lane));
  return results;
}
