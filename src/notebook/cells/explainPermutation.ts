import { meanSquaredError, permutationImportance, type Loss } from '../../core/explain';
import type { ExplainReport } from '../explainReport';
import { batchPredict } from './explainModel';
import type { FoldExplainer, FoldResult } from './explainJob';

type GlobalResult = Extract<FoldResult, { kind: 'global' }>;

/** Brier score of P(up) against the sign of the actual return. */
const brier: Loss = (p, a) => a.reduce((s, y, i) => s + (p[i]! - (y > 0 ? 1 : 0)) ** 2, 0) / a.length;

function pinball(level: number): Loss {
  return (p, a) => a.reduce((s, y, i) => s + Math.max(level * (y - p[i]!), (level - 1) * (y - p[i]!)), 0) / a.length;
}

/** Permutation importance of each group on the fold's test windows, with the loss of the explained output. */
export const explainPermutationFold: FoldExplainer = async ({ cell, ctx, model, chosen, groups, progress }) => {
  const table = ctx.state.table!;
  const test = model.data.test;
  const actual = Array.from(test.rows, (row) => table.target[row]!);
  const output = model.reader.output;
  const [name, loss] =
    output.kind === 'probability'
      ? (['Brier score of P(up)', brier] as const)
      : output.kind === 'quantile'
        ? ([`pinball loss at ${output.level}`, pinball(output.level)] as const)
        : (['mean squared error', meanSquaredError] as const);
  const fold = chosen[0]!.fold;
  const result = await permutationImportance(batchPredict(ctx.env.executor, model, table, ctx.env.signal), { x: test.x, n: test.n }, actual, groups, loss, {
    repeats: cell.repeats,
    seed: cell.seed + fold.index,
    signal: ctx.env.signal,
    onGroup: (done, total) => progress(done / total, `fold ${fold.index + 1}: permuted ${done} of ${total} groups`),
  });
  const global = groups
    .map((g, i) => ({ group: g.name, meanAbs: Math.abs(result.increase[i]!.mean), meanSigned: result.increase[i]!.mean, spread: result.increase[i]!.spread }))
    .sort((a, b) => b.meanAbs - a.meanAbs);
  return { kind: 'global', global, permutation: { loss: name, baseLoss: result.baseLoss, repeats: cell.repeats } };
};

/** Several folds' permutation importances as one: the means of their mean increases and spreads. */
export function combinePermutations(results: readonly GlobalResult[]): { global: ExplainReport['global']; permutation: GlobalResult['permutation'] } {
  const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;
  const entries = (group: string) => results.map((r) => r.global.find((g) => g.group === group)!);
  const global = results[0]!.global
    .map(({ group }) => {
      const meanSigned = mean(entries(group).map((g) => g.meanSigned));
      return { group, meanAbs: Math.abs(meanSigned), meanSigned, spread: mean(entries(group).map((g) => g.spread)) };
    })
    .sort((a, b) => b.meanAbs - a.meanAbs);
  return { global, permutation: { ...results[0]!.permutation, baseLoss: mean(results.map((r) => r.permutation.baseLoss)) } };
}
