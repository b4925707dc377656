import type { ModelSpec, WindowedData } from '../../core/executor';
import { prepareFold } from '../../core/foldData';
import { isoDate } from '../../core/frame';
import { walkForwardSplits } from '../../core/walkforward';
import type { Windows } from '../../core/windows';
import type { CellContext, StitchedForecast } from '../runState';
import type { CellOf, ModelCellSpec } from '../schema';
import type { FoldReport } from '../report';
import { BASELINES, baselineForecasts, foldMaseScale } from './foldBaselines';
import { dieboldMarianoReport, forecastMetricsReport } from './metricsReport';
import { need } from './need';

function windowed(w: Windows): WindowedData {
  return { x: w.x, y: w.y, n: w.n, lookback: w.lookback, features: w.features, horizon: w.horizon };
}

function toExecutorSpec(spec: ModelCellSpec): ModelSpec {
  return spec.type === 'lstm'
    ? { type: 'lstm', units: spec.units, lookback: spec.lookback, recurrentActivation: spec.recurrentActivation }
    : { type: 'naive', lookback: spec.lookback };
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('cancelled');
}

function emptyStitched(): StitchedForecast {
  return { rows: [], actual: [], predicted: [], maseScales: [], foldStarts: [], baselines: { naive: [], drift: [], seasonalNaive: [], ridge: [] } };
}

export async function runWalkforwardCell(cell: CellOf<'walkforward'>, ctx: CellContext): Promise<void> {
  const { env, state } = ctx;
  const table = need(state, 'table', 'walkforward', 'features');
  const model = need(state, 'model', 'walkforward', 'model');
  const lookback = model.spec.lookback;
  const minPurge = lookback + table.horizon - 1;
  const purge = cell.purge ?? minPurge;
  if (purge < minPurge) {
    throw new Error(`walk-forward purge ${purge} is too small: it must be at least lookback + horizon - 1 = ${minPurge}`);
  }
  // The last `horizon` rows have no target yet, so they can neither train nor be scored.
  const usableRows = table.time.length - table.horizon;
  const folds = walkForwardSplits(usableRows, {
    mode: cell.mode,
    trainSize: cell.trainSize,
    testSize: cell.testSize,
    step: cell.step,
    purge,
    embargo: cell.embargo ?? 0,
    start: table.firstComplete + lookback - 1,
  });

  const reports: FoldReport[] = [];
  const stitched = emptyStitched();
  const now = env.now ?? (() => performance.now());
  const spec = toExecutorSpec(model.spec);
  let trainMsTotal = 0;

  for (const fold of folds) {
    throwIfAborted(env.signal);
    const base = fold.index / folds.length;
    ctx.progress(base, `fold ${fold.index + 1}/${folds.length}: preparing windows`);
    const data = prepareFold(table, fold, lookback);
    const trainSamples = data.train.n;
    const testRows = Array.from(data.test.rows);
    if (trainSamples === 0 || data.test.n === 0) throw new Error(`fold ${fold.index + 1} has no complete training or test window`);
    const baselines = baselineForecasts(table, fold, data);
    const scale = foldMaseScale(table, fold);

    const started = now();
    let finalLoss: number | null = null;
    const handle = await env.executor.train(spec, { ...model.training, seed: state.doc.seed + fold.index }, windowed(data.train), {
      ...(env.signal ? { signal: env.signal } : {}),
      onProgress: (p) => {
        finalLoss = p.loss;
        const within = (p.epoch - 1 + p.batch / Math.max(1, p.batches)) / p.epochs;
        ctx.progress(base + within / folds.length, `fold ${fold.index + 1}/${folds.length}: epoch ${p.epoch}/${p.epochs}, loss ${p.loss.toFixed(4)}`, p);
      },
    });
    let scaledPredictions: Float32Array;
    try {
      scaledPredictions = await env.executor.predict(handle, windowed(data.test), env.signal ? { signal: env.signal } : {});
    } finally {
      await env.executor.release(handle);
    }
    const trainMs = now() - started;
    trainMsTotal += trainMs;

    const actual = testRows.map((row) => table.target[row]!);
    const predicted = Array.from(scaledPredictions, (p) => p * data.targetStd + data.targetMean);
    const scales = actual.map(() => scale);
    stitched.foldStarts.push(testRows[0]!);
    stitched.rows.push(...testRows);
    stitched.actual.push(...actual);
    stitched.predicted.push(...predicted);
    stitched.maseScales.push(...scales);
    for (const name of BASELINES) stitched.baselines[name].push(...baselines[name]);

    reports.push({
      index: fold.index,
      trainStart: isoDate(table.time[fold.trainStart]!),
      trainEnd: isoDate(table.time[fold.trainEnd - 1]!),
      testStart: isoDate(table.time[fold.testStart]!),
      testEnd: isoDate(table.time[fold.testEnd - 1]!),
      trainSamples,
      testSamples: data.test.n,
      metrics: forecastMetricsReport(actual, predicted, scales),
      baselines: Object.fromEntries(BASELINES.map((name) => [name, forecastMetricsReport(actual, baselines[name], scales)])),
      trainMs,
      finalLoss,
    });
  }

  state.folds = reports;
  state.forecast = stitched;
  state.overall = {
    metrics: forecastMetricsReport(stitched.actual, stitched.predicted, stitched.maseScales),
    baselines: Object.fromEntries(
      BASELINES.map((name) => [name, forecastMetricsReport(stitched.actual, stitched.baselines[name], stitched.maseScales)]),
    ),
  };
  state.tests.dieboldMariano = dieboldMarianoReport(stitched.actual, stitched.predicted, stitched.baselines.naive, table.horizon);
  state.timings.trainPredictMs = trainMsTotal;
  ctx.progress(1, `${folds.length} folds done`);
}
