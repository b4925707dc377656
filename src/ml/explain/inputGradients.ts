/**
 * d prediction / d window for a trained model (Executor.inputGradients): the fused engine for
 * LSTM/GRU, tf.grad for the other tfjs models, each array model's closed form, and the weighted
 * sum of the members' for an ensemble. Works in chunks, reporting progress and yielding between
 * them so a cancel can arrive.
 */
import { CancelledError, type GradientOptions, type WindowedData } from '../../core/executor';
import type { TrainedModel } from '../models/types';
import { yieldToEventLoop } from '../optimization';
import { predict } from '../train';
import { fusedEngineFor, fusedInputGradients } from './fusedGradients';
import { layersInputGradients, type GradientTarget } from './layersGradients';

const LAYERS_CHUNK = 256;

/** The stacked ensemble's clamp of a direction probability (ensemble.ts combinePredictions). */
const P_MIN = 0.001;
const P_MAX = 0.999;

export async function inputGradients(trained: TrainedModel, data: WindowedData, options: GradientOptions = {}): Promise<Float32Array> {
  const output = options.output ?? 0;
  checkRequest(trained, data, output);
  const stride = data.lookback * data.features;
  const out = new Float32Array(data.n * stride);
  let done = 0;
  await gradientsInto(trained, data, output, out, options, (rows) => {
    done += rows;
    options.onProgress?.({ done, total: data.n });
  });
  return out;
}

/** Throws, naming the mismatch, unless `data` are windows of the model and `output` one of its columns. */
export function checkRequest(trained: TrainedModel, data: WindowedData, output: number): void {
  const { n, lookback, features } = data;
  if (lookback !== trained.lookback || features !== trained.features) {
    throw new Error(`inputGradients: the model reads windows of ${trained.lookback} x ${trained.features}, got ${lookback} x ${features}; rebuild the windows`);
  }
  if (!Number.isInteger(n) || n < 1 || data.x.length !== n * lookback * features) {
    throw new Error(`inputGradients: x has ${data.x.length} values, expected n * lookback * features = ${n} * ${lookback} * ${features}`);
  }
  if (!Number.isInteger(output) || output < 0 || output >= trained.outputs) {
    throw new Error(`inputGradients: output ${output} is not a column of the model's ${trained.outputs} outputs (0 .. ${trained.outputs - 1})`);
  }
}

async function gradientsInto(
  trained: TrainedModel,
  data: WindowedData,
  output: number,
  out: Float32Array,
  options: GradientOptions,
  onRows: (rows: number) => void,
): Promise<void> {
  const { built } = trained;
  const target: GradientTarget = { output, probability: trained.target.type === 'direction' };
  if (built.kind === 'array') {
    const closed = built.model.inputGradients;
    if (!closed) throw new Error(`inputGradients: the ${trained.spec.type} model has no input gradient; explain it with Shapley values or permutation`);
    out.set(closed.call(built.model, data, output));
    onRows(data.n);
    return;
  }
  if (built.kind === 'ensemble') {
    await ensembleGradients(trained, built, data, output, out, options);
    onRows(data.n);
    return;
  }
  const engine = await fusedEngineFor(trained);
  const chunk = engine ? engine.shape.maxBatch : LAYERS_CHUNK;
  const stride = data.lookback * data.features;
  for (let start = 0; start < data.n; start += chunk) {
    if (options.signal?.aborted) throw new CancelledError();
    const rows = Math.min(chunk, data.n - start);
    const x = data.x.subarray(start * stride, (start + rows) * stride);
    const g = engine ? fusedInputGradients(engine, x, rows, target) : await layersInputGradients(built.model, x, rows, data.lookback, data.features, target);
    out.set(g, start * stride);
    onRows(rows);
    await yieldToEventLoop();
  }
  if (options.signal?.aborted) throw new CancelledError();
}

type EnsembleModel = Extract<TrainedModel['built'], { kind: 'ensemble' }>;

/** Mean: the members' average; stacked: their stacking weights for the output's horizon step. */
async function ensembleGradients(
  trained: TrainedModel,
  built: EnsembleModel,
  data: WindowedData,
  output: number,
  out: Float32Array,
  options: GradientOptions,
): Promise<void> {
  const m = built.members.length;
  const step = Math.floor(output / (trained.outputs / trained.horizon));
  const stack = built.combine === 'stacked' ? built.stack : null;
  const weightOf = (k: number): number => (stack ? stack.weights[k * trained.horizon + step]! : 1 / m);
  const stride = data.lookback * data.features;
  const memberOptions: GradientOptions = { output, ...(options.signal ? { signal: options.signal } : {}) };
  for (let k = 0; k < m; k++) {
    const g = await inputGradients(built.members[k]!, data, memberOptions);
    const w = weightOf(k);
    for (let i = 0; i < out.length; i++) out[i]! += w * g[i]!;
  }
  if (!stack || trained.target.type !== 'direction') return;
  // Where the stacked probability is clamped the prediction does not move: its gradient is 0.
  const preds = await Promise.all(built.members.map((member) => predict(member, data)));
  for (let r = 0; r < data.n; r++) {
    let s = stack.intercept[step]!;
    preds.forEach((p, k) => (s += weightOf(k) * p[r * trained.outputs + output]!));
    if (s <= P_MIN || s >= P_MAX) out.fill(0, r * stride, (r + 1) * stride);
  }
}
