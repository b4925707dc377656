/**
 * What a run will cost, estimated from the document before any work starts, and the limits a
 * browser tab can honour. A notebook is untrusted input (a link, a file): a 2,001-fold
 * walk-forward or windows that need 10 GB are refused with the size and the parameter to
 * change, not attempted until the tab dies.
 */
import type { RunEnvironment } from './runState';
import type { CellOf, ModelCellSpec, NotebookDoc } from './schema';
import { checkRunStructure } from './structure';

export const RUN_BUDGET = {
  /** Walk-forward folds in one run. */
  maxFolds: 2000,
  /** Training windows plus model state of the trainings in flight: what fits in a browser tab. */
  maxBytes: 2 ** 30,
  /** Windows x lookback x epochs summed over every training: about 11 hours at 250,000 steps/s. */
  maxTrainingSteps: 1e10,
} as const;
export type RunBudget = { [K in keyof typeof RUN_BUDGET]: number };

export interface RunEstimate {
  /** Data rows: counted after loading, or estimated from the source (null for a CSV before it is read). */
  rows: number | null;
  folds: number | null;
  trainings: number | null;
  /** Training windows of the largest training. */
  windows: number;
  parameters: number;
  /** Window buffers plus parameters (with gradients and Adam moments) of the trainings in flight. */
  bytes: number;
  trainingSteps: number | null;
}

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, M: 2_629_800_000 };

function intervalMs(text: string): number | null {
  const match = /^(\d+)([mhdwM])$/.exec(text);
  return match ? Number(match[1]) * UNIT_MS[match[2]!]! : null;
}

/** Rows a data cell will produce, when the document says (demo bars, a connector's range / interval). */
export function estimatedRows(data: CellOf<'data'>): number | null {
  const { source } = data;
  if (source.type === 'csv') return null;
  const span = source.type === 'demo' ? null : Date.parse(source.end) - Date.parse(source.start);
  const bar = intervalMs(data.resample ?? (source.type === 'demo' ? '1d' : source.interval));
  if (source.type === 'demo') return data.resample && bar ? Math.ceil((source.bars * 86_400_000) / bar) : source.bars;
  return span !== null && span > 0 && bar ? Math.ceil(span / bar) : null;
}

/** Trainable parameters (ridge: its normal matrix), from the notebook's model spec. */
export function parameterCount(model: ModelCellSpec, features: number, outputs: number): number {
  const recurrent = (gates: number, input: number, units: number) => gates * units * (input + units + 1);
  switch (model.type) {
    case 'naive':
    case 'drift':
      return outputs;
    case 'ridge': {
      const width = model.lookback * features + 1;
      return width * width + width * outputs;
    }
    case 'mlp': {
      let input = model.lookback * features;
      let count = 0;
      for (const units of model.hidden) {
        count += (input + 1) * units;
        input = units;
      }
      return count + (input + 1) * outputs;
    }
    case 'lstm':
    case 'gru': {
      const gates = model.type === 'lstm' ? 4 : 3;
      let count = 0;
      for (let layer = 0; layer < model.layers; layer++) count += recurrent(gates, layer === 0 ? features : model.units, model.units);
      return count + (model.units + 1) * outputs;
    }
    case 'cnnLstm':
      return model.kernelSize * features * model.filters + model.filters + recurrent(4, model.filters, model.units) + (model.units + 1) * outputs;
    case 'attention': {
      const d = model.dModel;
      const block = 4 * d * d + 2 * d * model.ffDim + model.ffDim + d + 4 * d;
      return (features + 1) * d + model.blocks * block + (d + 1) * outputs;
    }
    case 'ensemble':
      return model.members.reduce((sum, member) => sum + parameterCount(member, features, outputs), 0);
  }
}

const ITERATIVE = new Set(['mlp', 'lstm', 'gru', 'cnnLstm', 'attention', 'ensemble']);

/** The run's size: folds x epochs x windows and memory, with `rows` known or estimated. */
export function estimateRun(doc: NotebookDoc, rows: number | null, parallelism = 1): RunEstimate {
  const features = doc.cells.find((c): c is CellOf<'features'> => c.kind === 'features');
  const modelCell = doc.cells.find((c): c is CellOf<'model'> => c.kind === 'model');
  const walk = doc.cells.find((c): c is CellOf<'walkforward'> => c.kind === 'walkforward');
  if (!features || !modelCell || !walk) throw new Error('estimateRun: the notebook needs features, model and walkforward cells');
  const { model, training } = modelCell;
  const horizon = features.target.horizon;
  const steps = features.target.output === 'path' ? horizon : 1;
  const outputs = steps * (training.objective === 'quantile' ? training.quantiles.length : 1);
  const featureCount = features.features.length;
  const purge = walk.purge ?? model.lookback + horizon - 1;
  const gap = purge + (walk.embargo ?? 0);
  const usable = rows === null ? null : rows - horizon - (model.lookback - 1);
  const folds = usable === null ? null : Math.max(0, Math.ceil((usable - walk.trainSize - gap) / walk.step));
  const trainings = folds === null ? null : Math.ceil(folds / walk.refitEvery);
  const largest = walk.mode === 'expanding' && usable !== null ? Math.max(walk.trainSize, usable - walk.testSize - gap) : walk.trainSize;
  const average = walk.mode === 'expanding' ? (walk.trainSize + largest) / 2 : walk.trainSize;
  const parameters = parameterCount(model, featureCount, outputs);
  const windowBytes = largest * (model.lookback * featureCount + outputs) * 4;
  // Weights, gradients and Adam's two moments: four floats per parameter.
  const bytes = Math.max(1, Math.min(parallelism, trainings ?? 1)) * (windowBytes + parameters * 4 * 4);
  const epochs = ITERATIVE.has(model.type) ? training.epochs : 1;
  const trainingSteps = trainings === null ? null : trainings * epochs * average * model.lookback;
  return { rows, folds, trainings, windows: largest, parameters, bytes, trainingSteps };
}

const count = (n: number) => Math.round(n).toLocaleString('en-US');
const gigabytes = (bytes: number) => `${(bytes / 2 ** 30).toFixed(bytes < 2 ** 30 ? 2 : 1)} GB`;

/** Throws when the run is past `budget`, with its size and the parameters (by path) that shrink it. */
export function checkRunBudget(doc: NotebookDoc, rows: number | null, parallelism = 1, budget: RunBudget = RUN_BUDGET): RunEstimate {
  const estimate = estimateRun(doc, rows, parallelism);
  const at = (kind: string) => `cells[${doc.cells.findIndex((c) => c.kind === kind)}]`;
  const walk = at('walkforward');
  const model = at('model');
  const data = at('data');
  if (estimate.folds !== null && estimate.folds > budget.maxFolds) {
    throw new Error(
      `run budget: the walk-forward makes about ${count(estimate.folds)} folds over ${count(estimate.rows ?? 0)} rows, over the limit of ${count(budget.maxFolds)}: ` +
        `raise ${walk}.step, or shorten the data (${data}.source)`,
    );
  }
  if (estimate.bytes > budget.maxBytes) {
    throw new Error(
      `run budget: training needs about ${gigabytes(estimate.bytes)} (${count(estimate.windows)} windows x lookback x features x 4 bytes, plus ${count(estimate.parameters)} parameters), ` +
        `over the ${gigabytes(budget.maxBytes)} a browser tab can hold: lower ${model}.model.lookback or ${walk}.trainSize${doc.cells.some((c) => c.kind === 'walkforward' && c.mode === 'expanding') ? ` (or use ${walk}.mode "rolling")` : ''}, or shrink the model`,
    );
  }
  if (estimate.trainingSteps !== null && estimate.trainingSteps > budget.maxTrainingSteps) {
    throw new Error(
      `run budget: about ${estimate.trainingSteps.toExponential(1)} window-steps of training (${count(estimate.trainings ?? 0)} trainings x epochs x ${count(estimate.windows)} windows x lookback), ` +
        `over the limit of ${budget.maxTrainingSteps.toExponential(0)}: lower ${model}.training.epochs or ${walk}.trainSize, or raise ${walk}.step or ${walk}.refitEvery`,
    );
  }
  return estimate;
}

/**
 * Checks the document's structure and size before a run starts (rows estimated from the source),
 * and again once the data is loaded (a CSV's rows are known only then). Returns `env` with its
 * data loading wrapped for that second check.
 */
export function budgetedEnvironment(doc: NotebookDoc, env: RunEnvironment, budget: RunBudget = RUN_BUDGET): RunEnvironment {
  checkRunStructure(doc);
  const data = doc.cells.find((c): c is CellOf<'data'> => c.kind === 'data')!;
  const parallelism = Math.max(1, env.executor.parallelism ?? 1);
  checkRunBudget(doc, estimatedRows(data), parallelism, budget);
  return {
    ...env,
    loadData: async (request, options) => {
      const loaded = await env.loadData(request, options);
      checkRunBudget(doc, loaded.frame.time.length, parallelism, budget);
      return loaded;
    },
  };
}
