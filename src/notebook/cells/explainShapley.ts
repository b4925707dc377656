import { backgroundBase, drawBackground, groupOfCell, windowShapley, type AttributionGroup } from '../../core/explain';
import type { FeatureTable } from '../../core/featureTable';
import { isoDate } from '../../core/frame';
import { batchPredict } from './explainModel';
import type { FoldExplainer } from './explainJob';

/** A feature's own (unscaled) value at the newest lag its group holds: its colour in the beeswarm. */
export function featureValue(table: FeatureTable, group: AttributionGroup, row: number): number | null {
  if (group.feature === null) return null;
  const value = table.features[table.names.indexOf(group.feature)]?.[row - group.lagFrom];
  return value !== undefined && Number.isFinite(value) ? value : null;
}

/** Group Shapley values of each chosen window against a background from the fold's training windows. */
export const explainShapley: FoldExplainer = async ({ cell, ctx, model, chosen, groups, progress }) => {
  const { env } = ctx;
  const table = ctx.state.table!;
  const predict = batchPredict(env.executor, model, table, env.signal);
  const { train, test } = model.data;
  const width = test.lookback * test.features;
  const background = drawBackground({ x: train.x, n: train.n }, cell.backgroundSize, cell.seed + chosen[0]!.fold.index);
  const owner = groupOfCell(groups, width);
  const base = await backgroundBase(predict, background);
  const result: Extract<Awaited<ReturnType<FoldExplainer>>, { kind: 'windows' }> = {
    kind: 'windows',
    estimator: 'exact',
    backgroundSize: background.n,
    coalitions: 0,
    windows: [],
    time: [],
    featureValues: [],
  };
  for (const [i, c] of chosen.entries()) {
    const window = test.x.slice(c.index * width, (c.index + 1) * width);
    const shapley = await windowShapley(predict, window, background, owner, groups.length, base, { coalitions: cell.coalitions, seed: cell.seed + c.index, signal: env.signal });
    const row = test.rows[c.index]!;
    result.estimator = shapley.method;
    result.coalitions = shapley.coalitions;
    result.windows.push({
      date: isoDate(table.time[row]!),
      base: shapley.base,
      prediction: shapley.prediction,
      values: Array.from(shapley.values),
      ...(shapley.standardError ? { standardError: Array.from(shapley.standardError) } : {}),
    });
    result.time.push(table.time[row]!);
    result.featureValues.push(groups.map((g) => featureValue(table, g, row)));
    progress((i + 1) / chosen.length, `explained ${i + 1} of ${chosen.length} windows of fold ${c.fold.index + 1}`);
  }
  return result;
};
