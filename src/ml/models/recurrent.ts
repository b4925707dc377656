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
      ...(recurrentDropout > 0 ? { recurrentDropout } : {}),
    };
    model.add(cell === 'lstm' ? tf.layers.lstm(args) : tf.layers.gru(args));
    if (i < layers - 1 && dropout > 0) model.add(new SeededDropout({ rate: dropout, seed: next() }));
  }
  model.add(tf.layers.dense({ units: shape.outputs, kernelInitializer: tf.initializers.glorotUniform({ seed: next() }) }));
  return model;
}
