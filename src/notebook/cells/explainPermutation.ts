import { meanSquaredError, permutationImportance, type AttributionGroup, type Loss } from '../../core/explain';
import type { Fold } from '../../core/walkforward';
import type { ExplainReport } from '../explainReport';
import type { CellContext } from '../runState';
import type { CellOf } from '../schema';
import { batchPredict, type FoldModel } from './explainModel';

/** Brier score of P(up) against the sign of the actual return. */
const brier: Loss = (p, a) => a.reduce((s, y, i) => s + (p[i]! - (y > 0 ? 1 : 0)) ** 2, 0) / a.length;

function pinball(level: number): Loss {
  return (p, a) => a.reduce((s, y, i) => s + Math.max(level * (y - p[i]!), (level - 1) * (y - p[i]!)), 0) / a.length;
}

/** Permutation importance of each group on the fold's test windows, with the loss of the explained output. */
export async function explainPermutation(
  cell: CellOf<'explain'>,
  ctx: CellContext,
  fm: FoldModel,
  groups: readonly AttributionGroup[],
  fold: Fold,
  onGroup: (done: number, total: number) => void,
): Promise<{ permutation: NonNullable<ExplainReport['permutation']>; global: ExplainReport['global'] }> {
  const table = ctx.state.table!;
  const test = fm.data.test;
  const actual = Array.from(test.rows, (row) => table.target[row]!);
  const output = fm.reader.output;
  const [name, loss] =
    output.kind === 'probability' ? ['Brier score of P(up)', brier] as const : output.kind === 'quantile' ? [`pinball loss at ${output.level}`, pinball(output.level)] as const : ['mean squared error', meanSquaredError] as const;
  const result = await permutationImportance(batchPredict(ctx.env.executor, fm, table, ctx.env.signal), { x: test.x, n: test.n }, actual, groups, loss, {
    repeats: cell.repeats,
    seed: cell.seed + fold.index,
    signal: ctx.env.signal,
    onGroup,
  });
  const global = groups
    .map((g, i) => ({ group: g.name, meanAbs: Math.abs(result.increase[i]!.mean), meanSigned: result.increase[i]!.mean, spread: result.increase[i]!.spread }))
    .sort((a, b) => b.meanAbs - a.meanAbs);
  return { permutation: { loss: name, baseLoss: result.baseLoss, repeats: cell.repeats }, global };
}
