/**
 * The gates view of a run's model: for the window ending at a chosen date in the walk-forward's
 * test periods, the fold model that forecast that date is trained again exactly as the explain
 * cell does it (explainModel.ts trainFoldModel: same fold, scaling, seed and backend, so the
 * same weights), and the executor reads its first recurrent layer's gates and states for that
 * window (Executor.recurrentStates). Cached under the fold's key and the window's row.
 */
import { RECURRENT_SERIES } from '../../core/diagnostics/recurrentSeries';
import { CancelledError, type TrainProgress } from '../../core/executor';
import type { FeatureTable } from '../../core/featureTable';
import type { Fold } from '../../core/walkforward';
import { readCached, writeCached } from '../cache';
import { createFoldKeyer } from '../cacheFold';
import { canonicalJson } from '../canonical';
import { hashText } from '../../core/hash';
import { trainFoldModel } from '../cells/explainModel';
import { trainedOn, walkforwardFolds } from '../cells/walkforwardFolds';
import { computeFeatureTable } from '../runner';
import type { RunEnvironment } from '../runState';
import type { CellOf, ModelCellSpec, NotebookDoc } from '../schema';
import { assembleGatesView, gatesViewSchema, rowAtOrBefore, type GatesView } from './gatesView';

/** Bump when the cached gates view changes shape or meaning. */
const GATES_FORMAT = 1;

export interface RunGatesOptions {
  /** The model cell to look inside (default: the first model cell). */
  modelCellId?: string | undefined;
  /** The window's last bar (YYYY-MM-DD or ISO); null: the last test window. */
  date: string | null;
  onProgress?: (fraction: number, message: string, train?: TrainProgress) => void;
}

export type RunGatesEnvironment = Pick<RunEnvironment, 'executor' | 'loadData' | 'versions' | 'cache' | 'signal'>;

type RecurrentSpec = Extract<ModelCellSpec, { type: 'lstm' | 'gru' }>;

interface Located {
  model: CellOf<'model'>;
  spec: RecurrentSpec;
  walkforward: CellOf<'walkforward'>;
}

/** The model cell and the walk-forward cell that trains it (the first one below it). */
function locate(doc: NotebookDoc, modelCellId: string | undefined): Located {
  const at = doc.cells.findIndex((c) => c.kind === 'model' && (modelCellId === undefined || c.id === modelCellId));
  const model = doc.cells[at];
  if (!model || model.kind !== 'model') throw new Error(modelCellId ? `gates: no model cell "${modelCellId}" in the notebook` : 'gates: the notebook has no model cell');
  const spec = model.model;
  if (spec.type !== 'lstm' && spec.type !== 'gru') throw new Error(`gates are drawn for LSTM and GRU models; model cell "${model.id}" is ${spec.type}`);
  const walkforward = doc.cells.slice(at + 1).find((c): c is CellOf<'walkforward'> => c.kind === 'walkforward');
  if (!walkforward) throw new Error(`gates: no walkforward cell below model cell "${model.id}" trains its fold models`);
  return { model, spec, walkforward };
}

/** The fold whose test rows hold `row` (the last fold starting at or before it), and the row clamped into its test rows. */
function foldOf(folds: readonly Fold[], row: number): { fold: Fold; row: number } | null {
  const fold = folds.findLast((f) => f.testStart <= row);
  return fold ? { fold, row: Math.min(row, fold.testEnd - 1) } : null;
}

export async function runGates(doc: NotebookDoc, env: RunGatesEnvironment, options: RunGatesOptions): Promise<GatesView> {
  const { model, spec, walkforward } = locate(doc, options.modelCellId);
  const progress = options.onProgress ?? (() => undefined);
  progress(0, 'computing the features');
  const { table } = await computeFeatureTable(doc, { loadData: env.loadData, versions: env.versions, ...(env.cache ? { cache: env.cache } : {}), ...(env.signal ? { signal: env.signal } : {}) });
  const lookback = spec.lookback;
  const { folds, purge, embargo } = walkforwardFolds(walkforward, table, lookback);
  const last = folds[folds.length - 1];
  if (!last) throw new Error('gates: the walk-forward has no fold; lower trainSize or testSize');
  const range = { first: table.time[folds[0]!.testStart]!, last: table.time[last.testEnd - 1]! };
  const wanted = options.date === null ? last.testEnd - 1 : rowAtOrBefore(table.time, options.date);
  const found = wanted === null ? null : foldOf(folds, wanted);
  if (!found) throw new Error(`gates: ${options.date} is before the first test period; pick a date from ${day(range.first)} to ${day(range.last)}`);
  const { fold } = found;
  const first = trainedOn(folds, fold, walkforward.refitEvery);
  const backend = (await env.executor.backend()).backend;
  const keyOf = createFoldKeyer({ table, model: { spec, training: model.training }, purge, embargo, seed: doc.seed, backend, versions: env.versions });
  const foldInfo = { number: fold.index + 1, trainStart: day(table.time[first.trainStart]!), trainEnd: day(table.time[first.trainEnd - 1]!) };

  // The requested row, not the window it resolves to, keys the view: a hit needs no training.
  const key = hashText(canonicalJson({ gates: GATES_FORMAT, fold: keyOf(fold, first), row: found.row }));
  const hit = env.cache ? await readCached(env.cache, key, gatesViewSchema) : undefined;
  if (hit) {
    progress(1, 'from the run cache');
    return hit;
  }
  const fm = await trainFoldModel(fold, first, {
    table,
    model: { spec, training: model.training },
    executor: env.executor,
    seed: doc.seed,
    signal: env.signal,
    onProgress: (p) => progress(0.1 + (0.85 * (p.epoch - 1 + p.batch / Math.max(1, p.batches))) / Math.max(1, p.epochs), `fold ${fold.index + 1}: training its model again (epoch ${p.epoch}/${p.epochs})`, p),
  });
  try {
    const test = fm.data.test;
    const at = lastIndexAtOrBefore(test.rows, found.row);
    if (at < 0) throw new Error(`gates: fold ${fold.index + 1} has no complete test window up to ${day(table.time[found.row]!)}; pick a later date`);
    if (env.signal?.aborted) throw new CancelledError();
    progress(0.95, 'reading the gates');
    const stride = lookback * test.features;
    const window = { x: test.x.slice(at * stride, (at + 1) * stride), y: new Float32Array(table.steps), n: 1, lookback, features: test.features, horizon: table.steps };
    const states = await env.executor.recurrentStates(fm.handle, window, env.signal ? { signal: env.signal } : {});
    const view = { ...viewOf(table, spec, test.rows[at]!, states, range), fold: foldInfo };
    if (env.cache) await writeCached(env.cache, key, view);
    progress(1, `gates of fold ${fold.index + 1}'s model`);
    return view;
  } finally {
    await env.executor.release(fm.handle);
  }
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function lastIndexAtOrBefore(rows: Int32Array, row: number): number {
  for (let i = rows.length - 1; i >= 0; i--) if (rows[i]! <= row) return i;
  return -1;
}

function viewOf(table: FeatureTable, spec: RecurrentSpec, row: number, states: Float32Array, range: { first: number; last: number }): GatesView {
  const expected = RECURRENT_SERIES[spec.type].length * spec.lookback * spec.units;
  if (states.length !== expected) throw new Error(`gates: the executor returned ${states.length} values, expected ${expected}`);
  return assembleGatesView(table, {
    cell: spec.type,
    units: spec.units,
    row,
    lookback: spec.lookback,
    states,
    range,
    notes: spec.layers > 1 ? [`the first of ${spec.layers} layers`] : [],
  });
}
