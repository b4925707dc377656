/**
 * The stacked recurrent body shared by LSTM and GRU: `layers` cells (all but the last return
 * sequences), seeded dropout between them, then Dense(outputs) on the last state.
 */
import * as tf from '@tensorflow/tfjs';
import type { GruSpec, LstmSpec } from '../../core/executor';
import { SeededDropout } from './layers';
import { seedStream, type ModelShape } from './types';

export function buildRecurrent(
  cell: 'lstm' | 'gru',
  spec: LstmSpec | GruSpec,
  shape: ModelShape,
  seed: number,
): tf.LayersModel {
  const next = seedStream(seed);
  const { layers, dropout, recurrentDropout } = spec;
  const model = tf.sequential();
  for (let i = 0; i < layers; i++) {
    const args = {
      ...(i === 0 ? { inputShape: [spec.lookback, shape.features] } : {}),
      units: spec.units,
      // tfjs defaults to hardSigmoid, PyTorch/Keras use sigmoid: always explicit, always recorded.
      recurrentActivation: spec.recurrentActivation,
      kernelInitializer: tf.initializers.glorotUniform({ seed: next() }),
      recurrentInitializer: tf.initializers.orthogonal({ seed: next() }),
      returnSequences: i < layers - 1,
      ...(recurrentDropout > 0 ? { recurrentDropout, dropoutFunc: seededDropout(next()) } : {}),
    };
    model.add(cell === 'lstm' ? tf.layers.lstm(args) : tf.layers.gru(args));
    if (i < layers - 1 && dropout > 0) model.add(new SeededDropout({ rate: dropout, seed: next() }));
  }
  model.add(tf.layers.dense({ units: shape.outputs, kernelInitializer: tf.initializers.glorotUniform({ seed: next() }) }));
  return model;
}

/**
 * tfjs recurrent layers draw their dropout masks with an unseeded Math.random unless given a
 * `dropoutFunc` (LSTMLayerArgs / GRULayerArgs). Mask k of a layer built with seed s is drawn from
 * seed s + 7919 k, so the same seed drops the same units in every run (a fixed seed alone would
 * repeat one mask forever).
 */
function seededDropout(seed: number): (x: tf.Tensor, rate: number) => tf.Tensor {
  let calls = 0;
  return (x, rate) => tf.dropout(x, rate, undefined, seed + 7919 * calls++);
}
