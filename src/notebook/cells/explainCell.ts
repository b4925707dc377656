/**
 * The explain cell: attributions of the walk-forward's out-of-sample forecasts. It retrains the
 * models of the folds holding the chosen test windows (same fold, seed and backend as the
 * walk-forward, so the same weights), draws the background from each fold's training windows,
 * and sends every coalition through the executor's batched predict. Cached under its key.
 */
import {
  additivityError,
  attributionGroups,
  backgroundBase,
  drawBackground,
  globalImportance,
  groupOfCell,
  kernelCoalitionCount,
  usesExact,
  windowShapley,
  type AttributionGroup,
} from '../../core/explain';
import { isoDate } from '../../core/frame';
import type { Fold } from '../../core/walkforward';
import { readCached, writeCached } from '../cache';
import { explainOutputSchema, type ExplainOutput, type ExplainReport } from '../explainReport';
import type { CellContext } from '../runState';
import type { CellOf } from '../schema';
import { explainPermutation } from './explainPermutation';
import { batchPredict, trainFoldModel, type FoldModel } from './explainModel';
import { chooseWindows, type ChosenWindow } from './explainWindows';
import { need } from './need';
import { trainedOn, walkforwardFolds } from './walkforwardFolds';

type ExplainCell = CellOf<'explain'>;

function featureValue(ctx: CellContext, group: AttributionGroup, row: number): number | null {
  const table = ctx.state.table!;
  // A feature's own value at the newest lag the group holds (its colour in the beeswarm).
  if (group.feature === null) return null;
  const column = table.features[table.names.indexOf(group.feature)];
  const value = column?.[row - group.lagFrom];
  return value !== undefined && Number.isFinite(value) ? value : null;
}

async function shapleyForFold(cell: ExplainCell, ctx: CellContext, fm: FoldModel, chosen: ChosenWindow[], groups: AttributionGroup[], tick: () => void) {
  const { env } = ctx;
  const table = ctx.state.table!;
  const predict = batchPredict(env.executor, fm, table, env.signal);
  const test = fm.data.test;
  const width = test.lookback * test.features;
  const background = drawBackground({ x: fm.data.train.x, n: fm.data.train.n }, cell.backgroundSize, cell.seed + chosen[0]!.fold.index);
  const owner = groupOfCell(groups, width);
  const base = await backgroundBase(predict, background);
  const results = [];
  for (const c of chosen) {
    const window = test.x.slice(c.index * width, (c.index + 1) * width);
    const shapley = await windowShapley(predict, window, background, owner, groups.length, base, {
      coalitions: cell.coalitions,
      seed: cell.seed + c.index,
      signal: env.signal,
    });
    const row = test.rows[c.index]!;
    results.push({ row, shapley, featureValues: groups.map((g) => featureValue(ctx, g, row)) });
    tick();
  }
  return { results, backgroundSize: background.n };
}

export async function runExplainCell(cell: ExplainCell, ctx: CellContext): Promise<void> {
  const { env, state } = ctx;
  const table = need(state, 'table', 'explain', 'features');
  const model = need(state, 'model', 'explain', 'model');
  need(state, 'forecast', 'explain', 'walkforward');
  if (ctx.key && env.cache) {
    const hit = await readCached(env.cache, ctx.key, explainOutputSchema);
    if (hit) {
      state.explain = hit;
      ctx.cacheUse('hit');
      ctx.progress(1, 'from the run cache');
      return;
    }
  }
  const walkforward = state.doc.cells.findLast((c): c is CellOf<'walkforward'> => c.kind === 'walkforward');
  if (!walkforward) throw new Error('the explain cell needs a walkforward cell above it');
  const lookback = model.spec.lookback;
  const { folds } = walkforwardFolds(walkforward, table, lookback);
  const groups = attributionGroups(table.names, lookback, cell.grouping, cell.recentLags);
  const chosen = chooseWindows(cell, folds, table, lookback);
  const byFold = new Map<number, ChosenWindow[]>();
  for (const c of chosen) byFold.set(c.fold.index, [...(byFold.get(c.fold.index) ?? []), c]);

  state.explain = await explainOutput(cell, ctx, groups, byFold, (fold) => trainedOn(folds, fold, walkforward.refitEvery));
  ctx.cacheUse('miss');
  if (ctx.key && env.cache) ctx.cacheProblem(await writeCached(env.cache, ctx.key, state.explain));
}

async function explainOutput(
  cell: ExplainCell,
  ctx: CellContext,
  groups: AttributionGroup[],
  byFold: Map<number, ChosenWindow[]>,
  modelFoldOf: (fold: Fold) => Fold,
): Promise<ExplainOutput> {
  const { env, state } = ctx;
  const table = state.table!;
  const model = state.model!;
  const foldList = [...byFold.values()].map((c) => c[0]!.fold);
  const total = [...byFold.values()].reduce((s, c) => s + c.length, 0);
  let done = 0;
  const windows: ExplainReport['windows'] = [];
  const series: ExplainOutput['series'] = { spans: groups.map(({ feature, lagFrom, lagTo }) => ({ feature, lagFrom, lagTo })), time: [], featureValues: [] };
  const notes: string[] = [];
  let backgroundSize = 0;
  let coalitions = 0;
  let estimator: ExplainReport['estimator'] = cell.method === 'permutation' ? 'permutation' : usesExact(groups.length) ? 'exact' : 'kernel';
  let output: ExplainReport['output'] = { kind: 'return' };
  const permutations: PermutationOutcome[] = [];
  let global: ExplainReport['global'] = [];
  for (const [f, fold] of foldList.entries()) {
    const fm = await trainFoldModel(fold, modelFoldOf(fold), {
      table,
      model,
      executor: env.executor,
      seed: state.doc.seed,
      signal: env.signal,
      quantile: cell.quantile,
      onProgress: (p) => ctx.progress((done / Math.max(1, total)) * 0.9, `fold ${fold.index + 1}: training the model to explain (epoch ${p.epoch}/${p.epochs})`, p),
    });
    output = fm.reader.output;
    try {
      const chosen = byFold.get(fold.index)!;
      if (cell.method === 'permutation') {
        const result = await explainPermutation(cell, ctx, fm, groups, fold, (g, n) => ctx.progress((f + g / n) / foldList.length, `fold ${fold.index + 1}: permuted ${g} of ${n} groups`));
        permutations.push(result);
        continue;
      }
      const { results, backgroundSize: size } = await shapleyForFold(cell, ctx, fm, chosen, groups, () => {
        done++;
        ctx.progress(done / total, `explained ${done} of ${total} windows`);
      });
      backgroundSize = size;
      for (const r of results) {
        coalitions = r.shapley.coalitions;
        estimator = r.shapley.method;
        windows.push({
          date: isoDate(table.time[r.row]!),
          base: r.shapley.base,
          prediction: r.shapley.prediction,
          values: Array.from(r.shapley.values),
          ...(r.shapley.standardError ? { standardError: Array.from(r.shapley.standardError) } : {}),
        });
        series.time.push(table.time[r.row]!);
        series.featureValues.push(r.featureValues);
      }
    } finally {
      await env.executor.release(fm.handle);
    }
  }
  if (cell.method === 'shapley') {
    global = globalImportance(groups.map((g) => g.name), windows);
    notes.push(...forecastCheck(ctx, windows, series.time, output));
    if (estimator === 'kernel') notes.push(`Kernel SHAP with ${kernelCoalitionCount(cell.coalitions)} coalitions per window (${groups.length} groups is more than 12)`);
  }
  const combined = permutations.length ? combinePermutations(permutations) : undefined;
  if (combined) global = combined.global;
  const permutation = combined?.permutation;
  const worstSe = windows.reduce((m, w) => Math.max(m, ...(w.standardError ?? [])), 0);
  const report: ExplainReport = {
    method: cell.method,
    estimator,
    grouping: cell.grouping,
    output,
    groups: groups.map((g) => g.name),
    backgroundSize,
    coalitions,
    folds: foldList.map((f) => f.index),
    global,
    windows,
    additivityError: cell.method === 'shapley' ? additivityError(windows) : null,
    standardError: estimator === 'kernel' ? worstSe : null,
    ...(permutation ? { permutation } : {}),
    notes,
  };
  ctx.progress(1, cell.method === 'shapley' ? `${windows.length} windows explained, additivity error ${report.additivityError?.toExponential(1)}` : 'permutation importance done');
  return { report, series };
}

/** Says when the retrained model's forecasts are not the walk-forward's (a backend that is not bitwise reproducible). */
function forecastCheck(ctx: CellContext, windows: ExplainReport['windows'], times: number[], output: ExplainReport['output']): string[] {
  const forecast = ctx.state.forecast!;
  const table = ctx.state.table!;
  if (output.kind === 'quantile') return [];
  const byTime = new Map(forecast.rows.map((row, i) => [table.time[row]!, output.kind === 'probability' ? forecast.probability?.[i] : forecast.predicted[i]]));
  let worst = 0;
  windows.forEach((w, i) => {
    const walked = byTime.get(times[i]!);
    if (walked !== undefined) worst = Math.max(worst, Math.abs(walked - w.prediction) / Math.max(1e-3, Math.abs(walked)));
  });
  return worst > 1e-3 ? [`the retrained model's forecasts differ from the walk-forward's by up to ${(worst * 100).toFixed(2)}% (training is not bitwise reproducible on this backend)`] : [];
}

/** Several folds' permutation importances as one: their means of the mean increase and of the spread. */
type PermutationOutcome = Awaited<ReturnType<typeof explainPermutation>>;

function combinePermutations(results: PermutationOutcome[]): PermutationOutcome {
  const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;
  const names = results[0]!.global.map((g) => g.group);
  const entry = (name: string) => results.map((r) => r.global.find((g) => g.group === name)!);
  const global = names
    .map((group) => {
      const meanSigned = mean(entry(group).map((g) => g.meanSigned));
      return { group, meanAbs: Math.abs(meanSigned), meanSigned, spread: mean(entry(group).map((g) => g.spread)) };
    })
    .sort((a, b) => b.meanAbs - a.meanAbs);
  return { global, permutation: { ...results[0]!.permutation, baseLoss: mean(results.map((r) => r.permutation.baseLoss)) } };
}
