/**
 * The deployable model: the notebook's model trained once on the MOST RECENT training window
 * (the walk-forward cell's trainSize rows ending at the last row whose target is known), and a
 * forecast of the bar after the last one with that model, scaled with the statistics it learned
 * on (never refit on the forecast window). Orchestration only: the math lives in src/core, the
 * training behind the Executor interface.
 */
import type { CallOptions, Executor, ModelHandle, TrainProgress, WindowedData } from '../core/executor';
import type { FeatureTable } from '../core/featureTable';
import { fitFold, prepareFold, type FoldFit } from '../core/foldData';
import { applyScaler } from '../core/scaler';
import type { Fold } from '../core/walkforward';
import { buildWindows, toWindowedData } from '../core/windows';
import { toTrainingSpec } from './cells/objective';
import type { CellOf, ModelCellSpec, NotebookDoc, TrainingCellSpec } from './schema';

export interface FinalModelCells {
  model: ModelCellSpec;
  training: TrainingCellSpec;
  walkforward: CellOf<'walkforward'>;
}

export function finalModelCells(doc: NotebookDoc): FinalModelCells {
  const model = doc.cells.find((c): c is CellOf<'model'> => c.kind === 'model');
  const walkforward = doc.cells.find((c): c is CellOf<'walkforward'> => c.kind === 'walkforward');
  if (!model) throw new Error('the notebook needs a model cell to train a model');
  if (!walkforward) throw new Error('the notebook needs a walkforward cell: its trainSize sets the training window');
  return { model: model.model, training: model.training, walkforward };
}

/** Rows [trainStart, trainEnd) of the table a deployable model learns from. */
export interface TrainingRows {
  trainStart: number;
  trainEnd: number;
}

/**
 * The rows whose target is known (the target of row t needs the close `horizon` bars later),
 * starting no earlier than the first complete window: the last `trainSize` of them for a rolling
 * walk-forward, all of them for an expanding one (its latest fold would see them all).
 */
export function finalTrainingRows(table: FeatureTable, lookback: number, trainSize: number): TrainingRows {
  let last = table.target.length - 1;
  while (last >= 0 && !Number.isFinite(table.target[last]!)) last--;
  const trainEnd = last + 1;
  const trainStart = Math.max(table.firstComplete + lookback - 1, trainEnd - trainSize);
  if (trainEnd - trainStart < 2) {
    throw new Error(
      `not enough data to train: ${Math.max(0, trainEnd - trainStart)} rows with a known target after the features' warm-up and the lookback of ${lookback}`,
    );
  }
  return { trainStart, trainEnd };
}

/** The training rows as a fold with nothing to test. */
const trainingFold = (rows: TrainingRows): Fold => ({ index: 0, ...rows, testStart: rows.trainEnd, testEnd: rows.trainEnd });

/** The scaler and target statistics, fit on the training rows only (foldData.fitFold). */
export function fitFinal(table: FeatureTable, rows: TrainingRows, lookback: number, training: TrainingCellSpec): FoldFit {
  return fitFold(table, trainingFold(rows), lookback, training.objective !== 'direction');
}

/**
 * The window ending at the last bar (whose target is still unknown), scaled with `fit`, which
 * came from the training rows: the forecast never refits anything on the rows it forecasts from.
 */
export function latestWindow(table: FeatureTable, lookback: number, fit: Pick<FoldFit, 'featureScaler'>): WindowedData {
  const n = table.time.length;
  if (n < lookback) throw new Error(`the data has ${n} rows, fewer than the lookback of ${lookback}`);
  const scaled = applyScaler(fit.featureScaler, table.features);
  // buildWindows skips samples without a target; the last bar has none yet, so give it zeros.
  const w = buildWindows(scaled, new Float64Array(n), n - 1, n, lookback, 1, { features: table.names });
  if (w.n !== 1) {
    const missing = table.names.filter((_, c) => table.features[c]!.subarray(n - lookback).some((v) => !Number.isFinite(v)));
    throw new Error(`the last ${lookback} bars have missing feature values (${missing.join(', ')}): no forecast can be made from them`);
  }
  // Only x matters for a forecast; y is a placeholder of the model's output width.
  return { ...toWindowedData(w), horizon: table.steps, y: new Float32Array(table.steps) };
}

export interface FinalModel {
  handle: ModelHandle;
  fit: FoldFit;
  rows: TrainingRows;
  /** Training windows (samples) the model saw. */
  samples: number;
  trainMs: number;
}

export interface FinalTrainOptions {
  signal?: AbortSignal | undefined;
  onProgress?: ((p: TrainProgress) => void) | undefined;
  now?: () => number;
}

/** Trains the notebook's model on its most recent training window; the caller releases the handle. */
export async function trainFinalModel(doc: NotebookDoc, table: FeatureTable, executor: Executor, options: FinalTrainOptions = {}): Promise<FinalModel> {
  const { model, training, walkforward } = finalModelCells(doc);
  const rows = finalTrainingRows(table, model.lookback, walkforward.mode === 'expanding' ? Infinity : walkforward.trainSize);
  const fit = fitFinal(table, rows, model.lookback, training);
  const windows = prepareFold(table, trainingFold(rows), model.lookback, { fit }).train;
  if (windows.n < 2) throw new Error(`the training window has ${windows.n} complete samples; enlarge trainSize`);
  const now = options.now ?? (() => performance.now());
  const started = now();
  const call: CallOptions = {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  };
  const handle = await executor.train(model, toTrainingSpec(training, doc.seed, model.lookback + table.horizon - 1), toWindowedData(windows), call);
  return { handle, fit, rows, samples: windows.n, trainMs: now() - started };
}
