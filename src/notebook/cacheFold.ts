import { z } from 'zod';
import type { BackendName } from '../core/executor';
import type { FeatureTable } from '../core/featureTable';
import { Sha256, hashText } from '../core/hash';
import type { Fold } from '../core/walkforward';
import { canonicalJson } from './canonical';
import type { BaselineName } from './cells/foldBaselines';
import type { FoldOutcome } from './cells/foldRunner';
import { CACHE_FORMAT, keyVersions } from './planKeys';
import type { ModelCellSpec, TrainingCellSpec } from './schema';

/**
 * Walk-forward folds in the run cache. A fold's key covers everything its outcome is computed
 * from: the model and training params, the seed and backend, the fold's row bounds and those of
 * the fold its model trained on (refit groups), and the content of the feature table up to the
 * last row the fold reads. Rows after that row are not in the key, so appending bars (or more
 * test folds) leaves earlier folds cached, while any change to a row a fold reads is a miss.
 */

const BLOCK_ROWS = 512;

/** Hashes of table prefixes [0, end): each block of rows is hashed once, so many folds cost about one pass. */
export function createTablePrefixHasher(table: FeatureTable): (end: number) => string {
  const columns = [table.time, table.target, ...table.features];
  const blocks: string[] = [];
  const bytesOf = (values: Float64Array, from: number, to: number) => new Uint8Array(values.buffer, values.byteOffset + from * 8, (to - from) * 8);
  const encoder = new TextEncoder();
  const block = (b: number): string => {
    const known = blocks[b];
    if (known) return known;
    const hasher = new Sha256();
    for (const values of columns) hasher.update(bytesOf(values, b * BLOCK_ROWS, (b + 1) * BLOCK_ROWS));
    return (blocks[b] = hasher.digestHex());
  };
  return (end) => {
    const rows = Math.min(end, table.time.length);
    const whole = Math.floor(rows / BLOCK_ROWS);
    const hasher = new Sha256().update(encoder.encode(`${rows}:${columns.length};`));
    for (let b = 0; b < whole; b++) hasher.update(encoder.encode(block(b)));
    for (const values of columns) hasher.update(bytesOf(values, whole * BLOCK_ROWS, rows));
    return hasher.digestHex();
  };
}

export interface FoldKeyContext {
  table: FeatureTable;
  model: { spec: ModelCellSpec; training: TrainingCellSpec };
  purge: number;
  embargo: number;
  seed: number;
  backend: BackendName;
  versions: Record<string, string>;
}

/** `keyOf(fold, trainedOn)`: the key of a fold forecast by the model trained on `trainedOn` (the first fold of its refit group). */
export function createFoldKeyer(ctx: FoldKeyContext): (fold: Fold, trainedOn: Fold) => string {
  const prefix = createTablePrefixHasher(ctx.table);
  const { names, targetName, horizon, steps } = ctx.table;
  const common = {
    format: CACHE_FORMAT,
    versions: keyVersions(ctx.versions),
    model: ctx.model,
    table: { names, targetName, horizon, steps },
    purge: ctx.purge,
    embargo: ctx.embargo,
    seed: ctx.seed,
    backend: ctx.backend,
  };
  return (fold, trainedOn) =>
    hashText(canonicalJson({ ...common, fold, trainedOn, rows: prefix(fold.testEnd + steps - 1) }));
}

const f64 = z.custom<Float64Array>((v) => v instanceof Float64Array, 'expected a Float64Array');
const int = z.number().int().nonnegative();
const foldSchema = z.object({ index: int, trainStart: int, trainEnd: int, testStart: int, testEnd: int });

/** A FoldOutcome as stored: number arrays as Float64Array (exact, NaN kept), rows as Int32Array. */
const storedOutcomeSchema = z
  .object({
    fold: foldSchema,
    rows: z.custom<Int32Array>((v) => v instanceof Int32Array, 'expected an Int32Array'),
    actual: f64,
    point: f64,
    probability: f64.optional(),
    lower: f64.optional(),
    upper: f64.optional(),
    byStep: z.array(f64).optional(),
    baselines: z.object({ naive: f64, drift: f64, seasonalNaive: f64, ridge: f64 }),
    ridgeByStep: z.array(f64).optional(),
    /** [maseScale] (may be 0 or not finite). */
    maseScale: f64,
    trainSamples: int,
    refit: z.boolean(),
    trainMs: z.number().nonnegative(),
    finalLoss: z.number().nullable(),
    engine: z.string().nullable(),
    backend: z.enum(['webgpu', 'wasm', 'cpu']),
    calibrationRows: z.custom<Int32Array>((v) => v instanceof Int32Array, 'expected an Int32Array').optional(),
    calibrationPredicted: f64.optional(),
    curveTrain: f64.optional(),
    curveVal: f64.optional(),
  })
  .refine((o) => {
    const n = o.rows.length;
    const series = [o.actual, o.point, o.probability, o.lower, o.upper, ...Object.values(o.baselines), ...(o.byStep ?? []), ...(o.ridgeByStep ?? [])];
    return o.maseScale.length === 1 && series.every((s) => s === undefined || s.length === n) && o.calibrationRows?.length === o.calibrationPredicted?.length;
  }, 'fold arrays differ in length');

type StoredOutcome = z.infer<typeof storedOutcomeSchema>;

export function encodeFoldOutcome(o: FoldOutcome): StoredOutcome {
  const f = (values: readonly number[]) => Float64Array.from(values);
  const { forecast, baselines } = o;
  return {
    fold: { index: o.fold.index, trainStart: o.fold.trainStart, trainEnd: o.fold.trainEnd, testStart: o.fold.testStart, testEnd: o.fold.testEnd },
    rows: Int32Array.from(o.rows),
    actual: f(o.actual),
    point: f(forecast.point),
    ...(forecast.probability ? { probability: f(forecast.probability) } : {}),
    ...(forecast.lower ? { lower: f(forecast.lower) } : {}),
    ...(forecast.upper ? { upper: f(forecast.upper) } : {}),
    ...(forecast.byStep ? { byStep: forecast.byStep.map(f) } : {}),
    baselines: { naive: f(baselines.forecasts.naive), drift: f(baselines.forecasts.drift), seasonalNaive: f(baselines.forecasts.seasonalNaive), ridge: f(baselines.forecasts.ridge) },
    ...(baselines.ridgeByStep ? { ridgeByStep: baselines.ridgeByStep.map(f) } : {}),
    maseScale: Float64Array.of(o.maseScale),
    trainSamples: o.trainSamples,
    refit: o.refit,
    trainMs: o.trainMs,
    finalLoss: o.finalLoss,
    engine: o.engine,
    backend: o.backend,
    ...(o.calibration ? { calibrationRows: Int32Array.from(o.calibration.rows), calibrationPredicted: f(o.calibration.predicted) } : {}),
    ...(o.curve ? { curveTrain: f(o.curve.train), curveVal: f(o.curve.val) } : {}),
  };
}

function decode(s: StoredOutcome): FoldOutcome {
  const a = (values: Float64Array) => Array.from(values);
  const forecasts: Record<BaselineName, number[]> = {
    naive: a(s.baselines.naive),
    drift: a(s.baselines.drift),
    seasonalNaive: a(s.baselines.seasonalNaive),
    ridge: a(s.baselines.ridge),
  };
  return {
    fold: s.fold,
    rows: Array.from(s.rows),
    actual: a(s.actual),
    forecast: {
      point: a(s.point),
      ...(s.probability ? { probability: a(s.probability) } : {}),
      ...(s.lower ? { lower: a(s.lower) } : {}),
      ...(s.upper ? { upper: a(s.upper) } : {}),
      ...(s.byStep ? { byStep: s.byStep.map(a) } : {}),
    },
    baselines: { forecasts, ...(s.ridgeByStep ? { ridgeByStep: s.ridgeByStep.map(a) } : {}) },
    maseScale: s.maseScale[0]!,
    trainSamples: s.trainSamples,
    refit: s.refit,
    trainMs: s.trainMs,
    finalLoss: s.finalLoss,
    engine: s.engine,
    backend: s.backend,
    ...(s.calibrationRows && s.calibrationPredicted ? { calibration: { rows: Array.from(s.calibrationRows), predicted: a(s.calibrationPredicted) } } : {}),
    ...(s.curveTrain ? { curve: { train: a(s.curveTrain), val: s.curveVal ? a(s.curveVal) : [] } } : {}),
  };
}

/** Parses a stored fold back into the FoldOutcome it was written from. */
export const foldOutcomeSchema = storedOutcomeSchema.transform(decode);
