/**
 * Transformer encoder: Dense(dModel) projection of each bar, sinusoidal positions, `blocks`
 * pre-norm blocks (x + Dropout(MHSA(LN(x))), x + Dropout(FF(LN(x)))), a final LayerNorm,
 * global average pooling over time and a dense head. Custom layers live in layers.ts (registered
 * for serialization).
 */
import * as tf from '@tensorflow/tfjs';
import type { AttentionSpec } from '../../core/executor';
import { LayerNorm, MultiHeadSelfAttention, PositionalEncoding, SeededDropout } from './layers';
import { seedStream, type ModelDefinition, type ModelShape } from './types';

export function buildAttention(spec: AttentionSpec, shape: ModelShape, seed: number): tf.LayersModel {
  if (spec.dModel % spec.heads !== 0) {
    throw new Error(`attention.dModel (${spec.dModel}) must be divisible by attention.heads (${spec.heads})`);
  }
  const next = seedStream(seed);
  const dense = (units: number, activation?: 'relu'): tf.layers.Layer =>
    tf.layers.dense({ units, ...(activation ? { activation } : {}), kernelInitializer: tf.initializers.glorotUniform({ seed: next() }) });
  const dropout = (x: tf.SymbolicTensor): tf.SymbolicTensor =>
    spec.dropout > 0 ? (new SeededDropout({ rate: spec.dropout, seed: next() }).apply(x) as tf.SymbolicTensor) : x;
  const apply = (layer: tf.layers.Layer, x: tf.SymbolicTensor | tf.SymbolicTensor[]): tf.SymbolicTensor =>
    layer.apply(x) as tf.SymbolicTensor;

  const input = tf.input({ shape: [spec.lookback, shape.features] });
  let x = apply(new PositionalEncoding(), apply(dense(spec.dModel), input));
  for (let b = 0; b < spec.blocks; b++) {
    // The attention layer seeds its four projections with seed .. seed + 3: reserve them.
    const attentionSeed = next();
    for (let i = 0; i < 3; i++) next();
    const attended = apply(new MultiHeadSelfAttention({ heads: spec.heads, seed: attentionSeed }), apply(new LayerNorm(), x));
    x = apply(tf.layers.add(), [x, dropout(attended)]);
    const ff = apply(dense(spec.dModel), apply(dense(spec.ffDim, 'relu'), apply(new LayerNorm(), x)));
    x = apply(tf.layers.add(), [x, dropout(ff)]);
  }
  const pooled = apply(tf.layers.globalAveragePooling1d(), apply(new LayerNorm(), x));
  return tf.model({ inputs: input, outputs: apply(dense(shape.outputs), pooled) });
}

export const attention: ModelDefinition<AttentionSpec> = {
  type: 'attention',
  trainable: true,
  build: (spec, shape, seed) => ({ kind: 'layers', model: buildAttention(spec, shape, seed) }),
};
