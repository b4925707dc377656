import { CancelledError, type BackendInfo, type Executor } from '../core/executor';
import type { FeatureTable } from '../core/featureTable';
import { isoDate } from '../core/frame';
import { budgetedEnvironment } from './budget';
import { notebookHash } from './canonical';
import { cellDefinition, runCell } from './cells/registry';
import { finiteOrNull } from './cells/metricsReport';
import { planCellKeys } from './planKeys';
import { reproducibilityOf } from './reproducibility';
import { runReportSchema, type FoldReport, type RunCacheReport, type RunReport, type RunSeries } from './report';
import { describeIssues } from './parse';
import type { LoadedData, RunEnvironment, RunState } from './runState';
import { checkRunStructure } from './structure';
import type { Cell, NotebookDoc } from './schema';

export interface RunResult {
  report: RunReport;
  series: RunSeries;
}

const REQUIRED = ['data', 'features', 'model', 'walkforward', 'backtest'] as const;

/** The run's backend; when folds moved to another backend mid-run (a lost GPU device), the last one, saying so. */
function runBackend(initial: BackendInfo, folds: FoldReport[]): RunReport['backend'] {
  const last = folds[folds.length - 1]?.backend ?? initial.backend;
  const adapter = initial.adapter ? { adapter: initial.adapter } : {};
  if (last === initial.backend) return { name: initial.backend, reason: initial.reason, ...adapter };
  const moved = folds.find((f) => f.backend !== initial.backend);
  return { name: last, reason: `${initial.reason}; from fold ${(moved?.index ?? 0) + 1} on the run continued on ${last} (the ${initial.backend} backend failed)`, ...adapter };
}

function assemble(state: RunState, totalMs: number): RunResult {
  const { data, table, model, folds, overall, backtest, backend, forecast, equity, monthly } = state;
  const dieboldMariano = state.tests.dieboldMariano as RunReport['tests']['dieboldMariano'] | undefined;
  if (!data || !table || !model || !folds || !overall || !backtest || !backend || !forecast || !equity || !monthly || !dieboldMariano) {
    throw new Error('the run ended before every cell produced its output');
  }
  const time = data.frame.time;
  const report: RunReport = {
    notebookHash: notebookHash(state.doc),
    title: state.doc.title,
    data: {
      hash: data.hash,
      name: data.frame.meta.name,
      synthetic: data.frame.meta.synthetic,
      rows: time.length,
      start: isoDate(time[0]!),
      end: isoDate(time[time.length - 1]!),
      cleaning: data.cleaning,
      notes: data.notes,
    },
    backend: runBackend(backend, folds),
    seed: state.doc.seed,
    versions: {},
    model: { ...model.spec, ...model.training },
    features: table.names,
    target: table.targetName,
    folds,
    metrics: overall.metrics,
    baselines: overall.baselines,
    ...(overall.byStep ? { byStep: overall.byStep } : {}),
    backtest,
    tests: { ...state.tests, dieboldMariano },
    ...(state.explain ? { explain: state.explain.report } : {}),
    ...(state.diagnostics ? { diagnostics: state.diagnostics } : {}),
    reproducibility: reproducibilityOf(folds, { byStep: !!overall.byStep, diagnostics: !!state.diagnostics, explain: !!state.explain }),
    timings: { ...state.timings, totalMs },
  };
  const series: RunSeries = {
    forecast: {
      time: forecast.rows.map((row) => time[row]!),
      actual: forecast.actual,
      predicted: forecast.predicted,
      baselines: Object.fromEntries(Object.entries(forecast.baselines).map(([name, values]) => [name, values.map(finiteOrNull)])),
      foldStarts: forecast.foldStarts.map((row) => time[row]!),
      ...(forecast.lower && forecast.upper ? { lower: forecast.lower, upper: forecast.upper } : {}),
      ...(forecast.probability ? { probability: forecast.probability } : {}),
      ...(forecast.intervals ? { intervals: forecast.intervals.map((b) => ({ level: b.level, lower: b.lower.map(finiteOrNull), upper: b.upper.map(finiteOrNull) })) } : {}),
    },
    equity,
    monthly,
    ...(state.explain ? { explain: state.explain.series } : {}),
  };
  return { report, series };
}

/** Every cell's key as far as the run knows it (the data hash once the data cell ran). */
function currentKeys(state: RunState, env: RunEnvironment): Record<string, string | null> {
  return planCellKeys(state.doc, { dataHash: state.data?.hash ?? null, backend: state.backend?.backend ?? null, versions: env.versions });
}

function cacheReport(state: RunState, env: RunEnvironment, ran: ReadonlySet<string>): RunCacheReport | undefined {
  const use = state.cacheUse;
  if (!env.cache || !use) return undefined;
  const keys = Object.fromEntries(Object.entries(currentKeys(state, env)).filter((entry): entry is [string, string] => entry[1] !== null && ran.has(entry[0])));
  return { cells: use.cells, folds: use.folds, keys, ...(use.problems.length ? { problems: use.problems } : {}) };
}

/** Runs `cells` in order on `state`; every cell reads what the cells above it produced. */
async function executeCells(cells: readonly Cell[], state: RunState, env: RunEnvironment): Promise<void> {
  const now = env.now ?? (() => performance.now());
  const use = (state.cacheUse ??= { cells: {}, folds: [], problems: [] });
  const totalWeight = cells.reduce((sum, c) => sum + cellDefinition(c.kind).weight, 0) || 1;
  let done = 0;
  for (const cell of cells) {
    if (env.signal?.aborted) throw new CancelledError();
    const weight = cellDefinition(cell.kind).weight / totalWeight;
    const cellStarted = now();
    await runCell(cell, {
      env,
      state,
      key: currentKeys(state, env)[cell.id] ?? null,
      cacheUse: (status, fold) => {
        if (fold === undefined) use.cells[cell.id] = status;
        else use.folds[fold] = status;
      },
      cacheProblem: (problem) => {
        if (problem) use.problems.push(problem);
      },
      progress: (fraction, message, train, fold) =>
        env.onProgress?.({
          fraction: Math.min(1, done + weight * fraction),
          cellId: cell.id,
          message,
          ...(train ? { train } : {}),
          ...(fold !== undefined ? { fold } : {}),
        }),
    }).catch((error: unknown) => {
      if (error instanceof CancelledError || (error instanceof Error && error.name === 'CancelledError')) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`cell "${cell.id}" (${cell.kind}): ${message}`, { cause: error });
    });
    state.timings[`${cell.id}Ms`] = now() - cellStarted;
    done += weight;
  }
}

export async function runNotebook(doc: NotebookDoc, env: RunEnvironment): Promise<RunResult> {
  for (const kind of REQUIRED) {
    if (!doc.cells.some((c) => c.kind === kind)) throw new Error(`the notebook needs a ${kind} cell`);
  }
  env = budgetedEnvironment(doc, env);
  const now = env.now ?? (() => performance.now());
  const started = now();
  const state: RunState = { doc, tests: {}, timings: {} };
  state.backend = await env.executor.backend();
  // A selection (Shift+Enter) still runs the cells the report is made of: unchanged ones are cache hits.
  const cells = doc.cells.filter((c) => !env.cells || env.cells.includes(c.id) || (REQUIRED as readonly string[]).includes(c.kind));
  await executeCells(cells, state, env);
  const result = assemble(state, now() - started);
  result.report.versions = env.versions;
  const cache = cacheReport(state, env, new Set(cells.map((c) => c.id)));
  if (cache) result.report.cache = cache;
  const checked = runReportSchema.safeParse(result.report);
  if (!checked.success) throw new Error(`internal: the run report does not match its schema: ${describeIssues(checked.error).join('; ')}`);
  return result;
}

const NO_EXECUTOR: Executor = {
  backend: () => Promise.reject(new Error('computing features trains no model')),
  train: () => Promise.reject(new Error('computing features trains no model')),
  predict: () => Promise.reject(new Error('computing features trains no model')),
  inputGradients: () => Promise.reject(new Error('computing features trains no model')),
  predictOutput: () => Promise.reject(new Error('computing features trains no model')),
  attentionWeights: () => Promise.reject(new Error('computing features trains no model')),
  recurrentStates: () => Promise.reject(new Error('computing features trains no model')),
  release: () => Promise.resolve(),
};

/** Runs only the data and features cells: the engineered feature table, for export. */
export async function computeFeatureTable(
  doc: NotebookDoc,
  env: Omit<RunEnvironment, 'executor' | 'versions'> & { versions?: Record<string, string> },
): Promise<{ table: FeatureTable; data: LoadedData }> {
  for (const kind of ['data', 'features'] as const) {
    if (!doc.cells.some((c) => c.kind === kind)) throw new Error(`the notebook needs a ${kind} cell`);
  }
  checkRunStructure(doc, ['data', 'features']);
  const state: RunState = { doc, tests: {}, timings: {} };
  const cells = doc.cells.filter((c) => c.kind === 'data' || c.kind === 'features');
  await executeCells(cells, state, { versions: {}, ...env, executor: NO_EXECUTOR });
  if (!state.table || !state.data) throw new Error('the features cell produced no table');
  return { table: state.table, data: state.data };
}
