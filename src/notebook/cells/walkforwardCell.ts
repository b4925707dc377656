import { targetBars } from '../../core/featureTable';
import { isoDate } from '../../core/frame';
import type { Fold } from '../../core/walkforward';
import type { FoldReport } from '../report';
import type { CellContext, StitchedForecast } from '../runState';
import type { CellOf } from '../schema';
import { BASELINES } from './foldBaselines';
import { createFoldKeyer } from '../cacheFold';
import { runCachedRefitGroup, runLimited, type FoldOutcome, type GroupCache } from './foldRunner';
import { divergenceVerdict, metricsDivergence } from './divergence';
import { dieboldMarianoReport, forecastMetricsReport, withoutErrorMetrics } from './metricsReport';
import { need } from './need';
import { stepReports } from './stepMetrics';
import { walkforwardFolds } from './walkforwardFolds';
import { foldGaps, walkforwardDiagnostics } from './walkforwardDiagnostics';

function stitch(outcomes: FoldOutcome[]): StitchedForecast {
  const stitched: StitchedForecast = {
    rows: [],
    actual: [],
    predicted: [],
    maseScales: [],
    foldStarts: [],
    baselines: { naive: [], drift: [], seasonalNaive: [], ridge: [] },
  };
  for (const o of outcomes) {
    stitched.foldStarts.push(o.rows[0]!);
    stitched.rows.push(...o.rows);
    stitched.actual.push(...o.actual);
    stitched.predicted.push(...o.forecast.point);
    stitched.maseScales.push(...o.rows.map(() => o.maseScale));
    for (const name of BASELINES) stitched.baselines[name].push(...o.baselines.forecasts[name]);
    if (o.forecast.lower && o.forecast.upper) {
      (stitched.lower ??= []).push(...o.forecast.lower);
      (stitched.upper ??= []).push(...o.forecast.upper);
    }
    if (o.forecast.probability) (stitched.probability ??= []).push(...o.forecast.probability);
  }
  return stitched;
}

/** Marks a fold whose training diverged or whose out-of-sample R² is absurd. */
function withDivergence(outcome: FoldOutcome, report: FoldReport): FoldReport {
  const diverged = outcome.diverged ?? metricsDivergence(report.metrics.r2);
  return diverged ? { ...report, diverged } : report;
}

export async function runWalkforwardCell(cell: CellOf<'walkforward'>, ctx: CellContext): Promise<void> {
  const { env, state } = ctx;
  const table = need(state, 'table', 'walkforward', 'features');
  const model = need(state, 'model', 'walkforward', 'model');
  const { folds, purge, embargo } = walkforwardFolds(cell, table, model.spec.lookback);
  const groups: Fold[][] = [];
  folds.forEach((fold, i) => (i % cell.refitEvery === 0 ? groups.push([fold]) : groups[groups.length - 1]!.push(fold)));

  const backend = state.backend?.backend;
  const cached: GroupCache | null =
    env.cache && backend
      ? {
          cache: env.cache,
          keyOf: createFoldKeyer({ table, model, purge, embargo, seed: state.doc.seed, backend, versions: env.versions }),
          backend,
          onUse: (fold, status) => ctx.cacheUse(status, fold.index),
          onProblem: ctx.cacheProblem,
        }
      : null;

  const parallelism = Math.max(1, env.executor.parallelism ?? 1);
  const foldProgress = new Array<number>(folds.length).fill(0);
  const now = env.now ?? (() => performance.now());
  const started = now();
  const outcomes = (
    await runLimited(
      groups.map((group) => () =>
        runCachedRefitGroup(group, {
          table,
          model,
          executor: env.executor,
          seed: state.doc.seed,
          signal: env.signal,
          now,
          onProgress: (fold, fraction, train) => {
            foldProgress[fold.index] = fraction;
            const overall = foldProgress.reduce((a, b) => a + b, 0) / folds.length;
            const detail = train ? `epoch ${train.epoch}/${train.epochs}, loss ${train.loss.toFixed(4)}` : 'forecast done';
            ctx.progress(overall, `fold ${fold.index + 1}/${folds.length}: ${detail}`, train, fold.index);
          },
        }, cached),
      ),
      parallelism,
      env.signal,
    )
  ).flat();
  const fromCache = outcomes.filter((o) => state.cacheUse?.folds[o.fold.index] === 'hit').length;
  if (cached) ctx.cacheUse(fromCache === outcomes.length ? 'hit' : 'miss');

  const direction = model.training.objective === 'direction';
  const score = (actual: number[], predicted: number[], scales: number[]) => {
    const report = forecastMetricsReport(actual, predicted, scales);
    return direction ? withoutErrorMetrics(report) : report;
  };
  state.folds = outcomes.map((o): FoldReport => withDivergence(o, {
    index: o.fold.index,
    trainStart: isoDate(table.time[o.fold.trainStart]!),
    trainEnd: isoDate(table.time[o.fold.trainEnd - 1]!),
    testStart: isoDate(table.time[o.fold.testStart]!),
    testEnd: isoDate(table.time[o.fold.testEnd - 1]!),
    trainSamples: o.trainSamples,
    testSamples: o.rows.length,
    refit: o.refit,
    metrics: score(o.actual, o.forecast.point, o.rows.map(() => o.maseScale)),
    baselines: Object.fromEntries(BASELINES.map((name) => [name, forecastMetricsReport(o.actual, o.baselines.forecasts[name], o.rows.map(() => o.maseScale))])),
    trainMs: o.trainMs,
    finalLoss: o.finalLoss,
    engine: o.engine,
    backend: o.backend,
    ...foldGaps(table, o.fold, purge, embargo),
  }));
  const divergence = divergenceVerdict(state.folds);
  if (divergence) state.tests.divergence = divergence;
  const stitched = stitch(outcomes);
  const diagnostics = walkforwardDiagnostics(table, outcomes, state.folds, cell, model.training);
  state.diagnostics = diagnostics.report;
  if (diagnostics.intervals) stitched.intervals = diagnostics.intervals;
  state.forecast = stitched;
  state.overall = {
    metrics: score(stitched.actual, stitched.predicted, stitched.maseScales),
    baselines: Object.fromEntries(
      BASELINES.map((name) => [name, forecastMetricsReport(stitched.actual, stitched.baselines[name], stitched.maseScales)]),
    ),
    ...(table.steps > 1 ? { byStep: stepReports(table, outcomes, direction) } : {}),
  };
  state.tests.dieboldMariano = direction
    ? { baseline: 'naive', statistic: null, pValue: null, n: 0, meanLossDifferential: null, verdict: 'not distinguishable', sentence: 'was not compared with naive: a direction model forecasts no return size (see the hit rate)' }
    : dieboldMarianoReport(stitched.actual, stitched.predicted, stitched.baselines.naive, targetBars(table));
  if (stitched.lower && stitched.upper) {
    const inside = stitched.actual.filter((a, i) => a >= stitched.lower![i]! && a <= stitched.upper![i]!).length;
    state.tests.quantileCoverage = { quantiles: model.training.quantiles, coverage: inside / stitched.actual.length, n: stitched.actual.length };
  }
  state.timings.trainPredictMs = now() - started;
  state.timings.parallelism = parallelism;
  const trainings = outcomes.filter((o) => o.refit && state.cacheUse?.folds[o.fold.index] !== 'hit').length;
  const cacheNote = cached ? `${fromCache} from the run cache, ` : '';
  ctx.progress(1, `${folds.length} folds done (${cacheNote}${trainings} trainings, ${parallelism} in parallel)`);
}
