import { CancelledError } from '../core/executor';
import { isoDate } from '../core/frame';
import { notebookHash } from './canonical';
import { cellDefinition, runCell } from './cells/registry';
import { runReportSchema, type RunReport, type RunSeries } from './report';
import { describeIssues } from './parse';
import type { RunEnvironment, RunState } from './runState';
import type { NotebookDoc } from './schema';

export interface RunResult {
  report: RunReport;
  series: RunSeries;
}

const REQUIRED = ['data', 'features', 'model', 'walkforward', 'backtest'] as const;

function assemble(state: RunState, totalMs: number): RunResult {
  const { data, table, model, folds, overall, backtest, backend, forecast, equity } = state;
  if (!data || !table || !model || !folds || !overall || !backtest || !backend || !forecast || !equity) {
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
    },
    backend: { name: backend.backend, reason: backend.reason, ...(backend.adapter ? { adapter: backend.adapter } : {}) },
    seed: state.doc.seed,
    versions: {},
    model: { ...model.spec, ...model.training },
    features: table.names,
    target: table.targetName,
    folds,
    metrics: overall.metrics,
    baselines: overall.baselines,
    backtest,
    tests: {},
    timings: { ...state.timings, totalMs },
  };
  const series: RunSeries = {
    forecast: {
      time: forecast.rows.map((row) => time[row]!),
      actual: forecast.actual,
      predicted: forecast.predicted,
      naive: forecast.naive,
      foldStarts: forecast.foldStarts.map((row) => time[row]!),
    },
    equity,
  };
  return { report, series };
}

/** Runs the cells in document order; every cell reads what the cells above it produced. */
export async function runNotebook(doc: NotebookDoc, env: RunEnvironment): Promise<RunResult> {
  for (const kind of REQUIRED) {
    if (!doc.cells.some((c) => c.kind === kind)) throw new Error(`the notebook needs a ${kind} cell`);
  }
  const now = env.now ?? (() => performance.now());
  const started = now();
  const state: RunState = { doc, timings: {} };
  const totalWeight = doc.cells.reduce((sum, c) => sum + cellDefinition(c.kind).weight, 0) || 1;
  let done = 0;

  state.backend = await env.executor.backend();
  for (const cell of doc.cells) {
    if (env.signal?.aborted) throw new CancelledError();
    const weight = cellDefinition(cell.kind).weight / totalWeight;
    const cellStarted = now();
    await runCell(cell, {
      env,
      state,
      progress: (fraction, message, train) =>
        env.onProgress?.({
          fraction: Math.min(1, done + weight * fraction),
          cellId: cell.id,
          message,
          ...(train ? { train } : {}),
        }),
    }).catch((error: unknown) => {
      if (error instanceof CancelledError || (error instanceof Error && error.name === 'CancelledError')) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`cell "${cell.id}" (${cell.kind}): ${message}`, { cause: error });
    });
    state.timings[`${cell.id}Ms`] = now() - cellStarted;
    done += weight;
  }
  const result = assemble(state, now() - started);
  result.report.versions = env.versions;
  const checked = runReportSchema.safeParse(result.report);
  if (!checked.success) throw new Error(`internal: the run report does not match its schema: ${describeIssues(checked.error).join('; ')}`);
  return result;
}
