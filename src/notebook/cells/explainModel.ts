/**
 * The model an explanation asks about: a walk-forward fold's model trained again exactly as the
 * walk-forward cell trained it (same fold, scaling, seed and backend, so the same weights), and
 * a batched predict of the one number being explained, in the report's units.
 */
import type { Executor, ModelHandle, TrainProgress } from '../../core/executor';
import type { BatchPredict, ExplainedOutput } from '../../core/explain';
import type { FeatureTable } from '../../core/featureTable';
import { fitFold, prepareFold, type FoldData, type FoldFit } from '../../core/foldData';
import type { Fold } from '../../core/walkforward';
import { toWindowedData } from '../../core/windows';
import type { TrainingCellSpec } from '../schema';
import type { RunState } from '../runState';
import { toTrainingSpec } from './objective';

export type ModelCells = NonNullable<RunState['model']>;

/** The explained output and where it sits in a row of raw model outputs. */
export interface OutputReader {
  output: ExplainedOutput;
  /** The explained value's column in a row of predict (the executor's GradientOptions.output). */
  column: number;
  /** From the model's units to the report's: value * scale + shift (the fold's target scaling; 1 and 0 for P(up)). */
  scale: number;
  shift: number;
}

export function outputReader(training: TrainingCellSpec, fit: FoldFit, quantile?: number): OutputReader {
  const reader = (output: ExplainedOutput, column: number, scale: number, shift: number): OutputReader => ({ output, column, scale, shift });
  if (training.objective === 'direction') return reader({ kind: 'probability' }, 0, 1, 0);
  if (training.objective === 'quantile') {
    const levels = training.quantiles;
    const wanted = quantile ?? levels.reduce((best, q) => (Math.abs(q - 0.5) < Math.abs(best - 0.5) ? q : best));
    const index = levels.findIndex((q) => Math.abs(q - wanted) < 1e-12);
    if (index < 0) throw new Error(`explain: quantile ${wanted} is not one the model learns (${levels.join(', ')}); set "quantile" to one of them`);
    return reader({ kind: 'quantile', level: wanted }, index, fit.targetStd, fit.targetMean);
  }
  return reader({ kind: 'return' }, 0, fit.targetStd, fit.targetMean);
}

export interface FoldModel {
  handle: ModelHandle;
  /** The explained fold's windows, scaled with the fit its model learned. */
  data: FoldData;
  reader: OutputReader;
}

export interface FoldModelContext {
  table: FeatureTable;
  model: ModelCells;
  executor: Executor;
  seed: number;
  signal?: AbortSignal | undefined;
  quantile?: number | undefined;
  onProgress?: (p: TrainProgress) => void;
}

/**
 * Trains the model `fold` forecast with (the one of `first`, its refit group's first fold) and
 * prepares `fold`'s windows with that model's scaling. The caller releases the handle.
 */
export async function trainFoldModel(fold: Fold, first: Fold, ctx: FoldModelContext): Promise<FoldModel> {
  const { table, model } = ctx;
  const lookback = model.spec.lookback;
  const fit = fitFold(table, first, lookback, model.training.objective !== 'direction');
  const firstData = prepareFold(table, first, lookback, { fit });
  const data = fold === first ? firstData : prepareFold(table, fold, lookback, { fit });
  // Training transfers its buffers to a worker: hand it a copy, the explanation reads `data`.
  const train = toWindowedData(firstData.train);
  const handle = await ctx.executor.train(
    model.spec,
    toTrainingSpec(model.training, ctx.seed + first.index, lookback + table.horizon - 1),
    { ...train, x: train.x.slice(), y: train.y.slice() },
    { ...(ctx.signal ? { signal: ctx.signal } : {}), ...(ctx.onProgress ? { onProgress: ctx.onProgress } : {}) },
  );
  return { handle, data, reader: outputReader(model.training, fit, ctx.quantile) };
}

/**
 * The explained number for each of `rows` windows, in the report's units, through the executor's
 * predictOutput: the fused forward for LSTM/GRU (no tfjs layers in the loop), predict's column for
 * the other models.
 */
export function batchPredict(executor: Executor, fm: FoldModel, table: FeatureTable, signal?: AbortSignal): BatchPredict {
  const { lookback, features } = fm.data.test;
  const { column, scale, shift } = fm.reader;
  const options = { output: column, ...(signal ? { signal } : {}) };
  return async (x, rows) => {
    const out = await executor.predictOutput(fm.handle, { x, y: new Float32Array(rows * table.steps), n: rows, lookback, features, horizon: table.steps }, options);
    if (out.length !== rows) throw new Error(`explain: the model returned ${out.length} values for ${rows} windows`);
    return Float64Array.from(out, (v) => v * scale + shift);
  };
}
