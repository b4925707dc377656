/**
 * LSTM forecaster: LSTM(units) over the lookback window, then Dense(horizon) on the last state.
 * Initializers are seeded so the same seed gives the same starting weights on every run.
 */
import * as tf from '@tensorflow/tfjs';
import type { LstmSpec } from '../../core/executor';

export function buildLstm(spec: LstmSpec, features: number, horizon: number, seed: number): tf.LayersModel {
  if (!Number.isInteger(spec.units) || spec.units < 1) {
    throw new Error(`LSTM units must be an integer >= 1, got ${spec.units}`);
  }
  if (!Number.isInteger(spec.lookback) || spec.lookback < 1) {
    throw new Error(`LSTM lookback must be an integer >= 1, got ${spec.lookback}`);
  }
  const model = tf.sequential();
  model.add(
    tf.layers.lstm({
      inputShape: [spec.lookback, features],
      units: spec.units,
      // tfjs defaults to hardSigmoid, PyTorch/Keras use sigmoid: always explicit, always recorded.
      recurrentActivation: spec.recurrentActivation,
      kernelInitializer: tf.initializers.glorotUniform({ seed }),
      recurrentInitializer: tf.initializers.orthogonal({ seed: seed + 1 }),
      returnSequences: false,
    }),
  );
  model.add(
    tf.layers.dense({
      units: horizon,
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 2 }),
    }),
  );
  return model;
}
