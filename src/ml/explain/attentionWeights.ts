/**
 * The attention model's own account of where it looked: the softmax attention weights of every
 * MultiHeadSelfAttention block, averaged over blocks, heads and query steps, per key step of the
 * window. Each window's row sums to 1 (every softmax row does). Not an attribution: it says
 * which bars were read, not how they moved the prediction.
 */
import * as tf from '@tensorflow/tfjs';
import { CancelledError, type WindowedData } from '../../core/executor';
import { MultiHeadSelfAttention } from '../models/layers';
import type { TrainedModel } from '../models/types';
import { yieldToEventLoop } from '../optimization';

/** The model's attention blocks (none: not an attention model). */
export function attentionLayers(model: tf.LayersModel): MultiHeadSelfAttention[] {
  return model.layers.filter((l): l is MultiHeadSelfAttention => l instanceof MultiHeadSelfAttention);
}

/**
 * [rows, lookback] for windows x [rows, lookback, features]: column t is the window's step t
 * (t = lookback - 1 is the latest bar, lag 0), the mean attention every query paid to it.
 */
export async function attentionByStep(model: tf.LayersModel, x: Float32Array, rows: number, lookback: number, features: number): Promise<Float32Array> {
  const blocks = attentionLayers(model);
  if (blocks.length === 0) throw new Error('attention weights: the model has no attention block; they exist for the attention model only');
  const mean = tf.tidy(() => {
    const xt = tf.tensor3d(x, [rows, lookback, features]);
    const inputs = model.execute(xt, blocks.map((b) => (b.input as tf.SymbolicTensor).name));
    const list = Array.isArray(inputs) ? inputs : [inputs];
    // [rows, heads, query, key] -> mean over heads and queries -> [rows, key]; then over blocks.
    const perBlock = list.map((h, i) => blocks[i]!.probabilities(h).mean([1, 2]));
    return tf.addN(perBlock).div(perBlock.length);
  });
  try {
    return Float32Array.from(await mean.data());
  } finally {
    mean.dispose();
  }
}

const CHUNK = 256;

/** Executor.attentionWeights for a trained model: [n, lookback], in chunks, cancellable between them. */
export async function attentionWeights(trained: TrainedModel, data: WindowedData, signal?: AbortSignal): Promise<Float32Array> {
  const { built } = trained;
  if (built.kind !== 'layers' || attentionLayers(built.model).length === 0) {
    throw new Error(`attention weights: the ${trained.spec.type} model has none; they exist for the attention model only`);
  }
  const { n, lookback, features } = data;
  if (lookback !== trained.lookback || features !== trained.features || data.x.length !== n * lookback * features) {
    throw new Error(`attention weights: the model reads windows of ${trained.lookback} x ${trained.features}, got ${n} windows of ${lookback} x ${features} (${data.x.length} values)`);
  }
  const out = new Float32Array(n * lookback);
  const stride = lookback * features;
  for (let start = 0; start < n; start += CHUNK) {
    if (signal?.aborted) throw new CancelledError();
    const rows = Math.min(CHUNK, n - start);
    out.set(await attentionByStep(built.model, data.x.subarray(start * stride, (start + rows) * stride), rows, lookback, features), start * lookback);
    await yieldToEventLoop();
  }
  return out;
}
