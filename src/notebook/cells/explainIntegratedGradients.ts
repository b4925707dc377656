/**
 * Integrated gradients for the explain cell: each chosen test window's feature x lag attribution
 * along the straight path from the mean of a background drawn from the fold's training windows,
 * through the executor's predictOutput (the fused forward for LSTM/GRU) and inputGradients (the
 * fused backward pass, or tf.grad). The report's group values are the sums of their cells.
 */
import type { ModelSpec, WindowedData } from '../../core/executor';
import { backgroundMean, drawBackground, integratedGradients } from '../../core/explain';
import { isoDate } from '../../core/frame';
import type { Explainer, FoldExplainer, FoldResult } from './explainJob';
import { batchPredict } from './explainModel';
import { featureValue } from './explainShapley';

/** The models with an input gradient that says something: differentiable networks. */
const NEURAL: readonly ModelSpec['type'][] = ['lstm', 'gru', 'cnnLstm', 'mlp', 'attention'];

export function refusesIntegratedGradients(spec: ModelSpec): string | null {
  const neural = NEURAL.includes(spec.type) || (spec.type === 'ensemble' && spec.members.every((m) => NEURAL.includes(m.type)));
  if (neural) return null;
  const what = spec.type === 'ensemble' ? `an ensemble with a ${spec.members.find((m) => !NEURAL.includes(m.type))!.type} member` : `the ${spec.type} model`;
  return `explain: method "integratedGradients" needs a neural model (${NEURAL.join(', ')}, or an ensemble of them), and the model cell holds ${what}; use method "shapley" or "permutation" for it`;
}

const explainFold: FoldExplainer = async ({ cell, ctx, model, chosen, groups, progress }) => {
  const { env } = ctx;
  const table = ctx.state.table!;
  const { train, test } = model.data;
  const { lookback, features } = test;
  const width = lookback * features;
  const fold = chosen[0]!.fold;
  const background = drawBackground({ x: train.x, n: train.n }, cell.backgroundSize, cell.seed + fold.index);
  const x = new Float32Array(chosen.length * width);
  chosen.forEach((c, i) => x.set(test.x.subarray(c.index * width, (c.index + 1) * width), i * width));
  const { column, scale } = model.reader;
  const options = { output: column, ...(env.signal ? { signal: env.signal } : {}) };
  const windows = (batch: Float32Array, rows: number): WindowedData => ({ x: batch, y: new Float32Array(rows * table.steps), n: rows, lookback, features, horizon: table.steps });
  const ig = await integratedGradients({
    x,
    n: chosen.length,
    lookback,
    features,
    baseline: backgroundMean(background.x, background.n, lookback, features),
    steps: cell.steps,
    ...(env.signal ? { signal: env.signal } : {}),
    // In the report's units, as batchPredict's values: times the fold's target std (1 for P(up)).
    predict: batchPredict(env.executor, model, table, env.signal),
    gradients: async (batch, rows) => Float64Array.from(await env.executor.inputGradients(model.handle, windows(batch, rows), options), (g) => g * scale),
    onProgress: (done, total) => progress(done / total, `explained ${done} of ${total} windows of fold ${fold.index + 1} (integrated gradients)`),
  });
  const result: Extract<FoldResult, { kind: 'windows' }> = {
    kind: 'windows',
    estimator: 'integratedGradients',
    backgroundSize: background.n,
    coalitions: 0,
    windows: [],
    time: [],
    featureValues: [],
    cells: [],
    relativeError: ig.relativeError,
  };
  ig.windows.forEach((w, i) => {
    const row = test.rows[chosen[i]!.index]!;
    result.windows.push({
      date: isoDate(table.time[row]!),
      base: ig.baseValue,
      prediction: w.prediction,
      values: groups.map((g) => g.cells.reduce((sum, c) => sum + w.values[c]!, 0)),
      steps: w.steps,
    });
    result.time.push(table.time[row]!);
    result.featureValues.push(groups.map((g) => featureValue(table, g, row)));
    result.cells!.push(Array.from(w.values));
  });
  return result;
};

export const integratedGradientsExplainer: Explainer = { explain: explainFold, refuses: (spec) => refusesIntegratedGradients(spec) };
