import { z } from 'zod';
import { hashFrame } from '../../core/hash';
import type { Frame } from '../../core/frame';
import { canonicalJson } from '../canonical';
import { hashText } from '../../core/hash';
import { finiteOrNull, forecastMetricsReport } from '../cells/metricsReport';
import type { ObjectiveMetric } from '../cells/sweep.decl';
import { tearsheetReport } from '../cells/tearsheetReport';
import { parseNotebook } from '../parse';
import { forecastMetricsSchema, tradingMetricsSchema, type ForecastMetricsReport, type TradingMetricsReport } from '../report';
import { runNotebook } from '../runner';
import type { LoadedData, RunEnvironment } from '../runState';
import type { NotebookDoc } from '../schema';

/**
 * One trial: a notebook with the trial's values written in, run through the same runner as any
 * run, on the data before `until` (the hold-out and, for a pruning rung, the later folds are cut
 * off before the notebook ever sees them).
 */
export interface TrialJob {
  /** Content hash of (notebook, params, data hash, seed, backend): a rerun or a duplicate is the same trial. */
  id: string;
  doc: NotebookDoc;
  params: Record<string, number | string | boolean>;
  /** Bars at or after this time (UTC ms) are not loaded; null: all of them. */
  until: number | null;
  /** Also score the bars from this time on separately (the hold-out figures of the chosen configuration). */
  holdoutFrom?: number | undefined;
}

export const trialJobSchema = z.object({
  id: z.string().regex(/^[0-9a-f]{64}$/),
  doc: z.unknown().transform((doc, ctx) => {
    try {
      return parseNotebook(doc);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
      return z.NEVER;
    }
  }),
  params: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
  until: z.number().nullable(),
  holdoutFrom: z.number().optional(),
});

export const figuresSchema = z.object({ metrics: forecastMetricsSchema, strategy: tradingMetricsSchema });
export type Figures = z.infer<typeof figuresSchema>;

export const trialOutcomeSchema = z.object({
  id: z.string(),
  status: z.enum(['ok', 'failed']),
  error: z.string().optional(),
  figures: figuresSchema.nullable(),
  /** Per-period Sharpe ratio of the strategy (annual / sqrt(periods per year)), for the deflated Sharpe. */
  sharpe: z.number().nullable(),
  /** The strategy's per-period returns (for the deflated Sharpe of the chosen trial). */
  returns: z.array(z.number()),
  folds: z.number().int().nonnegative(),
  ms: z.number().nonnegative(),
  holdout: z.object({ from: z.string(), folds: z.number().int().nonnegative(), figures: figuresSchema }).optional(),
});
export type TrialOutcome = z.infer<typeof trialOutcomeSchema>;

/** The objective's value in a set of figures (null when the metric is undefined there). */
export function objectiveValue(figures: Figures, metric: ObjectiveMetric): number | null {
  const [group, name] = metric.split('.') as [string, string];
  const source: Record<string, unknown> = group === 'forecast' ? figures.metrics : figures.strategy;
  const value = source[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** The rows of a frame before `until`. */
export function frameBefore(frame: Frame, until: number): Frame {
  let end = 0;
  while (end < frame.time.length && frame.time[end]! < until) end++;
  const columns: Record<string, Float64Array> = {};
  for (const [name, values] of Object.entries(frame.columns)) columns[name] = values.slice(0, end);
  return { time: frame.time.slice(0, end), columns, meta: { ...frame.meta } };
}

/** Loaded data cut before `until`, hashed anew: a trial's data hash is that of what it saw. */
export function dataBefore(data: LoadedData, until: number | null): LoadedData {
  if (until === null) return data;
  const frame = frameBefore(data.frame, until);
  return { ...data, frame, hash: hashFrame(frame) };
}

/** A trial's id: the content hash of (notebook, trial params, data hash, seed, backend). */
export function trialId(doc: NotebookDoc, params: Record<string, unknown>, dataHash: string, backend: string): string {
  return hashText(canonicalJson({ notebook: doc, params, dataHash, seed: doc.seed, backend }));
}

function holdoutFigures(result: Awaited<ReturnType<typeof runNotebook>>, from: number): { folds: number; figures: Figures } {
  const { report, series } = result;
  const forecastRows = series.forecast.time.map((t, i) => (t >= from ? i : -1)).filter((i) => i >= 0);
  const pick = (values: readonly number[]) => forecastRows.map((i) => values[i]!);
  // The report keeps no per-sample MASE scale: the hold-out's MASE is left undefined (null).
  const metrics: ForecastMetricsReport = forecastMetricsReport(pick(series.forecast.actual), pick(series.forecast.predicted), forecastRows.map(() => NaN));
  const equity = series.equity;
  const rows = equity.time.map((t, i) => (t >= from ? i : -1)).filter((i) => i >= 0);
  const times = Float64Array.from(rows, (i) => equity.time[i]!);
  const interval = times.length > 1 ? times[1]! - times[0]! : 86_400_000;
  const years = times.length > 0 ? (times[times.length - 1]! - times[0]! + interval) / (365.25 * 86_400_000) : 0;
  const strategy: TradingMetricsReport = tearsheetReport(
    {
      returns: rows.map((i) => equity.strategyReturns[i]!),
      positions: rows.map((i) => equity.position[i]!),
      times,
      startTime: (times[0] ?? from) - interval,
      periodsPerYear: report.backtest.periodsPerYear,
      years,
    },
    null,
  );
  const folds = report.folds.filter((f) => Date.parse(f.testStart) >= from).length;
  return { folds, figures: { metrics, strategy } };
}

/** Runs one trial with `env` (its executor, cache, data loading); a failing notebook is a failed trial, never a thrown sweep. */
export async function evaluateTrial(job: TrialJob, env: RunEnvironment): Promise<TrialOutcome> {
  const now = env.now ?? (() => performance.now());
  const started = now();
  const trialEnv: RunEnvironment = {
    ...env,
    loadData: async (request, options) => dataBefore(await env.loadData(request, options), job.until),
  };
  try {
    const result = await runNotebook(job.doc, trialEnv);
    const { report } = result;
    const annual = report.backtest.strategy.sharpe;
    const outcome: TrialOutcome = {
      id: job.id,
      status: 'ok',
      figures: { metrics: report.metrics, strategy: report.backtest.strategy },
      sharpe: annual === null ? null : finiteOrNull(annual / Math.sqrt(report.backtest.periodsPerYear)),
      returns: result.series.equity.strategyReturns,
      folds: report.folds.length,
      ms: now() - started,
    };
    if (job.holdoutFrom !== undefined) outcome.holdout = { from: new Date(job.holdoutFrom).toISOString(), ...holdoutFigures(result, job.holdoutFrom) };
    return outcome;
  } catch (error) {
    if (error instanceof Error && error.name === 'CancelledError') throw error;
    const message = error instanceof Error ? error.message : String(error);
    return { id: job.id, status: 'failed', error: message, figures: null, sharpe: null, returns: [], folds: 0, ms: now() - started };
  }
}
