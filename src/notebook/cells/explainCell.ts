/**
 * The explain cell: attributions of the walk-forward's out-of-sample forecasts. It retrains the
 * models of the folds holding the chosen test windows (same fold, seed and backend as the
 * walk-forward, so the same weights), hands each fold to the method's explainer (EXPLAINERS), and
 * assembles the report entry and the views' series. Cached under its key.
 */
import { additivityError, attributionGroups, globalImportance, kernelCoalitionCount, usesExact, type AttributionGroup } from '../../core/explain';
import type { Fold } from '../../core/walkforward';
import { readCached, writeCached } from '../cache';
import { explainOutputSchema, type ExplainOutput, type ExplainReport } from '../explainReport';
import type { CellContext } from '../runState';
import type { CellOf } from '../schema';
import { addAttention, attentionReport, type AttentionSum } from './explainAttention';
import type { Explainer, FoldResult } from './explainJob';
import { integratedGradientsExplainer } from './explainIntegratedGradients';
import { trainFoldModel } from './explainModel';
import { combinePermutations, explainPermutationFold } from './explainPermutation';
import { explainShapley } from './explainShapley';
import { chooseWindows, type ChosenWindow } from './explainWindows';
import { need } from './need';
import { trainedOn, walkforwardFolds } from './walkforwardFolds';

type ExplainCell = CellOf<'explain'>;

/** One explainer per method of the declaration: a new method is one entry here. */
const EXPLAINERS: Record<ExplainCell['method'], Explainer> = {
  shapley: { explain: explainShapley },
  integratedGradients: integratedGradientsExplainer,
  permutation: { explain: explainPermutationFold },
};

export async function runExplainCell(cell: ExplainCell, ctx: CellContext): Promise<void> {
  const { env, state } = ctx;
  const table = need(state, 'table', 'explain', 'features');
  const model = need(state, 'model', 'explain', 'model');
  need(state, 'forecast', 'explain', 'walkforward');
  const explainer = EXPLAINERS[cell.method];
  const refusal = explainer.refuses?.(model.spec);
  if (refusal) throw new Error(refusal);
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
  const { folds } = walkforwardFolds(walkforward, table, model.spec.lookback);
  const groups = attributionGroups(table.names, model.spec.lookback, cell.grouping, cell.recentLags);
  const byFold = new Map<number, ChosenWindow[]>();
  for (const c of chooseWindows(cell, folds, table, model.spec.lookback)) byFold.set(c.fold.index, [...(byFold.get(c.fold.index) ?? []), c]);

  const results: FoldResult[] = [];
  let attention: AttentionSum | null = null;
  let output: ExplainReport['output'] = { kind: 'return' };
  const explained = [...byFold.values()];
  for (const [f, chosen] of explained.entries()) {
    const fold: Fold = chosen[0]!.fold;
    const foldShare = (fraction: number) => (f + fraction) / explained.length;
    const fm = await trainFoldModel(fold, trainedOn(folds, fold, walkforward.refitEvery), {
      table,
      model,
      executor: env.executor,
      seed: state.doc.seed,
      signal: env.signal,
      quantile: cell.quantile,
      onProgress: (p) => ctx.progress(foldShare(0), `fold ${fold.index + 1}: training the model to explain (epoch ${p.epoch}/${p.epochs})`, p),
    });
    output = fm.reader.output;
    try {
      results.push(await explainer.explain({ cell, ctx, model: fm, chosen, groups, progress: (fraction, message) => ctx.progress(foldShare(fraction), message) }));
      if (model.spec.type === 'attention') attention = await addAttention(attention, env.executor, fm, chosen, table, env.signal);
    } finally {
      await env.executor.release(fm.handle);
    }
  }
  state.explain = assemble(cell, ctx, groups, explained.map((c) => c[0]!.fold.index), output, results);
  if (attention) state.explain.report.attention = attentionReport(attention);
  ctx.cacheUse('miss');
  if (ctx.key && env.cache) ctx.cacheProblem(await writeCached(env.cache, ctx.key, state.explain));
  const report = state.explain.report;
  ctx.progress(1, report.additivityError === null ? `${cell.method} done` : `${report.windows.length} windows explained, additivity error ${report.additivityError.toExponential(1)}`);
}

function assemble(cell: ExplainCell, ctx: CellContext, groups: readonly AttributionGroup[], folds: number[], output: ExplainReport['output'], results: FoldResult[]): ExplainOutput {
  const series: ExplainOutput['series'] = { spans: groups.map(({ feature, lagFrom, lagTo }) => ({ feature, lagFrom, lagTo })), time: [], featureValues: [] };
  const perWindow = results.filter((r): r is Extract<FoldResult, { kind: 'windows' }> => r.kind === 'windows');
  const globals = results.filter((r): r is Extract<FoldResult, { kind: 'global' }> => r.kind === 'global');
  const windows = perWindow.flatMap((r) => r.windows);
  for (const r of perWindow) {
    series.time.push(...r.time);
    series.featureValues.push(...r.featureValues);
  }
  const table = ctx.state.table!;
  const cells = perWindow.flatMap((r) => r.cells ?? []);
  if (cells.length) series.cells = { features: [...table.names], lookback: ctx.state.model!.spec.lookback, values: cells };
  const combined = globals.length ? combinePermutations(globals) : null;
  const estimator: ExplainReport['estimator'] = perWindow[0]?.estimator ?? (combined ? 'permutation' : usesExact(groups.length) ? 'exact' : 'kernel');
  const notes = perWindow.length ? forecastCheck(ctx, windows, series.time, output) : [];
  if (estimator === 'kernel') notes.push(`Kernel SHAP with ${kernelCoalitionCount(cell.coalitions)} coalitions per window (${groups.length} groups is more than 12)`);
  const report: ExplainReport = {
    method: cell.method,
    estimator,
    grouping: cell.grouping,
    output,
    groups: groups.map((g) => g.name),
    backgroundSize: perWindow[0]?.backgroundSize ?? 0,
    coalitions: perWindow[0]?.coalitions ?? 0,
    folds,
    global: combined ? combined.global : globalImportance(groups.map((g) => g.name), windows),
    windows,
    additivityError: perWindow.length ? additivityError(windows) : null,
    standardError: estimator === 'kernel' ? windows.reduce((m, w) => Math.max(m, ...(w.standardError ?? [])), 0) : null,
    ...(estimator === 'integratedGradients' ? { integratedGradients: integratedGradientsSummary(cell, perWindow) } : {}),
    ...(combined ? { permutation: combined.permutation } : {}),
    notes,
  };
  return { report, series };
}

function integratedGradientsSummary(cell: ExplainCell, perWindow: readonly Extract<FoldResult, { kind: 'windows' }>[]): NonNullable<ExplainReport['integratedGradients']> {
  const windows = perWindow.flatMap((r) => r.windows);
  return {
    steps: cell.steps,
    maxStepsUsed: windows.reduce((m, w) => Math.max(m, w.steps ?? cell.steps), cell.steps),
    relativeError: perWindow.reduce((m, r) => Math.max(m, r.relativeError ?? 0), 0),
  };
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
